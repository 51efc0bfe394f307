"""read_file, preview and apply on a real database file: statuses, merging, all or nothing."""

import datetime as dt
from pathlib import Path

import pytest

from careerdesk.core import models as m
from careerdesk.core import network
from careerdesk.core.changes import NOTHING
from careerdesk.io import contact_import
from careerdesk.io.contact_import import apply, preview, read_file
from careerdesk.io.contact_record import ImportFileError

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 11, 23)

LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def snapshot():
    """Everything an import may touch, as comparable rows."""
    return {
        model.__name__: [tuple(row.values()) for row in model.select().order_by(model.id).dicts()]
        for model in (m.Contact, m.Tag, m.ContactTag, m.Employment)
    }


def import_file(kind, path, mapping=None):
    plan = preview(read_file(kind, path, mapping))
    return plan, apply(plan, today=TODAY).changes


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def statuses(plan):
    return [(row.line, row.status) for row in plan.rows]


def test_linkedin_import_preview_then_write(db_path):
    plan = preview(read_file("linkedin", FIXTURES / "linkedin_connections.csv"))
    assert statuses(plan) == [
        (5, "new"),
        (6, "new"),
        (8, "new"),
        (10, "new"),
        (11, "duplicate"),
        (13, "new"),  # a bad optional "Connected On": the row stays without it
        (14, "rejected"),
        (15, "new"),
    ]
    assert plan.rows[4].reason == "same LinkedIn URL as line 5; merged into it"
    assert plan.rows[5].reason == (
        "left out what could not be read: Connected On: '31 Feb 2017' is not a date "
        "(expected e.g. 2019-03-14 or 14 Mar 2019)"
    )
    assert plan.summary() == "6 new, 0 updated, 1 duplicate, 1 rejected"
    assert m.Contact.select().count() == 0  # a preview writes nothing
    changes = apply(plan, today=TODAY).changes
    assert changes.contacts
    ada = m.Contact.get(m.Contact.last_name == "Lovelace")
    assert (ada.email, ada.position, ada.connected_on) == (
        "ada@analytical.example",
        "Head of Research, Computing",
        dt.date(2019, 3, 14),
    )
    assert (ada.source, ada.added_date, ada.relationship) == ("linkedin", TODAY, "other")
    assert m.Contact.select().count() == 6
    margaret = m.Contact.get(m.Contact.last_name == "Hamilton")
    assert (margaret.company, margaret.connected_on) == ("MIT", None)


def test_importing_the_same_file_twice_changes_nothing(db_path):
    for kind, name in [
        ("linkedin", "linkedin_connections.csv"),
        ("vcard", "apple_30.vcf"),
        ("vcard", "outlook_21.vcf"),
        ("csv", "contacts_utf8_bom.csv"),
    ]:
        import_file(kind, FIXTURES / name)
        before = snapshot()
        plan, changes = import_file(kind, FIXTURES / name)
        assert plan.count("new") == plan.count("updated") == 0, name
        assert changes == NOTHING
        assert snapshot() == before, name


@pytest.mark.parametrize(
    ("kind", "name", "new", "rejected"),
    [
        ("linkedin", "linkedin_connections_old.csv", 2, 0),
        ("vcard", "outlook_21.vcf", 1, 0),
        ("vcard", "android_21.vcf", 2, 0),
        ("vcard", "apple_30.vcf", 1, 0),
        ("vcard", "google_30.vcf", 3, 0),  # the bad EMAIL alone is left out
        ("vcard", "thunderbird_40.vcf", 1, 0),
        ("vcard", "lotus_notes_30.vcf", 1, 1),
        ("csv", "contacts_utf8.csv", 2, 0),
        ("csv", "contacts_utf8_bom.csv", 2, 0),
        ("csv", "contacts_utf16.csv", 2, 0),
        ("csv", "contacts_cp1252.csv", 2, 0),
    ],
)
def test_every_fixture_imports(db_path, kind, name, new, rejected):
    plan, _changes = import_file(kind, FIXTURES / name)
    assert (plan.count("new"), plan.count("rejected")) == (new, rejected)
    assert m.Contact.select().where(m.Contact.source == kind).count() == new


def test_tags_from_a_file_are_created_once_and_linked(db_path):
    import_file("vcard", FIXTURES / "apple_30.vcf")
    yuki = m.Contact.get(m.Contact.last_name == "Nakamura")
    tags = sorted(t.tag.name for t in yuki.tag_links)
    assert tags == ["mentor", "robotics"]
    assert yuki.urls == "https://yuki.example.jp\nhttps://twitter.com/yuki"


