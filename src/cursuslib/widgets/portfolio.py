"""Portfolio widget: write the student's portfolio as HTML or Markdown into the answers folder and offer a download."""

from __future__ import annotations

import base64
import contextlib
import os
import tempfile
from pathlib import Path

import ipywidgets as w

from ..content import ContentError, load_course
from ..export import portfolio_html, portfolio_markdown
from ..store import AnswerStore, StoreError, get_store
from ..text import escape
from .base import CSS, button, live_region

#: Per format: file name, MIME type and the Dutch name of the format.
FORMATS: dict[str, tuple[str, str, str]] = {
    "html": ("portfolio.html", "text/html", "HTML"),
    "markdown": ("portfolio.md", "text/markdown", "Markdown"),
}

INTRO = (
    "<h3>Je portfolio</h3>"
    "<p>Maak een overzicht van alles wat je in deze cursus schreef en koos, per les, met de feedback die je kreeg. "
    "Het bestand komt in de map met je antwoorden en je kunt het meteen downloaden.</p>"
    "<ul><li><strong>HTML</strong>: open het bestand in je browser en kies <em>Afdrukken</em> (Ctrl+P, op een Mac "
    "Cmd+P) en dan <em>Opslaan als PDF</em>. Zo lever je je portfolio in als PDF.</li>"
    "<li><strong>Markdown</strong>: platte tekst die je kunt bewerken of in een ander document plakken.</li></ul>"
)


def _write(path: Path, text: str) -> None:
    """Write ``text`` atomically, so an old portfolio is replaced whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".portfolio-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def download_link(name: str, mime: str, data: bytes) -> str:
    """Return an ``<a download>`` link that carries ``data`` in a data: URI."""
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<a download="{escape(name)}" href="data:{mime};charset=utf-8;base64,{encoded}">'
            f"Download {escape(name)}</a>")


class PortfolioPanel(w.VBox):
    """Two buttons that write ``portfolio.html`` or ``portfolio.md`` and show a download link and the path."""

    def __init__(self, *, store: AnswerStore | None = None, student: str = "") -> None:
        super().__init__()
        self.store = store or get_store()
        self.add_class("cursus-exercise")
        self.add_class("cursus-portfolio")
        self.intro = w.HTML(CSS + INTRO)
        self.student_name = w.Text(value=student, description="Je naam",
                                   placeholder="Komt bovenaan je portfolio (mag leeg)",
                                   style={"description_width": "6em"}, layout=w.Layout(width="32em", max_width="100%"))
        self.html_button = button("Maak portfolio (HTML)", style="primary",
                                  tooltip="Maak portfolio.html om af te drukken of als PDF te bewaren")
        self.markdown_button = button("Maak portfolio (Markdown)", tooltip="Maak portfolio.md met platte tekst")
        self.html_button.on_click(lambda _: self.make("html"))
        self.markdown_button.on_click(lambda _: self.make("markdown"))
        self.result = w.HTML(live_region(""))
        self.children = [self.intro, self.student_name, w.HBox([self.html_button, self.markdown_button]), self.result]

    def make(self, kind: str) -> Path | None:
        """Write the portfolio in format ``kind`` (html or markdown); return its path, or None after a problem."""
        if kind not in FORMATS:
            raise ValueError(f'expected "html" or "markdown" (not {kind!r})')
        file_name, mime, label = FORMATS[kind]
        render = portfolio_html if kind == "html" else portfolio_markdown
        try:
            text = render(self.store.load(), lessons=load_course(), student=self.student_name.value)
            path = self.store.folder / file_name
            _write(path, text)
        except (StoreError, ContentError) as exc:
            self._problem(str(exc))
            return None
        except OSError as exc:
            self._problem(f"Het portfolio kon niet worden bewaard in de map {self.store.folder} "
                          f"({exc.strerror or exc}). Controleer of die map bestaat en of je erin mag schrijven.")
            return None
        how = ("Open het in je browser en kies <em>Afdrukken</em> en dan <em>Opslaan als PDF</em>."
               if kind == "html" else "Open het in een teksteditor of plak het in een ander document.")
        self.result.value = live_region(
            f"<p>Je portfolio ({label}) is klaar: {download_link(file_name, mime, text.encode('utf-8'))}</p>"
            f"<p>Het staat ook in de map met je antwoorden: <code>{escape(str(path))}</code>. {how}</p>")
        return path

    def _problem(self, message: str) -> None:
        self.result.value = f'<div class="cursus-notice" role="alert">{escape(message)}</div>'


def show_portfolio(*, student: str = "", store: AnswerStore | None = None) -> PortfolioPanel:
    """Return the portfolio panel: buttons for an HTML and a Markdown portfolio in the answers folder."""
    return PortfolioPanel(store=store, student=student)
