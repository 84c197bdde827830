"""Sorting widget: a category choice per statement ('Doen' / 'Niet doen' by default), keyboard-friendly (no dragging)."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w
from ipywidgets.widgets.widget_selection import ToggleButtonsStyle

from ..text import escape, inline_markdown
from ..types.sort import SORT_ANSWERS, categories, label, statements
from .items import ItemChoiceExercise


class SortExercise(ItemChoiceExercise):
    """Sort statements into categories ('Doen' and 'Niet doen' by default); feedback per statement after checking."""

    def not_chosen(self) -> str:
        """The note under a statement that is not sorted yet."""
        return self.t("sort.not_sorted")

    def retry_done(self) -> str:
        """What the feedback area says after clearing."""
        return self.t("sort.cleared")

    def hint(self) -> str:
        """A do/don't tip for the default categories, a general one for the exercise's own."""
        if set(categories(self.exercise)) == set(SORT_ANSWERS):
            return self.t("sort.hint_do")
        return self.t("sort.hint_categories")

    def build(self) -> None:
        """Create the rows (see :class:`ItemChoiceExercise`); toggles share one layout and style."""
        self._labels = categories(self.exercise)
        width = max(7, max(len(text) for text in self._labels.values()) * 0.6 + 2)
        self._toggle_style = ToggleButtonsStyle(description_width="initial", button_width=f"{width:.0f}em")
        self._toggle_layout = w.Layout()
        super().build()
        self.toggles: list[w.ToggleButtons] = self.controls  # type: ignore[assignment]

    def item_count(self) -> int:
        """Number of statements."""
        return len(statements(self.exercise))

    def item_html(self, index: int) -> str:
        """The numbered statement."""
        return f"<p><strong>{index + 1}.</strong> {inline_markdown(statements(self.exercise)[index].text)}</p>"

    def make_control(self, index: int) -> w.ToggleButtons:
        """Toggle buttons with one button per category, labelled 'Uitspraak N'."""
        labels = self._labels
        return w.ToggleButtons(options=[(text, key) for key, text in labels.items()], value=None,
                               description=self.t("sort.statement_label", number=index + 1),
                               tooltips=list(labels.values()),
                               style=self._toggle_style, layout=self._toggle_layout)

    def answer_keys(self) -> Sequence[str]:
        """The category keys."""
        return list(categories(self.exercise))

    def answer_label(self, key: str | None) -> str:
        """The category's label."""
        return label(self.exercise, key)

    def explanation_html(self, index: int) -> str:
        """Why the statement belongs in its category."""
        return inline_markdown(statements(self.exercise)[index].explanation)

    def model_html(self) -> str:
        """Every statement with its category and why."""
        labels = categories(self.exercise)
        rows = "".join(f"<li><strong>{escape(labels.get(s.answer, s.answer))}</strong>: {inline_markdown(s.text)}<br>"
                       f"<em>{inline_markdown(s.explanation)}</em></li>" for s in statements(self.exercise))
        extra = self.exercise.data.get("model_answer") or ""
        return f"<ul>{rows}</ul>" + (f"<p>{inline_markdown(extra)}</p>" if extra else "")
