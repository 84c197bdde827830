"""The checklist under a reflection or a plan: a tick box per point, and the message after 'afronden'."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as w

from ..text import escape, inline_markdown
from ..types.checklist import ticked_now, unticked
from .base import live_region


class ChecklistPanel:
    """Tick boxes for the exercise's checklist; the owning widget saves on every tick (``on_change``)."""

    def __init__(self, items: Sequence[str], heading: str, on_change: Callable[[], None]) -> None:
        self.items = tuple(items)
        self.boxes = [w.Checkbox(value=False, description=item, indent=False, layout=w.Layout(width="auto"))
                      for item in self.items]
        for box in self.boxes:
            box.observe(lambda _: on_change(), names="value")
        title = w.HTML(f"<p><strong>{escape(heading)}</strong></p>")
        self.widget = w.VBox([title, *self.boxes])
        self.widget.layout.display = None if self.items else "none"

    @property
    def ticked(self) -> list[str]:
        """The points ticked now, in the checklist's order."""
        return [box.description for box in self.boxes if box.value]

    def tick(self, ticked: Sequence[str]) -> None:
        """Tick exactly the points in ``ticked`` (points no longer on the list are ignored)."""
        keep = set(ticked_now(self.items, ticked))
        for box in self.boxes:
            box.value = box.description in keep

    def done_html(self, all_ticked: str, some_open: str, advice: str) -> str:
        """The message after 'afronden': all ticked, or which points are still open and what to do about them."""
        still_open = unticked(self.items, self.ticked)
        if not self.items or not still_open:
            return live_region(f"<p>{escape(all_ticked)}</p>")
        points = "".join(f"<li>{inline_markdown(item)}</li>" for item in still_open)
        return live_region(f"<p>{escape(some_open)}</p><ul>{points}</ul><p>{escape(advice)}</p>")
