"""One command for an installer: builds the bundle for this OS, then this OS's package.

    python packaging/build.py [--bundle-only] [--self-test]

Needs the `package` extra (`pip install -e ".[package]"`). Writes to dist/:
- Windows: CareerDesk-VERSION-setup.exe (NSIS; `makensis` on PATH or NSIS installed);
- macOS:   CareerDesk.app in CareerDesk-VERSION-macos-ARCH.dmg (with an Applications link);
           signed when MACOS_SIGN_IDENTITY is set (a "Developer ID Application: ..."
           identity in the keychain), notarised and stapled when MACOS_NOTARY_PROFILE
           (a `xcrun notarytool store-credentials` profile) is set too;
- Linux:   CareerDesk-VERSION-x86_64.AppImage when `appimagetool` is on PATH (or named by
           APPIMAGETOOL), else CareerDesk-VERSION-linux-x86_64.tar.gz of the same AppDir.
It prints the bundle's size on disk and the package's size. --self-test runs the frozen
`--self-test` (offscreen) on the bundle before packaging it.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
ICONS = BUILD / "icons"
NAME = "CareerDesk"
BUNDLE_ID = "org.careerdesk.CareerDesk"
# X and xcb libraries Qt's xcb platform plugin needs that a bare Debian/Ubuntu desktop
# may lack (libxcb itself is always there); PyInstaller bundles them from the build
# machine, so they must be installed there (the release workflow apt-gets them).
LINUX_X_LIBS = (
    "libxcb-cursor.so.0",
    "libxcb-icccm.so.4",
    "libxcb-image.so.0",
    "libxcb-keysyms.so.1",
    "libxcb-render-util.so.0",
    "libxcb-shape.so.0",
    "libxcb-xkb.so.1",
    "libxkbcommon-x11.so.0",
    "libxkbcommon.so.0",
)
# ICU data Qt never reads here (Qt has its own CLDR tables for QLocale and its own text
# boundaries): locale display names, currencies, units, time-zone names, spell-out rules,
# transliterators, break iterators and legacy converters. Kept: collation (QCollator,
# file dialogs), case mapping, normalisation, IDNA profiles.
ICU_UNUSED = re.compile(r"^(curr|lang|region|unit|zone|rbnf|translit|brkitr)/|\.cnv$")
ICU_DATA_ASM = """    .section .rodata
    .globl {symbol}
    .type {symbol}, @object
    .balign 16
{symbol}:
    .incbin "{dat}"
    .size {symbol}, . - {symbol}
    .section .note.GNU-stack,"",@progbits
"""
# What the bundle may still take from the system: glibc, the graphics stack (which must
# match the machine's drivers) and libxcb with its own dependencies. CUPS and its tree
# are loaded only by Qt's CUPS print plugin, which is skipped where CUPS is missing.
LINUX_SYSTEM_DEPENDENCIES = re.compile(
    r"^(ld-linux.*|lib(c|m|dl|pthread|rt|resolv|util)\.so.*|"
    r"lib(E?GL|GLX|GLdispatch|OpenGL|gbm|drm)\.so.*|lib(xcb|Xau|Xdmcp|bsd|md)\.so.*)$"
)
DESKTOP_FILE = """[Desktop Entry]
Type=Application
Name=CareerDesk
GenericName=Career planner
Comment=Plan and develop your career, privately
Exec=CareerDesk %f
Icon=careerdesk
Terminal=false
Categories=Office;ProjectManagement;
MimeType=application/x-careerdesk;
Keywords=career;goals;skills;network;plan;
"""
MIME_XML = """<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-careerdesk">
    <comment>CareerDesk plan</comment>
    <glob pattern="*.careerdesk"/>
  </mime-type>
</mime-info>
"""
APPRUN = """#!/bin/sh
# AppImage / unpacked tarball entry: run the bundle next to this script.
HERE="$(dirname "$(readlink -f "$0")")"
exec "$HERE/CareerDesk/CareerDesk" "$@"
"""


def version() -> str:
    text = (ROOT / "careerdesk" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M).group(1)


def version_quad(text: str) -> str:
    """x.y.z as the four numbers Windows version resources want ("0.1.0" -> "0.1.0.0")."""
    numbers = [int(n) for n in re.findall(r"\d+", text)[:4]]
    return ".".join(str(n) for n in (numbers + [0, 0, 0, 0])[:4])


def run(*cmd: str | Path, **kwargs: object) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def bundle_dir() -> Path:
    return DIST / NAME


def tree_size(path: Path) -> int:
    """Bytes on disk of the files under `path` (symlinks count as nothing)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


