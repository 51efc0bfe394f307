"""`careerdesk export pdf`: the report from the command line; bad options exit 2 in one line."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pypdf import PdfReader

from careerdesk import cli

from .pdf_helpers import pages_text


def test_export_pdf_from_the_command_line(example_plan, tmp_path):
    out = tmp_path / "plan.pdf"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "careerdesk",
            "export",
            "pdf",
            str(out),
            "--db",
            str(example_plan),
            "--sections",
            "timeline,goals",
            "--timeline",
            "tile",
            "--page",
            "Letter",
            "--landscape",
            "--from",
            "2026-06-01",
            "--to",
            "2027-05-31",
            "--today",
            "2026-11-23",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    reader = PdfReader(str(out))
    assert done.stdout.strip() == f"Wrote the plan ({len(reader.pages)} pages) to {out}"
    page = reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (792.0, 612.0)
    texts = pages_text(out)
    assert "Goals and steps" in texts[0]  # sections print in the report's order
    assert any("sheet 1.2" in t for t in texts)


@pytest.mark.parametrize(
    "extra, reason",
    [
        (["--sections", "goals,wishes"], "Unknown report section 'wishes'"),
        (["--timeline", "zoom"], "timeline mode is one of fit, tile, none"),
        (["--page", "A5"], "page size is one of A4, Letter"),
        (["--from", "2027-02-30"], "--from is not a date"),
        (["--from", "2027-03-01", "--to", "2027-01-01"], "end date is before its start"),
        (["--sections", "timeline", "--timeline", "none"], "timeline-only report"),
    ],
)
def test_bad_options_exit_2_with_one_line(example_plan, tmp_path, capsys, extra, reason):
    out = tmp_path / "plan.pdf"
    code = cli.run(["export", "pdf", str(out), "--db", str(example_plan), *extra])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and reason in err
    assert not out.exists()


def test_a_missing_folder_or_database_exits_2(example_plan, tmp_path, capsys):
    assert (
        cli.run(["export", "pdf", str(tmp_path / "no" / "p.pdf"), "--db", str(example_plan)]) == 2
    )
    assert "is not a folder" in capsys.readouterr().err
    assert (
        cli.run(["export", "pdf", str(tmp_path / "p.pdf"), "--db", str(tmp_path / "none.db")]) == 2
    )
    assert "does not exist" in capsys.readouterr().err


def test_pdf_options_are_refused_for_other_kinds(example_plan, tmp_path, capsys):
    code = cli.run(
        ["export", "csv", str(tmp_path / "c.csv"), "--db", str(example_plan), "--landscape"]
    )
    assert code == 2
    assert "pdf only" in capsys.readouterr().err
