"""SIGTERM: a batch command stops as an interruption (whole results only); the window is
left to Qt's default, so a logout still ends it."""

from __future__ import annotations

import signal

import pytest

from annotator import cli


@pytest.mark.parametrize("command", ["preannotate", "train"])
def test_batch_commands_treat_sigterm_as_an_interruption(
    command: str, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    installed: list[object] = []
    monkeypatch.setattr(signal, "signal", lambda sig, handler: installed.append((sig, handler)))
    monkeypatch.setattr(cli, "_dispatch", lambda args: 0)
    assert cli.main([command, "--db", str(tmp_path / "p.sqlite")]) == 0
    assert installed == [(signal.SIGTERM, cli._stop)]
    with pytest.raises(KeyboardInterrupt):
        cli._stop(signal.SIGTERM, None)


def test_the_window_keeps_the_default_sigterm(monkeypatch: pytest.MonkeyPatch) -> None:
    installed: list[object] = []
    monkeypatch.setattr(signal, "signal", lambda sig, handler: installed.append((sig, handler)))
    monkeypatch.setattr(cli, "_dispatch", lambda args: 0)
    assert cli.main(["demo"]) == 0
    assert installed == []
