"""A vCard's middle names, prefix and suffix survive import into the file and export again."""

from __future__ import annotations

import datetime as dt

from careerdesk.core import models as m
from careerdesk.io import contact_import
from careerdesk.io.contact_export import export

CARD = """BEGIN:VCARD
VERSION:3.0
N:Hopper;Grace;Brewster Murray;Rear Admiral;PhD
FN:Rear Admiral Grace Brewster Murray Hopper, PhD
EMAIL:grace@example.org
END:VCARD
"""


def test_middle_names_prefix_and_suffix_round_trip_through_the_file(db_path, tmp_path):
    source = tmp_path / "in.vcf"
    source.write_text(CARD, encoding="utf-8")
    preview = contact_import.preview(contact_import.read_file("vcard", source))
    contact_import.apply(preview, today=dt.date(2026, 11, 23))
    grace = m.Contact.get()
    assert (grace.first_name, grace.middle_name, grace.last_name) == (
        "Grace",
        "Brewster Murray",
        "Hopper",
    )
    assert (grace.name_prefix, grace.name_suffix) == ("Rear Admiral", "PhD")
    out = tmp_path / "out.vcf"
    assert export("vcard", out) == 1
    assert "N:Hopper;Grace;Brewster Murray;Rear Admiral;PhD" in out.read_text("utf-8")
