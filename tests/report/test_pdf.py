"""The exported report read back: titles, dates, pages per section, fonts, vector timeline."""

from __future__ import annotations

import datetime as dt

import pytest

from careerdesk.core import db as cdb
from careerdesk.core import goals, journal, plan_view
from careerdesk.core.catalogue import ATTRIBUTION
from careerdesk.report.pdf import SECTIONS

from .pdf_helpers import dates_in, export, fonts, images, page_sizes, pages_text, word_boxes

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory, example_plan_file):
    path = tmp_path_factory.mktemp("report") / "example.db"
    path.write_bytes(example_plan_file.read_bytes())
    return path


@pytest.fixture(scope="module")
def full_report(plan_file, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    count = export(plan_file, out, TODAY)
    return out, count


def _view(path):
    with cdb.opened(path, create=False):
        return plan_view.plan_view(TODAY)


def test_every_goal_and_step_title_appears(plan_file, full_report):
    out, count = full_report
    text = " ".join(pages_text(out))
    view = _view(plan_file)
    assert view.goals and view.steps
    for title in [g.title for g in view.goals] + [s.title for s in view.steps]:
        assert " ".join(title.split()) in text, title
    assert len(pages_text(out)) == count


def test_every_page_has_its_footer(full_report):
    out, count = full_report
    for n, text in enumerate(pages_text(out), start=1):
        assert f"page {n} of {count}" in text
        assert "printed 23 Nov 2026" in text


def test_the_attribution_is_on_every_page_with_catalogue_data(full_report):
    out, _count = full_report
    pages = pages_text(out)
    attribution = " ".join(ATTRIBUTION.split())
    with_roles = [t for t in pages if "readiness" in t and "Importance" in t]
    assert with_roles
    for text in pages:
        # Software roles from the catalogue: their gap pages name O*NET's rated skills.
        if "Computer Systems Engineers" in text or "Computer and Information" in text:
            assert attribution in text
    learning = next(t for t in pages if "Learning plan" in t and "Skills it builds" in t)
    assert attribution not in learning


def test_steps_and_dates_stay_in_the_chosen_range(plan_file, tmp_path):
    view = _view(plan_file)
    # From the day after the first goal ends, for half a year.
    lo = min(g.target for g in view.goals) + dt.timedelta(days=1)
    hi = lo + dt.timedelta(days=182)
    out = tmp_path / "range.pdf"
    export(plan_file, out, TODAY, sections=("goals",), date_from=lo, date_to=hi)
    text = " ".join(pages_text(out))
    shown_goals = [g for g in view.goals if g.start <= hi and g.target >= lo]
    assert shown_goals and len(shown_goals) < len(view.goals)
    for g in view.goals:
        assert (g.title in text) == (g in shown_goals), g.title
    for s in view.steps:
        day = s.done or s.due
        if day is not None and not lo <= day <= hi:
            assert f"{s.title} " not in text.replace("(milestone)", ""), s.title
    # Every step line's date ("due …" / "done …") lies in the range.
    import re

    step_dates = dates_in(" ".join(re.findall(r"(?:due|done) \d{1,2} \w{3} \d{4}", text)))
    assert step_dates
    assert all(lo <= d <= hi for d in step_dates)


# Pages each section takes on its own for the example plan (each section starts a page).
BOUNDS = {
    "cover": (1, 1),
    "goals": (1, 4),
    "timeline": (1, 1),
    "gaps": (2, 6),
    "learning": (1, 2),
    "network": (1, 2),
    "checkin": (1, 2),
    "assessment": (1, 2),
}


def test_pages_per_section_and_the_whole_report(plan_file, full_report, tmp_path):
    _out, count = full_report
    total = 0
    for name in SECTIONS:
        pages = export(plan_file, tmp_path / f"{name}.pdf", TODAY, sections=(name,))
        lo, hi = BOUNDS[name]
        assert lo <= pages <= hi, (name, pages)
        total += pages
    assert count == total


def test_markup_in_a_title_prints_literally(plan_file, tmp_path):
    path = tmp_path / "markup.db"
    path.write_bytes(plan_file.read_bytes())
    title = '<b>Lead</b> & "grow"'
    with cdb.opened(path):
        goals.create_goal(title, dt.date(2027, 1, 1), dt.date(2027, 6, 30))
    out = tmp_path / "markup.pdf"
    export(path, out, TODAY, sections=("goals", "timeline"))
    pages = pages_text(out)
    assert any(title in t for t in pages[:-1])  # the goals list
    assert "<b>Lead</b> &" in pages[-1]  # the timeline's bar title
    assert "&amp;" not in " ".join(pages) and "&lt;" not in " ".join(pages)


def test_the_checkin_says_its_period_in_words(plan_file, tmp_path):
    out = tmp_path / "checkin.pdf"
    export(plan_file, out, TODAY, sections=("checkin",))
    assert "(quarterly)" in " ".join(pages_text(out))
    path = tmp_path / "custom.db"
    path.write_bytes(plan_file.read_bytes())
    with cdb.opened(path):
        journal.set_checkin_period(journal.custom_period(45))
        journal.record_checkin(journal.CheckInEntry(day=TODAY, period="custom:45"), today=TODAY)
    export(path, out, TODAY, sections=("checkin",))
    text = " ".join(pages_text(out))
    assert "Check-in of 23 Nov 2026 (every 45 days)" in text and "Custom" not in text


def test_every_font_is_embedded_and_the_timeline_is_vectors(full_report):
    out, _count = full_report
    listed = fonts(out)
    assert listed
    for row in listed:
        # name type encoding emb sub uni object ID: "emb" is the 4th field from the end.
        assert row[-5] == "yes", row
    assert images(out) == []


def test_page_size_and_orientation(plan_file, tmp_path):
    out = tmp_path / "letter.pdf"
    export(plan_file, out, TODAY, sections=("cover",), page="Letter", landscape=True)
    assert page_sizes(out) == [(792.0, 612.0)]
    out = tmp_path / "a4.pdf"
    export(plan_file, out, TODAY, sections=("cover",), page="A4")
    ((w, h),) = page_sizes(out)
    assert (round(w), round(h)) == (595, 842)


def test_a_failed_export_leaves_no_file(plan_file, tmp_path, monkeypatch):
    from careerdesk.report import pdf

    def broken(*_a, **_k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pdf, "paint_report", broken)
    out = tmp_path / "plan.pdf"
    with pytest.raises(RuntimeError):
        export(plan_file, out, TODAY)
    assert list(tmp_path.glob("plan.pdf*")) == []


@pytest.mark.parametrize(
    "options, message",
    [
        ({"sections": ("goals", "nope")}, "Unknown report section"),
        ({"timeline": "zoom"}, "timeline mode"),
        ({"page": "A3"}, "page size"),
        ({"date_from": dt.date(2027, 1, 2), "date_to": dt.date(2027, 1, 1)}, "before"),
        ({"sections": ("timeline",), "timeline": "none"}, "timeline-only"),
    ],
)
def test_bad_options_are_refused_in_one_sentence(options, message):
    from careerdesk.report.pdf import ReportOptions

    with pytest.raises(ValueError, match=message):
        ReportOptions(**options).check()


def test_a_very_long_text_continues_on_the_next_page_whole(plan_file, tmp_path):
    from careerdesk.core import models as m

    path = tmp_path / "long.db"
    path.write_bytes(plan_file.read_bytes())
    words = [f"duty{n:03d}" for n in range(900)]
    with cdb.opened(path):
        role = m.CareerRole.select().first()
        m.CareerRole.update(responsibilities=" ".join(words)).where(
            m.CareerRole.id == role.id
        ).execute()
    out = tmp_path / "long.pdf"
    count = export(path, out, TODAY, sections=("assessment",))
    assert count >= 3
    pages = pages_text(out)
    text = " ".join(pages)
    assert all(w in text for w in words)
    for n, page in enumerate(pages, start=1):
        assert page.endswith(f"page {n} of {count} · printed 23 Nov 2026")
        # No line of the long text runs into the footer.
        boxes = word_boxes(out, n)
        footer_top = min(top for w, top, _b in boxes if w == "printed")
        assert all(bottom < footer_top for w, _t, bottom in boxes if w.startswith("duty"))