def test_linkedin_reimport_after_a_job_change_records_the_move(db_path, tmp_path):
    import_file("linkedin", FIXTURES / "linkedin_connections.csv")
    grace = m.Contact.get(m.Contact.last_name == "Hopper")
    m.Contact.update(notes="Met at the Navy ball", phone="+1 555").where(
        m.Contact.id == grace.id
    ).execute()
    later = write(
        tmp_path,
        "Connections.csv",
        'Notes:\r\n"..."\r\n\r\n'
        + LINKEDIN_HEADER
        + "Grace,Hopper,https://www.linkedin.com/in/gracehopper,grace@example.com,"
        "Remington Rand,Senior Mathematician,02 Jan 2020\r\n",
    )
    plan = preview(read_file("linkedin", later))
    (row,) = plan.rows
    assert row.status == "updated"
    assert row.contact_id == grace.id
    assert "US Navy moves to employment history" in row.reason
    apply(plan, today=TODAY)
    grace = m.Contact.get_by_id(grace.id)
    assert (grace.company, grace.position) == ("Remington Rand", "Senior Mathematician")
    assert grace.email == "grace@example.com"  # was empty: filled
    assert (grace.notes, grace.phone) == ("Met at the Navy ball", "+1 555")  # the user's, kept
    jobs = [(j.company, j.position) for j in grace.employments]
    assert jobs == [("US Navy", 'Rear Admiral "Amazing Grace"')]
    before = snapshot()
    plan, changes = import_file("linkedin", later)
    assert changes == NOTHING and snapshot() == before


def test_merge_keeps_what_the_user_wrote(db_path, tmp_path):
    import_file("linkedin", FIXTURES / "linkedin_connections.csv")
    ada = m.Contact.get(m.Contact.last_name == "Lovelace")
    m.Contact.update(email="ada@home.example", relationship="mentor").where(
        m.Contact.id == ada.id
    ).execute()
    path = write(
        tmp_path,
        "ada.csv",
        "First name,Last name,Company,Email,Phone,Relationship,Tags,LinkedIn URL\n"
        "Ada,Lovelace,Analytical Engines Ltd,ada@work.example,+44 1,peer,math,"
        "http://linkedin.com/in/ada-lovelace-1815/\n",
    )
    plan, _changes = import_file("csv", path)
    assert plan.rows[0].status == "updated"
    ada = m.Contact.get_by_id(ada.id)
    assert ada.email == "ada@home.example"
    assert ada.relationship == "mentor"
    assert ada.phone == "+44 1"
    assert [t.tag.name for t in ada.tag_links] == ["math"]
    assert m.Contact.select().count() == 6


def test_duplicates_within_one_file_are_merged_not_doubled(db_path, tmp_path):
    path = write(
        tmp_path,
        "dupes.csv",
        "First name,Last name,Company,Email,Phone,Tags\n"
        "Ann,Lee,Acme,ann@x.example,,a\n"
        "ANN,LEE,acme,,+1 555,b\n"  # same name and company
        "Annie,Lee,Other,Ann@X.example,,c\n"  # same email, other case
        "Bo,Ng,,bo@x.example,,\n",
    )
    plan, _changes = import_file("csv", path)
    assert statuses(plan) == [(2, "new"), (3, "duplicate"), (4, "duplicate"), (5, "new")]
    assert plan.rows[1].reason == "same name and company as line 2; merged into it"
    assert plan.rows[2].reason == "same email as line 2; merged into it"
    ann = m.Contact.get(m.Contact.email == "ann@x.example")
    assert ann.phone == "+1 555"
    assert sorted(t.tag.name for t in ann.tag_links) == ["a", "b", "c"]
    assert m.Contact.select().count() == 2


def test_two_rows_matching_one_contact_by_different_keys(db_path, tmp_path):
    import_file("linkedin", FIXTURES / "linkedin_connections.csv")
    path = write(
        tmp_path,
        "two.csv",
        "First name,Last name,Email,LinkedIn URL,Phone\n"
        "Jürgen,Müller,j.mueller@example.de,,\n"
        ",,,https://www.linkedin.com/in/juergen-mueller,+49 1\n",
    )
    plan, _changes = import_file("csv", path)
    assert [r.status for r in plan.rows] == ["updated", "duplicate"]
    assert m.Contact.get(m.Contact.last_name == "Müller").phone == "+49 1"
    assert m.Contact.select().count() == 6


def test_vcard_export_import_adds_employment_history_once(db_path, tmp_path):
    path = write(
        tmp_path,
        "a.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Ann;;;\r\nFN:Ann Lee\r\nEMAIL:ann@x\r\n"
        "job1.X-CAREERDESK-JOB-COMPANY:Old Co\r\njob1.X-CAREERDESK-JOB-POSITION:Dev\r\n"
        "job1.X-CAREERDESK-JOB-START:2010-01-01\r\nEND:VCARD\r\n",
    )
    import_file("vcard", path)
    import_file("vcard", path)
    (job,) = m.Employment.select()
    assert (job.company, job.position, job.start_date) == ("Old Co", "Dev", dt.date(2010, 1, 1))


