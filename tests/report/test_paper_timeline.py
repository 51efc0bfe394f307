"""The timeline on paper: tiled pages carry the axis and the lanes; fit mode stays readable."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from .pdf_helpers import export, images, page_sizes, pages_text, word_heights

TODAY = dt.date(2026, 11, 23)
LANES = ("Job title", "Leadership", "Expertise", "Network", "Learning")


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory, example_plan_file):
    path = tmp_path_factory.mktemp("timeline") / "example.db"
    path.write_bytes(example_plan_file.read_bytes())
    return path


def _font_sizes(pdf, index):
    sizes = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            sizes.append(size * abs(tm[3]) * abs(cm[3]))

    PdfReader(str(pdf)).pages[index].extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("landscape", [False, True])
def test_ten_years_tiled_gives_pages_each_with_axis_and_lanes(plan_file, tmp_path, landscape):
    out = tmp_path / "tiled.pdf"
    lo, hi = dt.date(2024, 1, 1), dt.date(2033, 12, 31)
    count = export(
        plan_file,
        out,
        TODAY,
        sections=("timeline",),
        timeline="tile",
        date_from=lo,
        date_to=hi,
        landscape=landscape,
    )
    assert count >= 8
    texts = pages_text(out)
    assert len(texts) == count
    years_seen = set()
    for n, text in enumerate(texts, start=1):
        assert "Timeline:" in text
        assert f"column {n} of {count}" in text and f"sheet 1.{n}" in text
        for lane in LANES:
            assert lane in text, (n, lane)
        years = {y for y in range(2024, 2034) if str(y) in text.split("Timeline:")[1][:400]}
        assert years, n  # the axis names the years of this page
        years_seen |= years
        assert f"page {n} of {count}" in text
    assert years_seen == set(range(2024, 2034))
    width, height = page_sizes(out)[0]
    assert (width > height) == landscape
    assert images(out) == []


def test_fit_mode_is_one_page_with_no_text_under_7_points(plan_file, tmp_path):
    out = tmp_path / "fit.pdf"
    count = export(plan_file, out, TODAY, sections=("timeline",), timeline="fit")
    assert count == 1
    text = pages_text(out)[0]
    for lane in LANES:
        assert lane in text
    assert "Become a Staff Engineer" in text
    sizes = _font_sizes(out, 0)
    assert sizes and min(sizes) >= 7.0
    # And as poppler measures the words: a 7 pt font is at least 7 pt tall on the page.
    heights = [h for _w, h in word_heights(out, 1)]
    assert heights and min(heights) >= 7.0


def test_fit_mode_in_landscape_fills_the_page(plan_file, tmp_path):
    out = tmp_path / "fit-landscape.pdf"
    assert (
        export(plan_file, out, TODAY, sections=("timeline",), timeline="fit", landscape=True) == 1
    )
    width, height = page_sizes(out)[0]
    assert width > height
    words = word_heights(out, 1)
    # The lane names sit down the whole page, not in a strip at its top.
    assert any(w == "history" for w, _h in words)


def test_no_timeline_when_its_mode_is_none(plan_file, tmp_path):
    out = tmp_path / "none.pdf"
    export(plan_file, out, TODAY, sections=("cover", "timeline"), timeline="none")
    assert not any("Timeline:" in t for t in pages_text(out))