# --- the bundle --------------------------------------------------------------------


def write_windows_version_info(text: str) -> Path:
    """The version resource PyInstaller puts into CareerDesk.exe."""
    quad = tuple(int(n) for n in version_quad(text).split("."))
    out = BUILD / "version_info.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    strings = {
        "CompanyName": "The CareerDesk developers",
        "FileDescription": NAME,
        "FileVersion": text,
        "InternalName": NAME,
        "LegalCopyright": "GPL-3.0-or-later",
        "OriginalFilename": f"{NAME}.exe",
        "ProductName": NAME,
        "ProductVersion": text,
    }
    entries = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    out.write_text(
        f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={quad}, prodvers={quad}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
{entries}
    ])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
""",
        encoding="utf-8",
    )
    return out


def build_bundle() -> Path:
    """Icons, then PyInstaller with packaging/careerdesk.spec; returns dist/CareerDesk."""
    run(sys.executable, PACKAGING / "make_icons.py", ICONS)
    if sys.platform == "win32":
        write_windows_version_info(version())
    run(
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", DIST, "--workpath", BUILD / "pyinstaller",
        PACKAGING / "careerdesk.spec",
    )  # fmt: skip
    bundle = bundle_dir()
    if sys.platform.startswith("linux"):
        strip_linux(bundle)
        trim_icu_data(bundle)
        check_linux_x_libs(bundle)
        check_linux_dependencies(bundle)
    return bundle


def strip_linux(bundle: Path) -> None:
    """Strip debug symbols from the Qt libraries and CPython's own, never from numpy's.

    PyInstaller's strip=True would strip numpy's bundled OpenBLAS too, which breaks it.
    The Qt wheels ship stripped already (this is a no-op for them, kept in case a build
    of Qt is not); CPython's libpython and lib-dynload are where the savings are (~17 MB).
    """
    strip = shutil.which("strip")
    if strip is None:
        print("strip not found: bundle left unstripped")
        return
    internal = bundle / "_internal"
    targets = [
        *(internal / "PySide6" / "Qt" / "lib").glob("libQt6*.so*"),
        *(internal / "PySide6" / "Qt" / "plugins").rglob("*.so"),
        *(internal / "PySide6").glob("*.so*"),
        *internal.glob("libshiboken6*.so*"),
        *internal.glob("libpyside6*.so*"),
        *internal.glob("libpython3*.so*"),
        *internal.glob("python3*/lib-dynload/*.so"),
    ]
    files = sorted({p.resolve() for p in targets if p.is_file()})
    before = sum(p.stat().st_size for p in files)
    subprocess.run([strip, "--strip-unneeded", *map(str, files)], check=True)
    after = sum(p.stat().st_size for p in files)
    print(f"stripped {len(files)} Qt and CPython libraries: {mib(before)} -> {mib(after)}")


def trim_icu_data(bundle: Path) -> None:
    """Rebuild libicudata.so (31 MB) without the ICU_UNUSED items (13 MB left).

    Needs `icupkg` (Debian/Ubuntu: icu-devtools) and a C compiler; skipped without them.
    The data is the one array `icudtNN_dat` in the library: it is cut out, filtered with
    icupkg and linked back into a library of the same soname.
    """
    libs = sorted((bundle / "_internal" / "PySide6" / "Qt" / "lib").glob("libicudata.so.*"))
    icupkg, cc = shutil.which("icupkg"), shutil.which("cc") or shutil.which("gcc")
    if not libs or icupkg is None or cc is None:
        print("ICU data left whole (needs libicudata in the bundle, icupkg and cc)")
        return
    lib = libs[0]
    major = re.search(r"\.so\.(\d+)", lib.name).group(1)
    symbol, name = f"icudt{major}_dat", f"icudt{major}l"
    symbols = subprocess.run(["readelf", "-sW", lib], capture_output=True, text=True).stdout
    sections = subprocess.run(["readelf", "-SW", lib], capture_output=True, text=True).stdout
    found = re.search(rf"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s.*\s{symbol}$", symbols, re.M)
    rodata = re.search(r"\.rodata\s+PROGBITS\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if not found or not rodata:
        print(f"ICU data left whole ({symbol} not found in {lib.name})")
        return
    address, size = int(found.group(1), 16), int(found.group(2), 0)
    offset = address - int(rodata.group(1), 16) + int(rodata.group(2), 16)
    work = BUILD / "icu"
    shutil.rmtree(work, ignore_errors=True)
    (work / "out").mkdir(parents=True)
    with lib.open("rb") as f:
        f.seek(offset)
        (work / f"{name}.dat").write_bytes(f.read(size))
    items = subprocess.run(
        [icupkg, "-l", work / f"{name}.dat"], capture_output=True, text=True, check=True
    ).stdout.split()
    (work / "unused.txt").write_text(
        "\n".join(i for i in items if ICU_UNUSED.search(i)) + "\n", encoding="utf-8"
    )
    run(icupkg, "-r", work / "unused.txt", work / f"{name}.dat", work / "out" / f"{name}.dat")
    (work / "icudata.S").write_text(
        ICU_DATA_ASM.format(symbol=symbol, dat=work / "out" / f"{name}.dat"), encoding="utf-8"
    )
    trimmed = work / lib.name
    run(cc, "-shared", "-nostdlib", f"-Wl,-soname,{lib.name}", "-o", trimmed, work / "icudata.S")
    before = lib.stat().st_size
    shutil.copyfile(trimmed, lib)
    print(f"ICU data: {mib(before)} -> {mib(lib.stat().st_size)}")


def check_linux_x_libs(bundle: Path) -> None:
    internal = bundle / "_internal"
    missing = [lib for lib in LINUX_X_LIBS if not (internal / lib).exists()]
    if missing:
        raise SystemExit(
            "the bundle lacks X libraries a bare desktop may not have: "
            + ", ".join(missing)
            + " (install them on this machine, e.g. apt-get install libxcb-cursor0 "
            "libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 "
            "libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0, and build again)"
        )


def check_linux_dependencies(bundle: Path) -> None:
    """Fail if a bundled library needs a system library outside LINUX_SYSTEM_DEPENDENCIES."""
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    outside: dict[str, set[str]] = {}
    for lib in [bundle / NAME, *internal.rglob("*.so*")]:
        if lib.is_symlink() or not lib.is_file() or "printsupport" in lib.parts:
            continue
        listing = subprocess.run(["ldd", str(lib)], capture_output=True, text=True, env=env)
        for name, path in re.findall(r"^\s*(\S+) => (\S+)", listing.stdout, re.M):
            if not path.startswith(str(internal)) and not LINUX_SYSTEM_DEPENDENCIES.match(name):
                outside.setdefault(name, set()).add(lib.name)
    if outside:
        raise SystemExit(
            "the bundle needs system libraries a bare desktop may lack: "
            + "; ".join(f"{name} (for {', '.join(sorted(u))})" for name, u in outside.items())
        )
    print("bundle dependencies: only glibc, the graphics stack and libxcb come from the system")


def frozen_executable(bundle: Path) -> Path:
    if sys.platform == "darwin":
        return DIST / f"{NAME}.app" / "Contents" / "MacOS" / NAME
    return bundle / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def self_test(bundle: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run(frozen_executable(bundle), "--self-test", env=env)


# --- the packages ------------------------------------------------------------------


def nsis_command(
    makensis: str, source: Path, out: Path, text: str, icon: Path | None = None
) -> list[str]:
    """The makensis call that turns the bundle folder `source` into the installer `out`."""
    cmd = [
        makensis,
        "-V2",
        "-WX",  # warnings are errors: a clean script stays clean
        f"-DVERSION={text}",
        f"-DVERSION_QUAD={version_quad(text)}",
        f"-DSOURCE_DIR={source}",
        f"-DOUTFILE={out}",
    ]
    if icon is not None:
        cmd.append(f"-DICON={icon}")
    return [*cmd, str(PACKAGING / "windows" / "careerdesk.nsi")]


def find_makensis() -> str | None:
    found = shutil.which("makensis")
    if found is None and sys.platform == "win32":
        for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
            candidate = Path(base or "C:/") / "NSIS" / "makensis.exe"
            if candidate.exists():
                return str(candidate)
    return found


def package_windows(bundle: Path, text: str) -> Path:
    makensis = find_makensis()
    if makensis is None:
        raise SystemExit("makensis not found: install NSIS (choco install nsis)")
    out = DIST / f"{NAME}-{text}-setup.exe"
    run(*nsis_command(makensis, bundle, out, text, ICONS / "careerdesk.ico"))
    return out


def package_macos(text: str) -> Path:
    app = DIST / f"{NAME}.app"
    identity = os.environ.get("MACOS_SIGN_IDENTITY")
    if identity:
        run(
            "codesign", "--force", "--deep", "--options", "runtime", "--timestamp",
            "--sign", identity, app,
        )  # fmt: skip
    else:
        print("MACOS_SIGN_IDENTITY not set: the .app is not signed (ad-hoc signature only)")
    staging = BUILD / "dmg"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    shutil.copytree(app, staging / app.name, symlinks=True)
    (staging / "Applications").symlink_to("/Applications")
    out = DIST / f"{NAME}-{text}-macos-{platform.machine()}.dmg"
    out.unlink(missing_ok=True)
    run(
        "hdiutil", "create", "-volname", NAME, "-srcfolder", staging, "-ov",
        "-format", "UDZO", out,
    )  # fmt: skip
    if identity:
        run("codesign", "--force", "--timestamp", "--sign", identity, out)
        profile = os.environ.get("MACOS_NOTARY_PROFILE")
        if profile:
            run("xcrun", "notarytool", "submit", out, "--keychain-profile", profile, "--wait")
            run("xcrun", "stapler", "staple", out)
        else:
            print("MACOS_NOTARY_PROFILE not set: the .dmg is signed but not notarised")
    return out


def make_appdir(bundle: Path, text: str) -> Path:
    """The AppDir: AppRun, .desktop file, icon, MIME type and the bundle beside them."""
    appdir = BUILD / f"{NAME}-{text}.AppDir"
    shutil.rmtree(appdir, ignore_errors=True)
    appdir.mkdir(parents=True)
    shutil.copytree(bundle, appdir / NAME, symlinks=True)
    apprun = appdir / "AppRun"
    apprun.write_text(APPRUN, encoding="utf-8")
    apprun.chmod(0o755)
    (appdir / "careerdesk.desktop").write_text(DESKTOP_FILE, encoding="utf-8")
    shutil.copy2(ICONS / "careerdesk.png", appdir / "careerdesk.png")
    (appdir / ".DirIcon").symlink_to("careerdesk.png")
    share = appdir / "usr" / "share"
    for sub, name, data in (
        ("applications", "careerdesk.desktop", DESKTOP_FILE),
        ("mime/packages", "careerdesk.xml", MIME_XML),
    ):
        (share / sub).mkdir(parents=True, exist_ok=True)
        (share / sub / name).write_text(data, encoding="utf-8")
    icon_dir = share / "icons" / "hicolor" / "512x512" / "apps"
    icon_dir.mkdir(parents=True)
    shutil.copy2(ICONS / "careerdesk.png", icon_dir / "careerdesk.png")
    return appdir


def package_linux(bundle: Path, text: str) -> Path:
    appdir = make_appdir(bundle, text)
    arch = platform.machine()
    tool = os.environ.get("APPIMAGETOOL") or shutil.which("appimagetool")
    if tool:
        out = DIST / f"{NAME}-{text}-{arch}.AppImage"
        run(tool, "--no-appstream", appdir, out, env=dict(os.environ, ARCH=arch))
        return out
    print("appimagetool not found: writing a tar.gz of the AppDir instead")
    out = DIST / f"{NAME}-{text}-linux-{arch}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(appdir, arcname=f"{NAME}-{text}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle-only", action="store_true", help="skip the OS package")
    parser.add_argument("--self-test", action="store_true", help="run the frozen self-test")
    args = parser.parse_args(argv)
    text = version()
    bundle = build_bundle()
    if args.self_test:
        self_test(bundle)
    print(f"bundle: {bundle} ({mib(tree_size(bundle))} on disk)")
    if args.bundle_only:
        return 0
    if sys.platform == "win32":
        package = package_windows(bundle, text)
    elif sys.platform == "darwin":
        package = package_macos(text)
    else:
        package = package_linux(bundle, text)
    print(f"package: {package} ({mib(package.stat().st_size)})")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as exc:
        sys.exit(f"build.py: {Path(str(exc.cmd[0])).name} failed (exit {exc.returncode})")