@pytest.mark.parametrize(
    ("kind", "name", "damage"),
    [
        ("linkedin", "linkedin_connections.csv", "truncate"),
        ("linkedin", "linkedin_connections.csv", "binary"),
        ("linkedin", "linkedin_connections.csv", "header only"),
        ("linkedin", "linkedin_connections.csv", "wrong encoding"),
        ("vcard", "google_30.vcf", "truncate"),
        ("vcard", "google_30.vcf", "binary"),
        # (a vCard in a wrong encoding loses the properties it spoils, not the file:
        # see test_vcard_salvage)
        ("csv", "contacts_utf8_bom.csv", "truncate"),
        ("csv", "contacts_utf8_bom.csv", "binary"),
        ("csv", "contacts_utf8_bom.csv", "header only"),
        ("csv", "contacts_cp1252.csv", "wrong encoding"),
    ],
)
def test_malformed_files_are_refused_and_the_database_is_unchanged(
    db_path, tmp_path, kind, name, damage
):
    import_file("vcard", FIXTURES / "apple_30.vcf")
    before = snapshot()
    data = (FIXTURES / name).read_bytes()
    if damage == "truncate":
        data = data[: len(data) * 2 // 3]
        data = data.rstrip(b"\r\n")
    elif damage == "binary":
        data = bytes(range(256)) * 8
    elif damage == "header only":
        data = data[: data.index(b"\n", data.index(b"Last")) + 1]
    else:  # a DOS code page: not UTF-8, not Windows-1252
        text = data.decode("cp1252" if name.endswith("cp1252.csv") else "utf-8-sig")
        data = ("Müller " + text).encode("cp437", "replace")
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ImportFileError) as caught:
        read_file(kind, path)
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and "\n" not in message
    assert snapshot() == before


def test_missing_file_and_unknown_kind_are_clear_errors(db_path, tmp_path):
    with pytest.raises(ImportFileError, match="Cannot read"):
        read_file("csv", tmp_path / "nope.csv")
    with pytest.raises(ImportFileError, match="Unknown import kind 'json'"):
        read_file("json", FIXTURES / "contacts_utf8.csv")
    with pytest.raises(ImportFileError, match="only to CSV"):
        read_file("vcard", FIXTURES / "apple_30.vcf", {"a": "b"})


def test_a_failure_during_the_write_leaves_nothing_behind(db_path, tmp_path):
    rows = "".join(
        f"P{i},Q{i},https://www.linkedin.com/in/p{i},,Co{i % 7},Dev,01 Jan 2020\r\n"
        for i in range(1800)
    )
    path = write(tmp_path, "big.csv", LINKEDIN_HEADER + rows)
    import_file("vcard", FIXTURES / "apple_30.vcf")
    before = snapshot()
    plan = preview(read_file("linkedin", path))
    calls = []

    def cancel_after_first_chunk(done, total):
        calls.append((done, total))
        if len(calls) == 2:
            raise KeyboardInterrupt  # what a cancelled or crashed import looks like

    with pytest.raises(KeyboardInterrupt):
        apply(plan, today=TODAY, progress=cancel_after_first_chunk)
    assert calls == [(500, 1800), (1000, 1800)]
    assert snapshot() == before
    apply(plan, today=TODAY)
    assert m.Contact.select().count() == 1801


def test_progress_reaches_the_total(db_path, tmp_path):
    rows = "".join(f"P{i},Q{i},,,Co,Dev,01 Jan 2020\r\n" for i in range(1200))
    path = write(tmp_path, "c.csv", LINKEDIN_HEADER + rows)
    seen = []
    apply(preview(read_file("linkedin", path)), today=TODAY, progress=lambda d, t: seen.append(d))
    assert seen == [500, 1000, 1200]


def test_an_import_undoes_and_redoes_with_the_same_ids(db_path, tmp_path):
    import_file("linkedin", FIXTURES / "linkedin_connections.csv")
    grace = m.Contact.get(m.Contact.last_name == "Hopper")
    m.Contact.update(notes="Met at the Navy ball").where(m.Contact.id == grace.id).execute()
    before = snapshot()
    # Grace moves job (an update with a job added) and two new people come, one tagged.
    vcards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\n"
        "URL:https://www.linkedin.com/in/gracehopper\r\nEMAIL:grace@example.com\r\n"
        "ORG:Remington Rand\r\nTITLE:Mathematician\r\n"
        "CATEGORIES:navy\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jean Sammet\r\nN:Sammet;Jean;;;\r\n"
        "ORG:IBM\r\nCATEGORIES:languages\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Frances Allen\r\nN:Allen;Frances;;;\r\nEND:VCARD\r\n"
    )
    plan = preview(read_file("vcard", write(tmp_path, "more.vcf", vcards)))
    assert plan.summary() == "2 new, 1 updated, 0 duplicate, 0 rejected"
    done = contact_import.apply(plan, today=TODAY)
    assert done.changes.contacts
    after = snapshot()
    assert len(after["Contact"]) == len(before["Contact"]) + 2
    assert m.Contact.get_by_id(grace.id).company == "Remington Rand"

    undone = done.undo()
    assert undone.changes.contacts
    assert snapshot() == before  # new people, their tags, Grace's job and tag: all gone

    redone = undone.undo()
    assert snapshot() == after  # the same rows, ids and uuids
    redone.undo()
    assert snapshot() == before


