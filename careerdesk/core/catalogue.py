"""The bundled O*NET occupation catalogue: search by title, skill ratings, level mapping."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

# From resources/onet/SOURCE.md; the license requires it wherever catalogue data is shown.
ATTRIBUTION: str = (
    "This product includes information from the O*NET 29.0 Database by the U.S. "
    "Department of Labor, Employment and Training Administration (USDOL/ETA). Used "
    "under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. The data were "
    "modified (columns selected, ratings joined) by the CareerDesk project."
)
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
ONET_LICENSE_URL = "https://www.onetcenter.org/license_db.html"

ONET_LEVEL_MAX = 7.0
OUR_LEVEL_MAX = 5.0


@dataclass(frozen=True)
class Occupation:
    code: str  # e.g. "15-1252.00", always text (leading zeros and ".00" matter)
    title: str
    description: str
    job_zone: int | None  # 1 (little preparation) to 5 (extensive); None if unrated
    rated: bool  # has skill ratings in this release


@dataclass(frozen=True)
class SkillRating:
    element_id: str  # e.g. "2.B.3.e"
    name: str
    importance: float  # O*NET 1-5
    level: float  # O*NET 0-7


@dataclass(frozen=True)
class OnetSkill:
    element_id: str
    name: str
    description: str
    kind: str  # "basic" or "cross-functional"


_WORD = re.compile(r"[a-z0-9]+")
# Words too common in titles to say two occupations are alike.
_COMMON_WORDS = frozenset(
    "and or of the a an in for to except all other workers specialists occupations "
    "including first line".split()
)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@dataclass(frozen=True)
class _Catalogue:
    occupations: dict[str, Occupation]
    ordered: tuple[Occupation, ...]  # by title, the order search ties fall back to
    lower_titles: tuple[str, ...]  # parallel to `ordered`
    title_words: tuple[tuple[str, ...], ...]  # parallel to `ordered`
    skills: dict[str, OnetSkill]
    ratings: dict[str, tuple[SkillRating, ...]]


def _read_tsv(name: str) -> list[list[str]]:
    text = (resources.files("careerdesk.resources") / "onet" / name).read_text(encoding="utf-8")
    lines = text.splitlines()
    return [line.split("\t") for line in lines[1:] if line]


@functools.cache
def _catalogue() -> _Catalogue:
    """Read the bundled files once, on first use (about 30 ms), and keep them."""
    skills = {
        row[0]: OnetSkill(element_id=row[0], name=row[1], description=row[2], kind=row[3])
        for row in _read_tsv("skills.tsv")
    }
    by_code: dict[str, list[SkillRating]] = {}
    for code, element_id, importance, level in _read_tsv("occupation_skills.tsv"):
        by_code.setdefault(code, []).append(
            SkillRating(element_id, skills[element_id].name, float(importance), float(level))
        )
    zones = {code: int(zone) for code, zone in _read_tsv("job_zones.tsv")}
    occupations = {
        code: Occupation(code, title, description, zones.get(code), code in by_code)
        for code, title, description in _read_tsv("occupations.tsv")
    }
    ordered = tuple(sorted(occupations.values(), key=lambda o: (o.title.lower(), o.code)))
    return _Catalogue(
        occupations=occupations,
        ordered=ordered,
        lower_titles=tuple(o.title.lower() for o in ordered),
        title_words=tuple(tuple(_words(o.title)) for o in ordered),
        skills=skills,
        ratings={code: tuple(rows) for code, rows in by_code.items()},
    )


def all_occupations() -> list[Occupation]:
    """Every occupation of the catalogue, by title."""
    return list(_catalogue().ordered)


def search(text: str, limit: int = 50) -> list[Occupation]:
    """Occupations whose title (or code) matches `text`, best matches first.

    Every word typed must occur in the title. Ranking: titles starting with
    the text, then titles where every typed word starts a title word, then
    other substring matches; ties by title. An empty text matches nothing.
    """
    query = text.strip().lower()
    if not query:
        return []
    cat = _catalogue()
    if query[0].isdigit():  # a code such as "15-12"
        hits = [o for o in cat.occupations.values() if o.code.startswith(query)]
        return sorted(hits, key=lambda o: o.code)[:limit]
    tokens = query.split()
    ranked: list[tuple[int, int]] = []
    for index, title in enumerate(cat.lower_titles):
        if not all(token in title for token in tokens):
            continue
        if title.startswith(query):
            rank = 0
        elif all(any(w.startswith(t) for w in cat.title_words[index]) for t in _words(query)):
            rank = 1
        else:
            rank = 2
        ranked.append((rank, index))
    ranked.sort()
    return [cat.ordered[index] for _, index in ranked[:limit]]


def occupation(code: str) -> Occupation | None:
    """The occupation with this O*NET-SOC code (e.g. "15-1252.00"), or None."""
    return _catalogue().occupations.get(code.strip())


def ratings(code: str) -> list[SkillRating]:
    """The skills rated for an occupation, in element order; empty when unrated."""
    return list(_catalogue().ratings.get(code.strip(), ()))


def has_ratings(code: str) -> bool:
    return code.strip() in _catalogue().ratings


def onet_skills() -> list[OnetSkill]:
    """The 35 O*NET skills (10 basic, 25 cross-functional), in element order."""
    return list(_catalogue().skills.values())


def onet_skill(element_id: str) -> OnetSkill | None:
    return _catalogue().skills.get(element_id)


@functools.cache
def _description_vectors() -> dict[str, dict[str, float]]:
    """Unit tf-idf vectors of title + description words, to compare occupations by text."""
    cat = _catalogue()
    docs = {
        code: Counter(
            w
            for w in _words(f"{o.title} {o.title} {o.description}")
            if w not in _COMMON_WORDS and len(w) > 2
        )
        for code, o in cat.occupations.items()
    }
    doc_freq: Counter[str] = Counter()
    for counts in docs.values():
        doc_freq.update(counts.keys())
    total = len(docs)
    vectors: dict[str, dict[str, float]] = {}
    for code, counts in docs.items():
        vec = {w: n * math.log(total / doc_freq[w]) for w, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors[code] = {w: v / norm for w, v in vec.items()}
    return vectors


@functools.cache
def _postings() -> dict[str, tuple[tuple[str, float], ...]]:
    """For each word, the rated occupations using it and its weight there (an inverted index).

    Comparing one occupation with all the others then touches only those that
    share a word with it, not every vector: a picker keystroke stays fast.
    """
    rated = _catalogue().ratings
    index: dict[str, list[tuple[str, float]]] = {}
    for code, vec in _description_vectors().items():
        if code in rated:
            for word, weight in vec.items():
                index.setdefault(word, []).append((code, weight))
    return {word: tuple(rows) for word, rows in index.items()}


@functools.cache
def _rated_title_stems() -> dict[str, frozenset[str]]:
    cat = _catalogue()
    return {code: _title_stems(cat.occupations[code].title) for code in cat.ratings}


def _title_stems(title: str) -> frozenset[str]:
    """Title words cut to five letters, so "Management" meets "Managers"."""
    return frozenset(w[:5] for w in _words(title) if w not in _COMMON_WORDS)


def _group_closeness(a: str, b: str) -> int:
    """3 same broad group (15-125x), 2 same minor group (15-12xx), 1 same major (15-), 0."""
    for length, score in ((6, 3), (5, 2), (3, 1)):
        if a[:length] == b[:length]:
            return score
    return 0


def closest_rated(code: str, limit: int = 5) -> list[Occupation]:
    """Rated occupations nearest to `code`, to stand in for an occupation without ratings.

    Nearness adds up the SOC hierarchy (same broad, minor or major group), how
    alike the descriptions read (tf-idf cosine) and the title words shared, so
    Software Developers (15-1252.00) gets Software Quality Assurance Analysts,
    Web Developers and Computer Programmers, and Project Management
    Specialists gets Information Technology Project Managers first. A rated
    code lists its own neighbours.
    """
    cat = _catalogue()
    code = code.strip()
    if code not in cat.occupations:
        return []
    return [cat.occupations[other] for other in _closest_rated_codes(code)[:limit]]


@functools.lru_cache(maxsize=256)
def _closest_rated_codes(code: str) -> tuple[str, ...]:
    """Every rated occupation but `code`, nearest first (kept: typing repeats the question)."""
    cat = _catalogue()
    similarity: dict[str, float] = {}
    postings = _postings()
    for word, weight in _description_vectors()[code].items():
        for other, other_weight in postings.get(word, ()):
            similarity[other] = similarity.get(other, 0.0) + weight * other_weight
    own_title = _title_stems(cat.occupations[code].title)
    scored: list[tuple[float, str]] = []
    for other, title in _rated_title_stems().items():
        if other == code:
            continue
        overlap = len(own_title & title) / len(own_title | title) if own_title | title else 0.0
        # Weights tuned by reading the stand-ins of the 44 unrated occupations with a job
        # zone: a shared title word ("Project") says more than a shared SOC minor group.
        score = (
            _group_closeness(code, other) * 0.5 + similarity.get(other, 0.0) * 2.0 + overlap * 2.0
        )
        scored.append((-score, other))
    scored.sort()
    return tuple(other for _, other in scored)


def map_level(onet_level: float) -> float:
    """Map an O*NET level (0-7) onto CareerDesk's 0-5 scale, to the nearest half level.

    Rule: linear, level * 5 / 7, rounded half up to a multiple of 0.5, clamped
    to 0-5. Why linear: both scales start at "none" (0) and end at the top
    expert anchor (O*NET 7, our 5), and O*NET's scale is an equal-interval
    rating scale, so a straight line keeps the order and the relative distances
    of the ratings without inventing thresholds. Why half levels: O*NET levels
    are averages of raters (e.g. 4.62), finer than a person can assess oneself;
    a half level is as fine as a requirement needs to be and still shows the
    difference between, say, 3.5 and 4. Examples: 0 -> 0, 2.8 -> 2, 3.5 -> 2.5,
    4.62 -> 3.5, 5.6 -> 4, 7 -> 5.
    """
    level = min(max(float(onet_level), 0.0), ONET_LEVEL_MAX)
    scaled = round(level * OUR_LEVEL_MAX / ONET_LEVEL_MAX, 9)  # drop float noise before rounding
    return math.floor(scaled * 2 + 0.5) / 2


# O*NET groups skills by content, not by hard/soft; these element groups are
# about people, thinking and self-management, so an inventory calls them soft.
_SOFT_ELEMENTS = ("2.A.1.b", "2.A.1.d", "2.A.2.", "2.B.1.", "2.B.4.e", "2.B.5.a", "2.B.5.d")


def skill_kind(element_id: str) -> str:
    """ "hard" or "soft" for an O*NET skill, for a new inventory skill linked to it."""
    return "soft" if element_id.startswith(_SOFT_ELEMENTS) else "hard"
