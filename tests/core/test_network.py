"""Contact list queries (filter, sort, pages) and the network edits, on a real database file."""

import datetime as dt

import pytest

from careerdesk.core import models as m
from careerdesk.core import network, network_edits, records
from careerdesk.core.db import bound_database, open_database, opened

TODAY = dt.date(2026, 11, 23)


def add(first, last, company="", position="", **fields):
    return m.Contact.create(
        first_name=first,
        last_name=last,
        company=company,
        position=position,
        added_date=fields.pop("added_date", TODAY),
        **fields,
    ).id


@pytest.fixture
def people(db_path):
    ids = {
        "ada": add("Ada", "Lovelace", "Analytical Engines", "Head of Research", email="a@x"),
        "alan": add("Alan", "Turing", "Bletchley Park", "Cryptanalyst"),
        "grace": add("Grace", "Hopper", "US Navy", "Rear Admiral", relationship="mentor"),
        "zoe": add("zoë", "adams", "100% Pure_Data", "Analyst"),
        "old": add("Olga", "Archived", "US Navy", archived=True),
    }
    network_edits.set_tags(ids["alan"], ["crypto", "Math"])
    network_edits.set_tags(ids["ada"], ["math"])
    return ids


def names(rows):
    return [row.name for row in rows]


def page(filter="", sort="name", descending=False, offset=0, limit=50):
    return network.contact_page(filter, sort, descending, offset, limit)


def test_filter_by_name_company_position_and_tag_case_insensitive(people):
    assert names(page("LOVE")) == ["Ada Lovelace"]
    assert names(page("bletchley")) == ["Alan Turing"]
    assert names(page("admiral")) == ["Grace Hopper"]
    assert names(page("navy")) == ["Grace Hopper"]  # the archived one is not listed
    assert names(page("crypto")) == ["Alan Turing"]  # position and tag
    assert names(page("MATH")) == ["Ada Lovelace", "Alan Turing"]  # a tag
    assert names(page("ada lovelace")) == ["Ada Lovelace"]  # every word must match
    assert names(page("grace ada")) == []
    assert network.contact_list("math", "name", False, 1)[0] == 2
    assert network.contact_list("", "name", False, 1)[0] == 4


def test_like_wildcards_in_the_filter_are_taken_literally(people):
    assert names(page("100%")) == ["zoë adams"]
    assert names(page("e_d")) == ["zoë adams"]
    assert names(page("%")) == ["zoë adams"]
    assert network.contact_list("_", "name", False, 1)[0] == 1


def test_sort_in_sql_both_ways(people):
    assert names(page()) == ["zoë adams", "Grace Hopper", "Ada Lovelace", "Alan Turing"]
    assert names(page(descending=True)) == [
        "Alan Turing",
        "Ada Lovelace",
        "Grace Hopper",
        "zoë adams",
    ]
    assert names(page(sort="company")) == [
        "zoë adams",
        "Ada Lovelace",
        "Alan Turing",
        "Grace Hopper",
    ]
    assert names(page(sort="first_name"))[0] == "Ada Lovelace"
    assert names(page(sort="relationship", descending=True))[-1] == "Grace Hopper"
    with pytest.raises(ValueError, match="Cannot sort contacts by 'shoe'"):
        page(sort="shoe")


def test_rows_carry_what_the_table_shows(people):
    (alan,) = page("turing")
    assert alan.id == people["alan"]
    assert (alan.company, alan.position, alan.relationship) == (
        "Bletchley Park",
        "Cryptanalyst",
        "other",
    )
    assert alan.tags == "crypto, Math"  # case-insensitive order
    assert alan.last_contacted is None


def test_pages_cover_every_row_once_even_with_equal_sort_values(db_path):
    for i in range(25):
        add("Same", "Name", f"Co {i % 3}")
    seen = []
    for offset in range(0, 30, 7):
        seen += [row.id for row in page(sort="company", offset=offset, limit=7)]
    assert len(seen) == len(set(seen)) == 25


