"""Installers: the icons, the NSIS script compiled by makensis, the frozen entry, --self-test."""

from __future__ import annotations

import importlib.util
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def icons(qapp, tmp_path_factory) -> dict[str, Path]:
    # qapp first: make_icons would otherwise create a QGuiApplication, not a QApplication.
    return load("make_icons").make_icons(tmp_path_factory.mktemp("icons"))


def test_icons_hold_every_size(icons):
    ico = icons["ico"].read_bytes()
    _reserved, kind, count = struct.unpack("<HHH", ico[:6])
    sizes = [ico[6 + 16 * i] or 256 for i in range(count)]
    assert kind == 1 and sizes == [16, 24, 32, 48, 64, 128, 256]
    icns = icons["icns"].read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic10" in icns  # the 1024 px retina entry
    assert icons["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (NSIS) not installed")
def test_makensis_compiles_the_installer_for_a_placeholder_bundle(tmp_path, icons):
    build = load("build")
    bundle = tmp_path / "CareerDesk"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "CareerDesk.exe").write_bytes(b"MZ placeholder")
    (bundle / "_internal" / "placeholder.txt").write_text("placeholder")
    out = tmp_path / "CareerDesk-0.1.0-setup.exe"

    cmd = build.nsis_command(shutil.which("makensis"), bundle, out, "0.1.0", icons["ico"])
    result = subprocess.run(cmd, capture_output=True, text=True)

    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes()[:2] == b"MZ"


def test_version_quad_has_four_numbers():
    build = load("build")
    assert build.version_quad("0.1.0") == "0.1.0.0"
    assert build.version_quad("1.2.3rc1") == "1.2.3.1"


def test_icu_trimming_keeps_collation_case_mapping_and_normalisation():
    unused = load("build").ICU_UNUSED
    for item in ("curr/en.res", "lang/de.res", "zone/fr.res", "brkitr/word.brk", "gb18030.cnv"):
        assert unused.search(item), item
    for item in ("coll/ucadata.icu", "coll/de.res", "cnvalias.icu", "uts46.nrm", "de.res"):
        assert not unused.search(item), item


def test_a_lone_file_argument_opens_that_file(tmp_path):
    plan = tmp_path / "mine.careerdesk"
    plan.write_bytes(b"")
    launch = load("launch")
    assert launch._file_argument([str(plan)]) == ["--db", str(plan)]
    assert launch._file_argument(["--demo"]) == ["--demo"]
    assert launch._file_argument([str(tmp_path / "missing.careerdesk")]) == [
        str(tmp_path / "missing.careerdesk")
    ]


def test_self_test_passes_from_source(tmp_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "careerdesk", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for line in ("ok   main window", "ok   tab 'Plan'", "ok   database check"):
        assert line in result.stdout
    assert "self-test passed" in result.stdout
    assert not (tmp_path / "config" / "CareerDesk").exists()  # settings stayed in its folder


def test_a_failing_step_names_itself_and_its_reason():
    from careerdesk.ui.self_test import SelfTestFailure, _step

    def broken() -> str:
        raise OSError("disk full")

    with pytest.raises(SelfTestFailure, match="^PDF export: OSError: disk full$"):
        _step("PDF export", broken)
