"""What desktops read: the .desktop entry, the AppStream metainfo, the icons; and the
self-check that the bundle runs, tried from source."""

from __future__ import annotations

import configparser
import socket
import xml.etree.ElementTree as ET

import pytest

from annotator import cli, selfcheck
from tests.conftest import ROOT

LINUX = ROOT / "packaging" / "linux"
APP_ID = "org.stanceannotator.StanceAnnotator"


def test_the_desktop_entry_launches_the_bundle_with_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"].split()[0] == "stance-annotator"
    assert desktop["Icon"] == "stance-annotator"
    assert desktop["Categories"].endswith(";")
    for language in ("ru", "uk", "bg"):
        assert desktop[f"Name[{language}]"] and desktop[f"Comment[{language}]"]


def test_the_metainfo_names_the_desktop_entry_and_the_binary() -> None:
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]
    assert root.findtext("provides/binary") == "stance-annotator"
    assert root.findtext("metadata_license") == "CC0-1.0"
    from annotator import __version__

    assert root.find("releases/release").get("version") == __version__  # type: ignore[union-attr]


def test_icons_come_in_every_size_and_for_every_platform() -> None:
    icons = ROOT / "packaging" / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert (icons / "hicolor" / f"{size}x{size}" / "apps" / "stance-annotator.png").exists()
    assert (icons / "stance-annotator.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (icons / "stance-annotator.icns").read_bytes()[:4] == b"icns"
    assert (ROOT / "resources" / "icons" / "stance-annotator.svg").exists()


def test_the_self_check_passes_from_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--self-check"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "ok"
    assert sum(line.startswith("  ✓") for line in lines) == len(selfcheck.STEPS)


def test_the_self_check_says_which_step_failed_and_why(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def phone_home(_state: dict) -> str:  # a step that wants the network
        socket.create_connection(("example.org", 443))
        return "never"

    steps = list(selfcheck.STEPS)
    steps[1] = ("import samples", phone_home)
    monkeypatch.setattr(selfcheck, "STEPS", steps)
    assert cli.main(["--self-check"]) == 1
    out = capsys.readouterr().out
    assert "FAILED: import samples: NetworkUsed: a network connection was attempted" in out
    assert not out.strip().endswith("ok")