def test_contact_details_gather_everything(people):
    ada = people["ada"]
    goal = m.Goal.create(title="Become a staff engineer", start_date=TODAY, target_date=TODAY)
    linked = network_edits.link_goal(ada, goal.id, "Reviews my design docs")
    link_id = linked.value
    assert linked.changes.contacts
    with pytest.raises(ValueError, match="already linked"):
        network_edits.link_goal(ada, goal.id)
    network_edits.add_employment(ada, "Babbage & Co", "Assistant", dt.date(1833, 6, 5))
    network_edits.log_interaction(ada, dt.date(2026, 1, 5), "email", "Sent the notes", today=TODAY)
    network_edits.log_interaction(
        ada,
        dt.date(2026, 2, 1),
        "meeting",
        "Reviewed plan",
        follow_up_date=dt.date(2026, 3, 1),
        today=TODAY,
    )
    network_edits.set_cadence(ada, 30, 60)
    details = network.contact_details(ada, dt.date(2026, 3, 10))
    assert (details.name, details.email, details.tags) == ("Ada Lovelace", "a@x", ["Math"])
    assert [(j.company, j.start_date) for j in details.employment] == [
        ("Babbage & Co", dt.date(1833, 6, 5))
    ]
    assert [(g.link_id, g.title, g.role) for g in details.goals] == [
        (link_id, "Become a staff engineer", "Reviews my design docs")
    ]
    assert [(i.kind, i.summary) for i in details.interactions] == [
        ("meeting", "Reviewed plan"),
        ("email", "Sent the notes"),
    ]
    assert details.last_contacted == dt.date(2026, 2, 1)
    assert (details.cadence.status, details.cadence.due_date) == ("due", dt.date(2026, 3, 3))


def test_logging_an_older_interaction_keeps_the_later_last_contacted(people):
    ada = people["ada"]
    network_edits.log_interaction(ada, dt.date(2026, 5, 1), "call", today=TODAY)
    logged = network_edits.log_interaction(ada, dt.date(2026, 4, 1), "call", today=TODAY)
    assert m.Contact.get_by_id(ada).last_contacted == dt.date(2026, 5, 1)
    logged.undo()
    assert m.Contact.get_by_id(ada).last_contacted == dt.date(2026, 5, 1)
    assert m.Interaction.select().count() == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "telepathy"}, "not an interaction kind"),
        ({"kind": "call", "follow_up_date": dt.date(2025, 1, 1)}, "follow-up date"),
    ],
)
def test_bad_interactions_are_refused_and_nothing_is_written(people, kwargs, message):
    with pytest.raises(ValueError, match=message):
        network_edits.log_interaction(people["ada"], dt.date(2026, 1, 1), **kwargs, today=TODAY)
    assert m.Interaction.select().count() == 0


def test_an_interaction_after_today_is_refused_but_a_later_follow_up_is_kept(people):
    ada = people["ada"]
    tomorrow = TODAY + dt.timedelta(days=1)
    refusal = "its date cannot be after today"
    with pytest.raises(ValueError, match=refusal) as refused:
        network_edits.log_interaction(ada, tomorrow, "call", "Planned", today=TODAY)
    assert str(refused.value).count(".") == 1  # one sentence
    assert m.Interaction.select().count() == 0
    assert m.Contact.get_by_id(ada).last_contacted is None
    logged = network_edits.log_interaction(
        ada, TODAY, "call", "Talked", TODAY + dt.timedelta(days=90), today=TODAY
    )
    with pytest.raises(ValueError, match=refusal):
        network_edits.edit_interaction(logged.value, tomorrow, "call", "Talked", today=TODAY)
    row = m.Interaction.get_by_id(logged.value)
    assert (row.date, row.follow_up_date) == (TODAY, TODAY + dt.timedelta(days=90))
    assert m.Contact.get_by_id(ada).last_contacted == TODAY


