"""Tests of the bundled O*NET catalogue: loading, search, ratings, neighbours, level mapping."""

import hashlib
from importlib import resources

import pytest

from careerdesk.core import catalogue


def test_bundle_is_the_documented_release_with_its_attribution():
    folder = resources.files("careerdesk.resources") / "onet"
    source = (folder / "SOURCE.md").read_text(encoding="utf-8")
    data = (folder / "occupation_skills.tsv").read_bytes()
    assert hashlib.sha256(data).hexdigest() in source
    # The attribution constant is the paragraph of SOURCE.md, word for word.
    assert " ".join(catalogue.ATTRIBUTION.split()) in " ".join(source.split())


def test_counts_match_source_md():
    occupations = catalogue.all_occupations()
    assert len(occupations) == 1016
    assert sum(o.rated for o in occupations) == 879
    assert len(catalogue.onet_skills()) == 35
    assert {s.kind for s in catalogue.onet_skills()} == {"basic", "cross-functional"}


def test_codes_are_text_and_keep_their_zeros():
    chief = catalogue.occupation("11-1011.00")
    assert chief is not None and chief.title == "Chief Executives"
    assert chief.code == "11-1011.00"
    assert chief.job_zone == 5
    assert catalogue.occupation("11-1011") is None
    assert catalogue.occupation(" 15-1252.00 ").title == "Software Developers"


def test_ratings_of_a_rated_occupation():
    rows = catalogue.ratings("15-1251.00")
    by_name = {r.name: r for r in rows}
    assert "Programming" in by_name
    programming = by_name["Programming"]
    assert programming.element_id == "2.B.3.e"
    assert 1 <= programming.importance <= 5 and 0 <= programming.level <= 7
    assert catalogue.has_ratings("15-1251.00")


def test_unrated_occupations_have_no_ratings_but_close_rated_ones():
    assert not catalogue.has_ratings("15-1252.00")
    assert catalogue.ratings("15-1252.00") == []
    closest = [o.code for o in catalogue.closest_rated("15-1252.00")]
    assert len(closest) == 5
    assert {"15-1251.00", "15-1253.00", "15-1254.00"} <= set(closest)
    assert all(catalogue.has_ratings(code) for code in closest)
    data_scientists = [o.title for o in catalogue.closest_rated("15-2051.00", limit=3)]
    assert "Business Intelligence Analysts" in data_scientists
    project = catalogue.closest_rated("13-1082.00", limit=3)
    assert project[0].title == "Information Technology Project Managers"
    public_relations = catalogue.closest_rated("11-2032.00", limit=1)
    assert public_relations[0].title == "Public Relations Specialists"


def test_closest_rated_of_an_unknown_code_is_empty():
    assert catalogue.closest_rated("99-9999.99") == []


def test_search_ranks_title_start_then_word_start_then_substring():
    titles = [o.title for o in catalogue.search("soft")]
    assert titles == ["Software Developers", "Software Quality Assurance Analysts and Testers"]
    titles = [o.title for o in catalogue.search("data")]
    assert titles[:3] == ["Data Entry Keyers", "Data Scientists", "Data Warehousing Specialists"]
    # A title word starting with "data" ranks, but after the titles starting with it.
    assert titles.index("Clinical Data Managers") > titles.index("Database Architects")
    develop = [o.title for o in catalogue.search("develop")]
    # "Redevelopment" only contains the text: last.
    assert develop[-1] == "Brownfield Redevelopment Specialists and Site Managers"
    assert develop[:2] == [
        "Biofuels/Biodiesel Technology and Product Development Managers",
        "Software Developers",
    ]


def test_search_puts_prefix_before_substring():
    titles = [o.title for o in catalogue.search("art")]
    first_substring = next(
        i
        for i, t in enumerate(titles)
        if not any(w.startswith("art") for w in t.lower().replace(",", " ").split())
    )
    assert all(t.lower().startswith("art") for t in titles[:1])
    assert all(
        any(w.startswith("art") for w in t.lower().replace(",", " ").split())
        for t in titles[:first_substring]
    )
    assert "Cartographers and Photogrammetrists" in titles[first_substring:]


def test_search_matches_every_word_in_any_order_and_codes():
    titles = [o.title for o in catalogue.search("developers web")]
    assert titles == ["Web Developers"]
    assert [o.code for o in catalogue.search("15-1252")] == ["15-1252.00"]
    assert catalogue.search("   ") == []
    assert catalogue.search("zzzz") == []
    assert len(catalogue.search("e", limit=7)) == 7


@pytest.mark.parametrize(
    ("onet", "ours"),
    [
        (0.0, 0.0),
        (7.0, 5.0),
        (3.5, 2.5),  # the middles of both scales meet
        (2.8, 2.0),  # 2.8 * 5/7 = 2.0 exactly
        (4.62, 3.5),  # 3.30 -> nearest half is 3.5
        (4.2, 3.0),  # 3.00
        (4.55, 3.5),  # 3.25 lies halfway: rounds up
        (4.5, 3.0),  # 3.21 -> 3.0
        (5.6, 4.0),
        (6.3, 4.5),
        (1.0, 0.5),  # 0.71 -> 0.5
        (-1.0, 0.0),  # out of range is clamped
        (9.0, 5.0),
    ],
)
def test_map_level_hand_checked(onet, ours):
    assert catalogue.map_level(onet) == ours


def test_map_level_keeps_order_and_half_steps_over_the_whole_catalogue():
    levels = sorted(
        {r.level for o in catalogue.all_occupations() for r in catalogue.ratings(o.code)}
    )
    mapped = [catalogue.map_level(v) for v in levels]
    assert mapped == sorted(mapped)
    assert all(v * 2 == int(v * 2) and 0 <= v <= 5 for v in mapped)


def test_skill_kind_splits_people_skills_from_technical_ones():
    assert catalogue.skill_kind("2.B.3.e") == "hard"  # Programming
    assert catalogue.skill_kind("2.B.1.d") == "soft"  # Negotiation
    assert catalogue.skill_kind("2.A.2.a") == "soft"  # Critical Thinking
    assert catalogue.skill_kind("2.A.1.e") == "hard"  # Mathematics


def test_closest_rated_through_the_word_index_equals_comparing_every_occupation():
    """The inverted index is only a shortcut: the order is that of a full comparison."""
    cat = catalogue._catalogue()
    vectors = catalogue._description_vectors()
    for code in ("15-1252.00", "15-2051.00", "11-3021.00", "29-1141.00", "53-3032.00"):
        own, own_title = vectors[code], catalogue._title_stems(cat.occupations[code].title)
        scored = []
        for other, occ in cat.occupations.items():
            if other == code or not occ.rated:
                continue
            similarity = sum(w * vectors[other].get(word, 0.0) for word, w in own.items())
            title = catalogue._title_stems(occ.title)
            overlap = len(own_title & title) / len(own_title | title)
            score = catalogue._group_closeness(code, other) * 0.5 + similarity * 2 + overlap * 2
            scored.append((-round(score, 9), other))
        expected = [other for _, other in sorted(scored)[:8]]
        assert [o.code for o in catalogue.closest_rated(code, limit=8)] == expected, code
