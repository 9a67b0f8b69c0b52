"""Every CLI command and option is documented in the README (sqlite-utils' habit)."""

from __future__ import annotations

import argparse

from reader.cli import build_parser
from tests.conftest import ROOT


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in _commands() if f"version-reader {name}" not in readme]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_every_option_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = []
    for name, sub in _commands().items():
        for action in sub._actions:
            for opt in action.option_strings:
                if opt.startswith("--") and opt != "--help" and opt not in readme:
                    missing.append(f"{name} {opt}")
    assert not missing, f"options not documented in README.md: {missing}"


def test_readme_names_the_two_fresh_machine_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "uv run version-reader open resources/sample" in readme
    assert "uv run pytest" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nuv run pytest\n" in ci, ".ci/run must run exactly the README's test command"