def test_tags_add_remove_and_set(people):
    alan = people["alan"]
    added = network_edits.set_tags(alan, ["crypto", "Math", "  cold   war "])
    assert network.contact_tags(alan) == ["cold war", "crypto", "Math"]
    assert added.changes.contacts
    # Undo takes off the tag it added, and the tag row it created; redo puts both back.
    undone = added.undo()
    assert network.contact_tags(alan) == ["crypto", "Math"]
    assert not m.Tag.select().where(m.Tag.name == "cold war").exists()
    undone.undo()
    assert network.contact_tags(alan) == ["cold war", "crypto", "Math"]
    network_edits.set_tags(alan, ["crypto", "cold war"])
    assert network.contact_tags(alan) == ["cold war", "crypto"]
    assert m.Tag.select().where(m.Tag.name == "Math").exists()  # Ada still has it
    network_edits.set_tags(alan, ["crypto", "Math"])
    assert network.contact_tags(alan) == ["crypto", "Math"]
    with pytest.raises(ValueError, match="comma"):
        network_edits.set_tags(alan, ["a, b"])
    assert [(name, uses) for name, _i, _x, uses in network.all_tags()] == [
        ("cold war", 0),
        ("crypto", 1),
        ("Math", 2),
    ]


def test_employment_and_cadence_validation(people):
    with pytest.raises(ValueError, match="company or a position"):
        network_edits.add_employment(people["ada"], " ", "")
    with pytest.raises(ValueError, match="end before"):
        network_edits.add_employment(
            people["ada"], "X", "", dt.date(2020, 1, 1), dt.date(2019, 1, 1)
        )
    with pytest.raises(ValueError, match="shorter"):
        network_edits.set_cadence(people["ada"], 30, 7)
    assert m.Employment.select().count() == 0


def test_the_list_follows_every_write_after_it_was_first_shown(people):
    assert network.contact_list("", "name", False, 1)[0] == 4
    new_id = add("Katherine", "Johnson", "NASA", "Mathematician")
    assert names(page("nasa")) == ["Katherine Johnson"]
    network_edits.set_tags(new_id, ["orbit"])
    assert names(page("ORBIT")) == ["Katherine Johnson"]
    m.Tag.update(name="trajectory").where(m.Tag.name == "orbit").execute()
    assert names(page("trajectory")) == ["Katherine Johnson"]
    assert page("trajectory")[0].tags == "trajectory"
    m.Contact.update(company="Langley").where(m.Contact.id == new_id).execute()
    assert names(page("nasa")) == []
    m.Contact.update(archived=True).where(m.Contact.id == people["ada"]).execute()
    assert names(page("lovelace")) == []
    m.Contact.delete_by_id(people["alan"])
    assert names(page("turing")) == []
    with pytest.raises(RuntimeError), m.database_proxy.atomic():
        add("Rolled", "Back")
        raise RuntimeError
    assert names(page("rolled")) == []


def test_the_list_sees_commits_of_another_connection(people):
    import threading

    assert network.contact_list("", "name", False, 1)[0] == 4

    def import_in_a_worker():  # peewee gives each thread its own connection
        add("Dorothy", "Vaughan", "NACA")
        m.database_proxy.close()

    worker = threading.Thread(target=import_in_a_worker)
    worker.start()
    worker.join()
    assert names(page("vaughan")) == ["Dorothy Vaughan"]


def test_filter_folds_case_beyond_ascii(people):
    assert names(page("ZOË")) == ["zoë adams"]
    add("Ömer", "Çelik", "İstanbul Ltd")
    assert names(page("ömer çelik")) == ["Ömer Çelik"]


@pytest.mark.parametrize("sort", sorted(network.SORTS))
@pytest.mark.parametrize("walk_index_from", [0, 10**9], ids=["walk index", "sort matches"])
def test_every_way_to_read_the_list_gives_the_same_rows(
    db_path, monkeypatch, sort, walk_index_from
):
    import random

    rng = random.Random(sort)
    for i in range(60):
        contact = add(
            rng.choice(["ann", "Ann", "Bo", "Åsa", ""]),
            rng.choice(["Lee", "lee", "Ng", "Zed"]),
            rng.choice(["Acme", "acme", "Zeta", ""]),
            rng.choice(["Dev", "CTO"]),
            relationship=rng.choice(m.RELATIONSHIPS),
            last_contacted=rng.choice([None, dt.date(2026, 1, i % 28 + 1)]),
            archived=i % 17 == 0,
        )
        if i % 3 == 0:
            network_edits.set_tags(contact, rng.sample(["x", "Y", "z"], 2))
    monkeypatch.setattr(network, "_WALK_INDEX_FROM", walk_index_from)

    def whole(filter_text, descending):
        return [
            r for offset in range(0, 63, 7) for r in page(filter_text, sort, descending, offset, 7)
        ]

    for descending in (False, True):
        bound_database().close_file()  # a fresh connection: nothing left from the last round
        open_database(db_path)
        from_contact_table = whole("", descending)
        assert len(from_contact_table) == network.contact_list("", "name", False, 1)[0] == 56
        assert network.contact_list("", sort, descending, 7) == (56, from_contact_table[:7])
        expected = [
            r
            for r in from_contact_table
            if all(
                word in f"{r.name}\n{r.company}\n{r.position}\n{r.tags}".casefold()
                for word in ("a", "e")
            )
        ]
        assert whole("A  E", descending) == expected
        assert network.contact_list("a e", "name", False, 1)[0] == len(expected)
        total, first = network.contact_list("a e", sort, descending, 7)
        assert (total, first) == (len(expected), expected[:7])


