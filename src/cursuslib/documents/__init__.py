"""Documents for students and teachers: the portfolio (HTML and Markdown) and the class overview.

They are rendered from Jinja2 templates in ``templates/`` with autoescape on; each exercise
appears as its type's own view (see :mod:`cursuslib.types`). Jinja2 is imported only when a
document is made.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ..content import Lesson
from ..dates import format_moment, now
from ..messages import language_as, steady
from ..types import Ratio
from ..types.blocks import SIGNAL
from .dashboard import Dashboard, build_dashboard, parts_csv, student_csv
from .markdown import markdown_escape
from .overview import Overview, StudentFigures, cell, class_overview
from .portfolio import Portfolio, build_portfolio
from .render import render

__all__ = ["Dashboard", "Overview", "Portfolio", "StudentFigures", "build_dashboard", "build_portfolio", "class_overview",
           "markdown_escape", "overview_html", "parts_csv", "portfolio_html", "portfolio_markdown", "student_csv"]

_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def portfolio_html(doc: Mapping[str, Any], *, lessons: Mapping[str, Lesson], student: str = "",
                   generated: datetime | None = None) -> str:
    """Return the portfolio as one self-contained, printable HTML page; all student text is escaped."""
    folio = build_portfolio(doc, lessons=lessons, student=student, generated=generated)
    name = student.strip()
    title = "Portfolio Klantgesprekken" + (f" – {name}" if name else "")
    return render("portfolio.html.j2", title=title, folio=folio, student=name, signal=SIGNAL)


def portfolio_markdown(doc: Mapping[str, Any], *, lessons: Mapping[str, Lesson], student: str = "",
                       generated: datetime | None = None) -> str:
    """Return the portfolio as Markdown; student text is escaped so it never becomes markup."""
    folio = build_portfolio(doc, lessons=lessons, student=student, generated=generated)
    text = render("portfolio.md.j2", folio=folio, student=student.strip(), signal=SIGNAL)
    return _BLANK_LINES.sub("\n\n", text).strip() + "\n"


def overview_html(overview: Overview, *, generated: datetime | None = None) -> str:
    """Return the class overview as one self-contained HTML page; every student text and file name is escaped.

    It opens with the dashboard (see :mod:`.dashboard`): per exercise who did it, the share with a positive
    verdict and what was missed most, and the self-assessment per quality as a chart.
    """
    with language_as("nl"), steady():  # a Dutch document whatever the widget language; the catalogue is read once
        return render("overview.html.j2", title="Klassenoverzicht Klantgesprekken", overview=overview,
                      dashboard=build_dashboard(overview), generated=format_moment(generated or now()), cell=cell,
                      ratio=Ratio)
