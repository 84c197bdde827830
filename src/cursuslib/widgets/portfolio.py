"""Portfolio widget: write the student's portfolio as HTML or Markdown into the answers folder and offer a download."""

from __future__ import annotations

import base64
import contextlib
import os
import tempfile
from pathlib import Path

import ipywidgets as w

from ..content import ContentError, load_course
from ..documents import portfolio_html, portfolio_markdown
from ..messages import fill, text
from ..store import AnswerStore, StoreError, get_store
from ..text import escape
from .base import CSS, LINK_STYLE, button, live_region, shown_path

#: Per format: file name, MIME type and the name of the format (the same in every language).
FORMATS: dict[str, tuple[str, str, str]] = {
    "html": ("portfolio.html", "text/html", "HTML"),
    "markdown": ("portfolio.md", "text/markdown", "Markdown"),
}


def _html(template: str, **html_values: str) -> str:
    """Return a catalogue text as HTML: the text escaped, then the values (already HTML) filled in."""
    return fill(escape(template), html_values)


def _menu_items() -> dict[str, str]:
    """The browser's menu items the student clicks, as HTML."""
    return {"print": f"<em>{escape(text('portfolio.menu_print'))}</em>",
            "save_pdf": f"<em>{escape(text('portfolio.menu_save_pdf'))}</em>"}


def intro_html() -> str:
    """The heading and the explanation of the two formats, in the active language."""
    return (f"<h3>{escape(text('portfolio.title'))}</h3>"
            f"<p>{escape(text('portfolio.intro'))}</p>"
            f"<ul><li><strong>HTML</strong>: {_html(text('portfolio.intro_html'), **_menu_items())}</li>"
            f"<li><strong>Markdown</strong>: {escape(text('portfolio.intro_markdown'))}</li></ul>")


def _write(path: Path, content: str) -> None:
    """Write ``content`` atomically, so an old portfolio is replaced whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".portfolio-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def download_link(name: str, mime: str, data: bytes) -> str:
    """Return an ``<a download>`` link that carries ``data`` in a data: URI."""
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<a download="{escape(name)}" href="data:{mime};charset=utf-8;base64,{encoded}">'
            f'<span style="{LINK_STYLE}">{escape(text("portfolio.download", file=name))}</span></a>')


class PortfolioPanel(w.VBox):
    """Two buttons that write ``portfolio.html`` or ``portfolio.md`` and show a download link and the path."""

    def __init__(self, *, store: AnswerStore | None = None, student: str = "") -> None:
        super().__init__()
        self.store = store or get_store()
        self.add_class("cursus-exercise")
        self.add_class("cursus-portfolio")
        self.intro = w.HTML(CSS + intro_html())
        self.student_name = w.Text(value=student, description=text("portfolio.name"),
                                   placeholder=text("portfolio.name_placeholder"),
                                   style={"description_width": "6em"}, layout=w.Layout(width="32em", max_width="100%"))
        self.html_button = button(text("portfolio.make_html"), style="primary",
                                  tooltip=text("portfolio.make_html_tooltip"))
        self.markdown_button = button(text("portfolio.make_markdown"), tooltip=text("portfolio.make_markdown_tooltip"))
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
            document = render(self.store.load(), lessons=load_course(), student=self.student_name.value)
            path = self.store.folder / file_name
            _write(path, document)
        except (StoreError, ContentError) as exc:
            self._problem(str(exc))
            return None
        except OSError as exc:
            self._problem(text("portfolio.not_saved", folder=str(self.store.folder), reason=exc.strerror or str(exc)))
            return None
        how = (_html(text("portfolio.how_html"), **_menu_items()) if kind == "html"
               else escape(text("portfolio.how_markdown")))
        ready = _html(text("portfolio.ready"), format=escape(label),
                      link=download_link(file_name, mime, document.encode("utf-8")))
        where = _html(text("portfolio.saved_in"), path=f"<code>{escape(shown_path(path))}</code>")
        self.result.value = live_region(f"<p>{ready}</p><p>{where} {how}</p>")
        return path

    def _problem(self, message: str) -> None:
        self.result.value = f'<div class="cursus-notice" role="alert">{escape(message)}</div>'


def show_portfolio(*, student: str = "", store: AnswerStore | None = None) -> PortfolioPanel:
    """Return the portfolio panel: buttons for an HTML and a Markdown portfolio in the answers folder."""
    return PortfolioPanel(store=store, student=student)
