"""Klantgesprekken course library: exercises as data, answers that are never lost, feedback in Dutch.

Notebooks use two calls::

    from cursuslib import show_exercise, show_answers_info
    show_exercise("01-quiz-lsd")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["show_answers_info", "show_backup", "show_exercise", "show_portfolio"]

if TYPE_CHECKING:
    import ipywidgets


#: Heading of the error box when the message catalogue itself cannot be read (so it cannot come from there).
CATALOGUE_BROKEN = "Deze oefening kan niet worden getoond."


def show_exercise(exercise_id: str) -> ipywidgets.Widget:
    """Return the widget for an exercise from ``exercises/``; a content mistake is shown as a Dutch message.

    A mistake in the message catalogue (``teksten/*.yaml``) is shown the same way, naming file and line.
    """
    import ipywidgets as w

    from .content import ContentError, find_exercise
    from .messages import CatalogueError, text
    from .text import escape
    from .widgets import make_widget

    try:
        return make_widget(find_exercise(exercise_id))
    except (ContentError, CatalogueError) as exc:
        try:
            heading = text("show.cannot_show")
        except CatalogueError:
            heading = CATALOGUE_BROKEN
        return w.HTML(
            '<div role="alert" style="border-left:4px solid #8a1c1c;padding:0.3em 0.6em">'
            f"<strong>{escape(heading)}</strong><br>{escape(str(exc))}</div>"
        )


def show_backup() -> ipywidgets.Widget:
    """Return the panel to download all answers and to restore them from a downloaded file."""
    from .widgets.backup import show_backup as panel

    return panel()


def show_portfolio() -> ipywidgets.Widget:
    """Return the panel that writes the portfolio (HTML to print, and Markdown) of everything written."""
    from .widgets.portfolio import show_portfolio as panel

    return panel()


def show_answers_info() -> ipywidgets.Widget:
    """Return a short note on where answers are saved and how to download them."""
    import ipywidgets as w

    from . import paths
    from .messages import fill, text
    from .store import get_store
    from .text import escape

    store = get_store()
    folder = store.folder
    root = paths.course_root()
    shown = str(folder)
    if root is not None:
        try:
            shown = str(folder.relative_to(root.resolve())) + "/"
        except ValueError:
            pass
    count = 0
    try:
        count = store.answer_count()
    except Exception:  # noqa: BLE001 - a notice is enough here; the store reports details itself
        pass
    where = fill(escape(text("show.answers_saved")), {"file": f"<code>{escape(shown)}{escape(store.path.name)}</code>",
                                                        "path": f"<code>{escape(str(store.path))}</code>"})
    how_many = text("show.answers_count_one", count=count) if count == 1 else text("show.answers_count_many", count=count)
    download = fill(escape(text("show.download_how")), {"download": f"<em>{escape(text('backup.menu_download'))}</em>"})
    return w.HTML(
        "<div style='border-left:4px solid #1f5fa8;padding:0.3em 0.6em'>"
        f"<p>{where} {escape(how_many)}</p><p>{download}</p></div>"
    )