def test_edit_and_delete_an_interaction_recount_last_contacted(people):
    ada = people["ada"]

    def last():
        return m.Contact.get_by_id(ada).last_contacted

    first, second = (
        network_edits.log_interaction(
            ada, dt.date(2026, 9, 1), "call", "First call", today=TODAY
        ).value,
        network_edits.log_interaction(
            ada, dt.date(2026, 10, 1), "coffee", "Coffee", today=TODAY
        ).value,
    )
    assert last() == dt.date(2026, 10, 1)
    # The newest moves back before the other: the other is now the last contact.
    change = network_edits.edit_interaction(
        second,
        dt.date(2026, 8, 1),
        "meeting",
        "Met",
        notes="n",
        today=TODAY,
    )
    assert change.changes.interactions
    assert last() == dt.date(2026, 9, 1)
    edited = m.Interaction.get_by_id(second)
    assert (edited.kind, edited.summary, edited.notes) == ("meeting", "Met", "n")
    change.undo()
    edited = m.Interaction.get_by_id(second)
    assert (edited.date, edited.kind, edited.summary) == (dt.date(2026, 10, 1), "coffee", "Coffee")
    assert last() == dt.date(2026, 10, 1)
    # Deleting the newest: the one before counts; deleting both: never contacted.
    deleted = network_edits.delete_interaction(second)
    assert last() == dt.date(2026, 9, 1)
    network_edits.delete_interaction(first)
    assert last() is None
    assert [i.summary for i in network.interactions(ada)] == []
    deleted.undo()
    assert [i.summary for i in network.interactions(ada)] == ["Coffee"]
    assert last() == dt.date(2026, 10, 1)
    with pytest.raises(ValueError, match="follow-up"):
        network_edits.edit_interaction(
            second,
            dt.date(2026, 10, 1),
            "call",
            follow_up_date=dt.date(2026, 1, 1),
            today=TODAY,
        )
    assert m.Interaction.get_by_id(second).kind == "coffee"


def test_an_imported_last_contacted_later_than_any_interaction_is_kept(people):
    grace = people["grace"]
    logged = network_edits.log_interaction(grace, dt.date(2026, 3, 1), "call", today=TODAY).value
    m.Contact.update(imported_last_contacted=dt.date(2026, 6, 1)).where(
        m.Contact.id == grace
    ).execute()
    network_edits.delete_interaction(logged)
    assert m.Contact.get_by_id(grace).last_contacted == dt.date(2026, 6, 1)


def test_tag_cadences_set_together_in_one_step(people):
    done = network_edits.set_tag_cadences({"Math": (14, 30), "crypto": (None, 60)})
    assert [t for t in network.all_tags() if t[0] in ("Math", "crypto")] == [
        ("crypto", None, 60, 1),
        ("Math", 14, 30, 2),
    ]
    assert network.contact_details(people["ada"], TODAY).cadence.source == "Math"
    with pytest.raises(ValueError, match="shorter"):
        network_edits.set_tag_cadences({"crypto": (7, 7), "Math": (30, 7)})
    assert network.all_tags()[0] == ("crypto", None, 60, 1)  # nothing of it written
    done.undo()
    assert all(t[1:3] == (None, None) for t in network.all_tags())


