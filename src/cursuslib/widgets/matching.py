"""Matching widget: a drop-down per situation to pick the choice that applies, with feedback per situation."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionStyle

from ..text import escape, inline_markdown
from ..types.matching import choices, items, label
from .items import ItemChoiceExercise

#: The drop-down value that means 'nothing chosen yet'.
NOTHING = ""


class MatchingExercise(ItemChoiceExercise):
    """Match situations to choices; feedback per situation after checking."""

    nothing = NOTHING

    def retry_keys(self) -> tuple[str, str]:
        """'Opnieuw': matching is short enough to simply try again."""
        return ("common.retry", "items.retry_tooltip")

    def retry_done(self) -> str:
        """What the feedback area says after clearing."""
        return self.t("matching.cleared")

    def not_chosen(self) -> str:
        """The note under a situation that is not matched yet."""
        return self.t("matching.not_matched")

    def hint(self) -> str:
        """The tip under a wrong choice before the explanation is shown."""
        return self.t("matching.hint")

    def build(self) -> None:
        """Create the rows (see :class:`ItemChoiceExercise`); drop-downs share one layout and style."""
        self._options = [(self.t("matching.choose"), NOTHING), *((c.label, c.key) for c in choices(self.exercise))]
        self._drop_layout, self._drop_style = w.Layout(width="auto"), DescriptionStyle(description_width="initial")
        super().build()
        self.dropdowns: list[w.Dropdown] = self.controls  # type: ignore[assignment]

    def item_count(self) -> int:
        """Number of situations."""
        return len(items(self.exercise))

    def item_html(self, index: int) -> str:
        """The numbered situation."""
        heading = escape(self.t("matching.situation_heading", number=index + 1))
        return f"<p><strong>{heading}</strong> {inline_markdown(items(self.exercise)[index].situation)}</p>"

    def make_control(self, index: int) -> w.Dropdown:
        """A drop-down labelled 'Situatie N'."""
        return w.Dropdown(options=self._options, value=NOTHING,
                          description=self.t("matching.situation_label", number=index + 1),
                          layout=self._drop_layout, style=self._drop_style)

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
