"""The template environment: Jinja2 with autoescape on, for HTML and for Markdown documents.

Jinja2 is imported here, only when a document is made, so a lesson's first cell stays fast.
Every value a template prints is escaped unless a filter below made it safe on purpose:
``teacher`` (inline markdown from exercise files, as safe HTML), ``md``/``md_teacher``/``md_cell``/
``md_quote`` (Markdown that shows a student's text literally). An unescaped value in a Markdown
template would show as HTML entities, never as markup.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..text import inline_markdown
from ..types.blocks import Answer, Chart, Group, Items, Para, Table
from . import markdown

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> jinja2.Environment:
    """The shared Jinja2 environment (autoescape on for every template)."""
    import jinja2
    from markupsafe import Markup, escape

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters.update({
        "teacher": lambda text: Markup(inline_markdown(text)),
        "student": lambda text: Markup(str(escape(text)).replace("\n", "<br>")),
        "md": lambda text: Markup(markdown.markdown_escape(text)),
        "md_inline": lambda text, teacher=False: Markup(markdown.inline(text, teacher)),
        "md_line": lambda text, teacher=False: Markup(markdown.one_line(text, teacher)),
        "md_teacher": lambda text: Markup(markdown.teacher_markdown(" ".join(text.split()))),
        "md_cell": lambda text: Markup(markdown.cell(text)),
        "md_quote": lambda text: Markup(markdown.quote(text)),
        "percent": lambda share: "–" if share is None else f"{round(share * 100)}%",
    })
    env.tests.update({
        "para": lambda block: isinstance(block, Para),
        "answer": lambda block: isinstance(block, Answer),
        "items": lambda block: isinstance(block, Items),
        "table": lambda block: isinstance(block, Table),
        "chart": lambda block: isinstance(block, Chart),
        "group": lambda block: isinstance(block, Group),
        "containing": lambda mapping, key: key in mapping,
    })
    return env


def render(name: str, **values: Any) -> str:
    """Render template ``name`` from ``templates/`` with ``values``."""
    return environment().get_template(name).render(**values)
