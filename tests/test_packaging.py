"""Smoke tests for the installable app: the wheel, the PyInstaller bundle, the icons.

The wheel is built once per session, installed into a fresh virtual environment with uv,
and run from a temporary folder so the checkout is not on ``sys.path``: everything it
needs (the sample folder, icons) must come from the installed package. The bundle is
built once per session into a temporary folder and run headless (Qt offscreen).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reader import __version__
from tests.conftest import ROOT

SAMPLE_SUFFIXES = {".txt", ".md", ".html", ".htm"}
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
APP_ID = "io.github.versionreader.VersionReader"


def _env() -> dict[str, str]:
    """The caller's environment minus anything pointing Python at the checkout."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")
    }
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["UV_PYTHON_DOWNLOADS"] = "never"
    return env


def _run(
    cmd: list[str | Path], *, cwd: Path, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    out = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout
    )
    assert out.returncode == 0, (
        f"{' '.join(map(str, cmd))} exited {out.returncode}\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    )
    return out


def _sample_names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.suffix.lower() in SAMPLE_SUFFIXES}


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="session")
def uv() -> str:
    found = os.environ.get("UV") or shutil.which("uv")
    if not found:
        pytest.fail("uv is needed to build and install the wheel (CI installs it)")
    return found


@pytest.fixture(scope="session")
def wheel(uv: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _run([uv, "build", "--wheel", "--out-dir", out, ROOT], cwd=ROOT)
    wheels = list(out.glob("version_reader-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="session")
def venv_bin(uv: str, wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("wheel-venv") / "venv"
    _run([uv, "venv", "--quiet", "--python", sys.executable, venv], cwd=venv.parent)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    _run(
        [uv, "pip", "install", "--quiet", "--python", bin_dir / "python", wheel],
        cwd=venv.parent,
        timeout=600,
    )
    return bin_dir


@pytest.fixture(scope="session")
def installed_sample(venv_bin: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    cwd = tmp_path_factory.mktemp("elsewhere")
    out = _run(
        [
            venv_bin / "python",
            "-c",
            "from reader.paths import sample_folder; print(sample_folder())",
        ],
        cwd=cwd,
    )
    return Path(out.stdout.strip())


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory, uv: str) -> Path:
    """dist/version-reader/ built by the project's spec, into a temporary folder."""
    if sys.platform == "linux" and shutil.which("objdump") is None:
        pytest.fail("PyInstaller needs objdump on Linux: install the Debian package binutils")
    work = tmp_path_factory.mktemp("pyinstaller")
    _run(
        [
            uv,
            "run",
            "--group",
            "packaging",
            "pyinstaller",
            "packaging/version-reader.spec",
            "--distpath",
            work / "dist",
            "--workpath",
            work / "build",
            "--noconfirm",
            "--log-level",
            "WARN",
        ],
        cwd=ROOT,
        timeout=900,
    )
    folder = work / "dist" / "version-reader"
    assert folder.is_dir()
    return folder


# --- the wheel ------------------------------------------------------------------------


def test_wheel_carries_resources_and_both_launchers(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        entry_points = next(
            zf.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt")
        )
    sample = {n.rsplit("/", 1)[1] for n in names if n.startswith("reader/resources/sample/")}
    assert _sample_names(ROOT / "resources" / "sample") <= sample
    assert sample, "the wheel has no sample folder"
    assert "reader/resources/icons/version-reader.svg" in names
    for size in ICON_SIZES:
        assert f"reader/resources/icons/version-reader-{size}.png" in names
    assert "version-reader = reader.cli:main" in entry_points
    assert "[gui_scripts]" in entry_points
    assert not any(
        ".sqlite" in n or "__pycache__/" in n for n in names if n.startswith("reader/resources/")
    )
    # Tests, benchmarks and packaging scripts are not part of the installed app.
    assert not any(n.startswith(("tests/", "benchmarks/", "packaging/")) for n in names)


def test_installed_version_matches_the_package(venv_bin: Path, tmp_path: Path) -> None:
    out = _run([venv_bin / "version-reader", "--version"], cwd=tmp_path)
    assert out.stdout.strip() == f"version-reader {__version__}"


def test_installed_sample_comes_from_site_packages(installed_sample: Path, venv_bin: Path) -> None:
    venv = venv_bin.parent.resolve()
    assert installed_sample.resolve().is_relative_to(venv), installed_sample
    assert "site-packages" in installed_sample.parts
    assert not installed_sample.resolve().is_relative_to(ROOT.resolve())
    assert _sample_names(installed_sample) == _sample_names(ROOT / "resources" / "sample")


def test_installed_extract_reads_the_sample(
    venv_bin: Path, installed_sample: Path, tmp_path: Path
) -> None:
    out = _run(
        [venv_bin / "version-reader", "extract", installed_sample, "--format", "json"], cwd=tmp_path
    )
    doc = json.loads(out.stdout)
    assert doc["schema"] == "version-reader.extraction/1"
    names = _sample_names(installed_sample)
    assert {Path(v["id"]).name for v in doc["versions"]} == names
    for version in doc["versions"]:
        assert version["paragraphs"], f"{version['id']}: no body paragraphs"


def test_installed_align_pairs_the_sample(
    venv_bin: Path, installed_sample: Path, tmp_path: Path
) -> None:
    out = _run(
        [venv_bin / "version-reader", "align", installed_sample, "--format", "json"], cwd=tmp_path
    )
    doc = json.loads(out.stdout)
    assert doc["schema"] == "version-reader.alignment/1.2"
    ids = [v["id"] for v in doc["versions"]]
    assert {Path(i).name for i in ids} == _sample_names(installed_sample)
    assert doc["base"] in ids
    assert {a["version"] for a in doc["alignments"]} == set(ids) - {doc["base"]}


def test_installed_gui_opens_the_sample_headless(
    venv_bin: Path, installed_sample: Path, tmp_path: Path
) -> None:
    shot = tmp_path / "window.png"
    _run(
        [
            venv_bin / "version-reader",
            "open",
            installed_sample,
            "--store",
            tmp_path / "store.sqlite",
            "--screenshot",
            shot,
        ],
        cwd=tmp_path,
    )
    width, height = _png_size(shot)
    assert width >= 1280 and height >= 800, (width, height)


# --- the bundle -----------------------------------------------------------------------


def _bundle_exe(bundle: Path) -> Path:
    return bundle / ("version-reader.exe" if os.name == "nt" else "version-reader")


def test_bundle_reports_the_version(bundle: Path, tmp_path: Path) -> None:
    out = _run([_bundle_exe(bundle), "--version"], cwd=tmp_path)
    assert out.stdout.strip() == f"version-reader {__version__}"


def test_bundle_extracts_with_its_own_data_files(bundle: Path, tmp_path: Path) -> None:
    # trafilatura, justext and htmldate read data files at import or first use: a
    # missing one shows up here, not in the checkout.
    sample = bundle / "_internal" / "reader" / "resources" / "sample"
    assert _sample_names(sample) == _sample_names(ROOT / "resources" / "sample")
    out = _run([_bundle_exe(bundle), "extract", sample, "--format", "json"], cwd=tmp_path)
    doc = json.loads(out.stdout)
    assert {Path(v["id"]).name for v in doc["versions"]} == _sample_names(sample)


def test_bundle_reads_archives_and_documents(bundle: Path, tmp_path: Path) -> None:
    # warcio and pypdfium2 (with PDFium's shared library) are imported only when a folder
    # holds an archive or a PDF: a bundle missing them fails here.
    from tests import saved_files as sf

    folder = tmp_path / "evidence"
    sf.write(folder / "story.warc.gz", sf.warc_bytes(sf.story_records()[:2]))
    sf.write(
        folder / "statement.pdf",
        sf.pdf_bytes([["A statement from the harbour authority about the strike."]]),
    )
    sf.write(folder / "statement.docx", sf.docx_bytes(["The same statement as a Word file."]))
    out = _run([_bundle_exe(bundle), "extract", folder, "--format", "json"], cwd=tmp_path)
    doc = json.loads(out.stdout)
    assert [v["id"] for v in doc["versions"]] == [
        "evidence/statement.docx",
        "evidence/statement.pdf",
        "evidence/story.warc.gz#1",
        "evidence/story.warc.gz#2",
    ]


def test_bundle_opens_the_sample_headless(bundle: Path, tmp_path: Path) -> None:
    sample = bundle / "_internal" / "reader" / "resources" / "sample"
    shot = tmp_path / "window.png"
    _run([_bundle_exe(bundle), "open", sample, "--screenshot", shot], cwd=tmp_path)
    width, height = _png_size(shot)
    assert width >= 1280 and height >= 800, (width, height)


def test_bundle_carries_desktop_integration(bundle: Path) -> None:
    if sys.platform != "linux":
        pytest.fail("the Linux share/ tree is only built on Linux; run this suite there")
    share = bundle / "share"
    desktop = (share / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert "Exec=version-reader" in desktop
    assert f"Icon={APP_ID}" in desktop
    metainfo = (share / "metainfo" / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    assert f'<release version="{__version__}"' in metainfo
    assert re.search(r"@[A-Z_]+@", metainfo) is None, "an unfilled template field"
    for size in ICON_SIZES:
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert _png_size(icon) == (size, size)
    assert os.access(bundle / "install-desktop-integration.sh", os.X_OK)


def test_desktop_integration_script_installs_and_removes_the_menu_entry(
    bundle: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {**_env(), "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    script = bundle / "install-desktop-integration.sh"
    subprocess.run([str(script)], env=env, check=True, capture_output=True, cwd=tmp_path)
    entry = home / "data" / "applications" / f"{APP_ID}.desktop"
    exec_line = next(
        line for line in entry.read_text(encoding="utf-8").splitlines() if line.startswith("Exec=")
    )
    # The menu entry must point at this bundle, not at a command that may not be on PATH.
    assert exec_line == f'Exec="{bundle}/version-reader" open %f'
    assert (home / "data" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    link = home / ".local" / "bin" / "version-reader"
    out = subprocess.run(
        [str(link), "--version"], env=env, capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.strip() == f"version-reader {__version__}"
    subprocess.run(
        [str(script), "--uninstall"], env=env, check=True, capture_output=True, cwd=tmp_path
    )
    assert not entry.exists() and not link.exists()
    assert not list((home / "data" / "icons").rglob(f"{APP_ID}.*"))


# --- generated metadata -------------------------------------------------------------


def test_packaging_reads_the_one_version(tmp_path: Path) -> None:
    out = _run([sys.executable, ROOT / "packaging" / "appmeta.py", "version"], cwd=tmp_path)
    assert out.stdout.strip() == __version__


def test_windows_version_resource_carries_the_package_version(tmp_path: Path) -> None:
    # Windows is not available here. PyInstaller reads this file by evaluating it with
    # its VSVersionInfo classes in scope (pefile, which it needs for that, is
    # Windows-only), so evaluate it the same way with recording stand-ins.
    rendered = tmp_path / "version_info.txt"
    _run(
        [
            sys.executable,
            ROOT / "packaging" / "appmeta.py",
            "render",
            ROOT / "packaging" / "windows" / "version_info.txt",
            rendered,
        ],
        cwd=tmp_path,
    )

    def record(kind: str) -> object:
        return lambda *args, **kwargs: {"kind": kind, "args": args, **kwargs}

    names = (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    )
    info = eval(rendered.read_text(encoding="utf-8"), {n: record(n) for n in names})
    major, minor, patch = (int(n) for n in __version__.split(".")[:3])
    assert info["kind"] == "VSVersionInfo"
    assert info["ffi"]["filevers"] == (major, minor, patch, 0)
    assert info["ffi"]["prodvers"] == (major, minor, patch, 0)
    table = info["kids"][0]["args"][0][0]
    strings = {s["args"][0]: s["args"][1] for s in table["args"][1]}
    assert strings["ProductVersion"] == __version__
    assert strings["FileVersion"] == __version__
    assert strings["OriginalFilename"] == "version-reader.exe"


# --- icons ----------------------------------------------------------------------------


def test_png_icons_have_their_named_sizes() -> None:
    for size in ICON_SIZES:
        assert _png_size(ROOT / "resources" / "icons" / f"version-reader-{size}.png") == (
            size,
            size,
        )


def test_ico_holds_png_entries_of_the_declared_sizes() -> None:
    data = (ROOT / "resources" / "icons" / "version-reader.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        w, h, _, _, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        png = data[offset : offset + length]
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        real = struct.unpack(">II", png[16:24])
        # The directory stores 0 for 256 px (one-byte field).
        assert real == (w or 256, h or 256)
        assert (planes, bits) == (1, 32)
        sizes.append(real[0])
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_icns_holds_png_entries_macos_expects() -> None:
    data = (ROOT / "resources" / "icons" / "version-reader.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    expected = {b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024}
    found = {}
    pos = 8
    while pos < len(data):
        kind, length = data[pos : pos + 4], struct.unpack(">I", data[pos + 4 : pos + 8])[0]
        png = data[pos + 8 : pos + length]
        assert png[:8] == b"\x89PNG\r\n\x1a\n", kind
        found[kind] = struct.unpack(">II", png[16:24])[0]
        pos += length
    assert pos == len(data)
    for kind, size in expected.items():
        assert found.get(kind) == size, kind
