"""Portfolio widget: the buttons write portfolio.html / portfolio.md into the answers folder and offer a download."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from cursuslib.store import AnswerStore, get_store
from cursuslib.widgets.portfolio import PortfolioPanel, show_portfolio

from .conftest import strip_tags

REFLECTION = "Ik vroeg door tot ik begreep wat de klant echt nodig had."


def download(panel: PortfolioPanel) -> tuple[str, str, bytes]:
    """The download name, MIME type and file contents in the link the panel shows."""
    match = re.search(r'<a download="([^"]+)" href="data:([^;]+);charset=utf-8;base64,([A-Za-z0-9+/=]+)">',
                      panel.result.value)
    assert match, panel.result.value
    return match.group(1), match.group(2), base64.b64decode(match.group(3))


def test_buttons_write_both_files_and_show_a_download_link(answers_dir: Path) -> None:
    get_store().save("01-reflectie-lsd", {"steps": {"actie": REFLECTION}})
    panel = show_portfolio(student="Sam <b>de Vries</b>")
    assert [b.description for b in (panel.html_button, panel.markdown_button)] == [
        "Maak portfolio (HTML)", "Maak portfolio (Markdown)"]
    assert "Opslaan als PDF" in strip_tags(panel.intro.value)

    panel.html_button.click()
    page = (answers_dir / "portfolio.html").read_text(encoding="utf-8")
    assert REFLECTION in page and "Sam &lt;b&gt;de Vries&lt;/b&gt;" in page
    name, mime, data = download(panel)
    assert (name, mime) == ("portfolio.html", "text/html") and data.decode("utf-8") == page
    assert str(answers_dir / "portfolio.html") in strip_tags(panel.result.value)
    assert 'role="status"' in panel.result.value

    panel.markdown_button.click()
    text = (answers_dir / "portfolio.md").read_text(encoding="utf-8")
    assert text.startswith("# Portfolio Klantgesprekken") and REFLECTION in text
    name, mime, data = download(panel)
    assert (name, mime) == ("portfolio.md", "text/markdown") and data.decode("utf-8") == text
    assert sorted(p.name for p in answers_dir.iterdir() if not p.name.startswith(".")) == [
        "antwoorden.json", "portfolio.html", "portfolio.md"]


def test_portfolio_works_before_any_answer_and_replaces_the_old_file(answers_dir: Path) -> None:
    panel = show_portfolio()
    path = panel.make("html")
    assert path == answers_dir / "portfolio.html" and "nog niet gemaakt" in path.read_text(encoding="utf-8")
    get_store().save("00-proef", {"selected": ["a"], "attempts": 1})
    panel.html_button.click()
    assert "Je hebt 1 van de" in path.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="html"):
        panel.make("pdf")


def test_a_problem_is_shown_in_dutch(tmp_path: Path) -> None:
    blocked = tmp_path / "bestand"
    blocked.write_text("geen map", encoding="utf-8")
    panel = show_portfolio(store=AnswerStore(blocked))
    panel.html_button.click()
    assert 'role="alert"' in panel.result.value and "kon niet worden bewaard" in panel.result.value
    assert "download=" not in panel.result.value


def test_paths_are_shown_as_in_the_file_browser(tmp_path: Path) -> None:
    from cursuslib import paths
    from cursuslib.widgets.base import shown_path

    root = paths.course_root()
    assert root is not None
    assert shown_path(root / "antwoorden" / "portfolio.html") == "antwoorden/portfolio.html"
    outside = tmp_path / "portfolio.html"
    assert shown_path(outside) == str(outside)