def test_undo_of_a_large_import_in_chunks(db_path, tmp_path):
    rows = "".join(
        f"P{i},Q{i},https://www.linkedin.com/in/p{i},,Co{i % 7},Dev,01 Jan 2020\r\n"
        for i in range(1800)
    )
    before = snapshot()
    plan = preview(read_file("linkedin", write(tmp_path, "big.csv", LINKEDIN_HEADER + rows)))
    done = contact_import.apply(plan, today=TODAY)
    assert m.Contact.select().count() == 1800
    done.undo()
    assert snapshot() == before
    nothing = contact_import.ImportPreview("linkedin", [], [], [])
    assert apply(nothing, today=TODAY).changes == NOTHING


def test_same_name_with_different_linkedin_profiles_are_two_people(db_path, tmp_path):
    rows = (
        'Notes:\r\n"..."\r\n\r\n'
        + LINKEDIN_HEADER
        + "Michael,Smith,https://www.linkedin.com/in/msmith1,,,,01 Jan 2020\r\n"
        "Michael,Smith,https://www.linkedin.com/in/msmith2,,,,02 Jan 2020\r\n"
        "Michael,Smith,,,,,03 Jan 2020\r\n"  # no profile: the same name is a duplicate
    )
    plan, _changes = import_file("linkedin", write(tmp_path, "Connections.csv", rows))
    assert statuses(plan) == [(5, "new"), (6, "new"), (7, "duplicate")]
    urls = sorted(c.linkedin_url for c in m.Contact.select())
    assert urls == ["https://www.linkedin.com/in/msmith1", "https://www.linkedin.com/in/msmith2"]
    later = write(
        tmp_path,
        "later.csv",
        LINKEDIN_HEADER + "Michael,Smith,https://www.linkedin.com/in/msmith3,,,,04 Jan 2020\r\n",
    )
    plan, _changes = import_file("linkedin", later)
    assert statuses(plan) == [(2, "new")]
    assert m.Contact.select().count() == 3


def test_an_older_file_after_a_job_change_does_not_move_the_job_back(db_path, tmp_path):
    import_file("linkedin", FIXTURES / "linkedin_connections.csv")
    later = write(
        tmp_path,
        "Connections.csv",
        LINKEDIN_HEADER + "Grace,Hopper,https://www.linkedin.com/in/gracehopper,,"
        "Remington Rand,Senior Mathematician,02 Jan 2020\r\n",
    )
    import_file("linkedin", later)
    before = snapshot()
    plan, changes = import_file("linkedin", FIXTURES / "linkedin_connections.csv")
    assert plan.count("updated") == 0 and changes == NOTHING
    assert snapshot() == before
    grace = m.Contact.get(m.Contact.last_name == "Hopper")
    assert (grace.company, grace.position) == ("Remington Rand", "Senior Mathematician")


def found(text):
    return [row.name for row in network.contact_page(text, "name", False, 0, 50)]


def test_the_filter_finds_imported_tags_until_the_import_is_undone(db_path, tmp_path):
    import_file("linkedin", FIXTURES / "linkedin_connections.csv")
    assert found("seafarer") == []
    vcards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\n"
        "URL:https://www.linkedin.com/in/gracehopper\r\nCATEGORIES:Seafarer,compilers\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jean Sammet\r\nN:Sammet;Jean;;;\r\n"
        "CATEGORIES:compilers\r\nEND:VCARD\r\n"
    )
    plan = preview(read_file("vcard", write(tmp_path, "tags.vcf", vcards)))
    assert plan.summary() == "1 new, 1 updated, 0 duplicate, 0 rejected"
    done = contact_import.apply(plan, today=TODAY)
    assert found("SEAFAR") == ["Grace Hopper"]  # a tag added to a contact already there
    assert found("compil") == ["Grace Hopper", "Jean Sammet"]
    undone = done.undo()
    assert found("seafarer") == found("compil") == []
    undone.undo()
    assert found("compil") == ["Grace Hopper", "Jean Sammet"]
