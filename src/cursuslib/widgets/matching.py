"""Matching widget: a drop-down per situation to pick the choice that applies, with feedback per situation."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionStyle

from ..exercises.matching import MatchingResult, check_matching, choices, items, label
from ..text import escape, inline_markdown
from .items import ItemChoiceExercise

#: The drop-down value that means 'nothing chosen yet'.
NOTHING = ""


class MatchingExercise(ItemChoiceExercise):
    """Match situations to choices; feedback per situation after checking."""

    nothing = NOTHING
    retry_label = "Opnieuw"
    retry_done = "Alles is gewist. Koppel de situaties opnieuw."
    not_chosen = "Nog niet gekoppeld."
    hint = "lees de situatie nog eens. Welk woord of welke handeling geeft de doorslag?"

    def build(self) -> None:
        """Create the rows (see :class:`ItemChoiceExercise`); drop-downs share one layout and style."""
        self._options = [("(kies)", NOTHING), *((c.label, c.key) for c in choices(self.exercise))]
        self._drop_layout, self._drop_style = w.Layout(width="auto"), DescriptionStyle(description_width="initial")
        super().build()
        self.dropdowns: list[w.Dropdown] = self.controls  # type: ignore[assignment]

    def item_count(self) -> int:
        """Number of situations."""
        return len(items(self.exercise))

    def item_html(self, index: int) -> str:
        """The numbered situation."""
        return f"<p><strong>Situatie {index + 1}.</strong> {inline_markdown(items(self.exercise)[index].situation)}</p>"

    def make_control(self, index: int) -> w.Dropdown:
        """A drop-down labelled 'Situatie N'."""
        return w.Dropdown(options=self._options, value=NOTHING, description=f"Situatie {index + 1}",
                          layout=self._drop_layout, style=self._drop_style)

    def evaluate(self) -> MatchingResult:
        """Check the current answers."""
        return check_matching(self.exercise, self.answers)

    def answer_keys(self) -> Sequence[str]:
        """The choice keys."""
        return [choice.key for choice in choices(self.exercise)]

    def answer_label(self, key: str | None) -> str:
        """The choice's label."""
        return label(self.exercise, key)

    def explanation_html(self, index: int) -> str:
        """Why the situation matches its choice."""
        return inline_markdown(items(self.exercise)[index].explanation)

    def model_html(self) -> str:
        """Every situation with its choice and why."""
        rows = "".join(f"<li>{inline_markdown(item.situation)}<br><strong>{escape(label(self.exercise, item.answer))}"
                       f"</strong>: <em>{inline_markdown(item.explanation)}</em></li>" for item in items(self.exercise))
        extra = self.exercise.data.get("model_answer") or ""
        return f"<ol>{rows}</ol>" + (f"<p>{inline_markdown(extra)}</p>" if extra else "")