def test_filter_finds_email_and_tags_beyond_ascii(people):
    assert names(page("a@X")) == ["Ada Lovelace"]  # the email address
    network_edits.set_tags(people["grace"], ["Ölçek"])
    assert names(page("ÖLÇEK")) == ["Grace Hopper"]
    assert names(page("ölç navy")) == ["Grace Hopper"]
    assert network.contact_list("ölç", "name", False, 10) == (1, page("ölç"))
    assert network.contact_list("ölçek lovelace", "name", False, 1)[0] == 0


def test_the_filter_follows_tags_added_removed_and_renamed(people):
    grace = people["grace"]
    assert names(page("sailing")) == []
    network_edits.set_tags(grace, ["Sailing"])
    assert names(page("sail")) == ["Grace Hopper"]
    network_edits.set_cadence(grace, 7, 14)  # saving the contact keeps what its tags say
    assert names(page("sail navy")) == ["Grace Hopper"]
    network_edits.set_tags(grace, [])
    assert names(page("sail")) == []
    math = m.Tag.get(m.Tag.name == "Math")
    network_edits.set_tag_cadences({"Math": (30, 60)})  # saves the tag with its name unchanged
    assert names(page("math")) == ["Ada Lovelace", "Alan Turing"]
    records.update_row(m.Tag, math.id, name="Number theory")
    assert names(page("math")) == []
    assert names(page("number")) == ["Ada Lovelace", "Alan Turing"]
    assert names(page("theory crypto")) == ["Alan Turing"]
    assert names(page("cryptonumber")) == []  # a word never spans two tags


def test_the_filter_follows_deletes_and_their_undo(people):
    math = m.Tag.get(m.Tag.name == "Math")
    deleted, _ = records.delete_rows(m.Tag, math.id)  # its links go with it (cascade)
    assert names(page("math")) == []
    assert names(page("crypto")) == ["Alan Turing"]
    records.restore_rows(deleted)
    assert names(page("math")) == ["Ada Lovelace", "Alan Turing"]

    link = m.ContactTag.get(m.ContactTag.contact == people["ada"])
    deleted, _ = records.delete_rows(m.ContactTag, link.id)
    assert names(page("math")) == ["Alan Turing"]
    records.restore_rows(deleted)
    assert names(page("math")) == ["Ada Lovelace", "Alan Turing"]

    deleted, _ = records.delete_rows(m.Contact, people["alan"])
    assert names(page("math")) == ["Ada Lovelace"]
    records.restore_rows(deleted)
    assert names(page("crypto")) == ["Alan Turing"]
    assert names(page("math")) == ["Ada Lovelace", "Alan Turing"]


def test_the_filter_finds_every_demo_contact_by_its_tags(example_plan):
    with opened(example_plan):
        tagged = (
            m.ContactTag.select(m.Tag.name, m.ContactTag.contact)
            .join(m.Tag)
            .where(
                m.ContactTag.contact.in_(m.Contact.select(m.Contact.id).where(~m.Contact.archived))
            )
            .tuples()
        )
        by_tag: dict[str, set[int]] = {}
        for name, contact_id in tagged:
            by_tag.setdefault(name, set()).add(contact_id)
        assert by_tag  # the demo's contacts are tagged (written in bulk)
        for name, ids in by_tag.items():
            found = {row.id for row in page(name, limit=100_000)}
            assert ids <= found, name


@pytest.mark.parametrize("sort", sorted(network.SORTS))
@pytest.mark.parametrize("descending", [False, True])
def test_sparse_matches_walk_the_narrow_index_in_the_same_order(
    people, monkeypatch, sort, descending
):
    for i in range(30):
        m.Contact.create(
            first_name=f"P{i}", last_name="Zed", company=f"Co {i % 4}", added_date=TODAY
        )
    expected = network.contact_page("e", sort, descending, 0, 7)  # few matches: sorted by id
    monkeypatch.setattr(network, "_WALK_INDEX_FROM", 1)
    monkeypatch.setattr(network, "_DENSE_SHARE", 1000)  # every filter counts as sparse
    assert network.contact_page("e", sort, descending, 0, 7) == expected
    assert network.contact_page("e", sort, descending, 3, 7) == expected[
        3:
    ] + network.contact_page("e", sort, descending, 7, 3)
