"""Every user operation as do -> undo -> redo: the database after redo equals after do."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from database_dump import canonical_dump

CASES_DIR = Path(__file__).parent.parent / "operations_cases"


def _load_cases() -> list:
    package = "operations_cases"  # tests/ is on pythonpath (pyproject)
    cases = []
    for path in sorted(CASES_DIR.glob("*.py")):
        if path.stem in ("__init__", "case"):
            continue
        module = importlib.import_module(f"{package}.{path.stem}")
        cases += [pytest.param(case, id=f"{path.stem}: {case.name}") for case in module.CASES]
    return cases


def _differences(a: dict, b: dict) -> list[str]:
    return [t for t in sorted(set(a) | set(b)) if a.get(t) != b.get(t)]


@pytest.mark.parametrize("case", _load_cases())
def test_do_undo_redo(window, case):
    path = window.ctx.db_path
    stack = window.ctx.undo_stack
    before = canonical_dump(path)
    steps_before = stack.index()
    case.act(window)
    assert stack.index() == steps_before + case.steps, "one user action, one undo step"
    after = canonical_dump(path)
    assert after != before, "the operation changed nothing in the database"
    for round_ in range(2):  # redo is exercised as often as undo
        for _ in range(case.steps):
            stack.undo()
        assert _differences(canonical_dump(path), before) == [], f"undo #{round_ + 1}"
        for _ in range(case.steps):
            stack.redo()
        assert _differences(canonical_dump(path), after) == [], f"redo #{round_ + 1}"
