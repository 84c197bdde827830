"""Portfolio panel in English (CURSUSLIB_TAAL=en): the panel's own texts; the portfolio document stays Dutch."""

from __future__ import annotations

from pathlib import Path

import pytest

from cursuslib.store import AnswerStore
from cursuslib.widgets.portfolio import show_portfolio

from .visible import visible as shown

#: Every test here runs with the English widget texts (CURSUSLIB_TAAL=en).
pytestmark = pytest.mark.usefixtures("english")


def test_portfolio_panel_in_english(answers_dir: Path, tmp_path: Path) -> None:
    panel = show_portfolio(store=AnswerStore(answers_dir))
    intro = shown(panel.intro.value)
    assert intro.startswith("Your portfolio Make an overview of everything you wrote")
    assert "choose Print (Ctrl+P, on a Mac Cmd+P) and then Save as PDF." in intro and "Afdrukken" not in intro
    assert panel.student_name.description == "Your name"
    assert panel.student_name.placeholder == "Shown at the top of your portfolio (may be empty)"
    assert [b.description for b in (panel.html_button, panel.markdown_button)] == [
        "Make portfolio (HTML)", "Make portfolio (Markdown)"]
    assert panel.markdown_button.tooltip == "Make portfolio.md with plain text"
    panel.html_button.click()
    result = shown(panel.result.value)
    assert "Your portfolio (HTML) is ready: Download portfolio.html" in result
    assert f"It is also in the folder with your answers: {answers_dir / 'portfolio.html'}." in result
    assert "Open it in your browser and choose Print and then Save as PDF." in result
    panel.markdown_button.click()
    assert "Open it in a text editor" in shown(panel.result.value) and "klaar" not in panel.result.value

    blocked = tmp_path / "bestand"
    blocked.write_text("geen map", encoding="utf-8")
    broken = show_portfolio(store=AnswerStore(blocked))
    broken.html_button.click()
    problem = shown(broken.result.value)
    assert f"The portfolio could not be saved in the folder {blocked}" in problem
    assert "Check that the folder exists" in problem and "Controleer" not in problem
