"""The checklist under a reflection or a plan: a tick box per point, and the message after 'afronden'."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as w

from ..text import escape, inline_markdown
from ..types.checklist import ticked_now, unticked
from .base import live_region


class ChecklistPanel:
    """Tick boxes for the exercise's checklist and the message after 'afronden' (``message``).

    ``texts`` gives the owner's catalogue texts ``done_all_ticked``, ``done_unticked`` and ``done_unticked_next``;
    ``html`` makes the text parts (the owner's, to share its layout). Once finished, every tick updates the
    message; the owning widget saves on every tick (``on_change``).
    """

    def __init__(self, items: Sequence[str], heading: str, texts: Callable[[str], str],
                 on_change: Callable[[], None], html: Callable[[str], w.HTML] = w.HTML) -> None:
        self.items = tuple(items)
        self.done = False
        self._texts = texts
        self._on_change = on_change
        self.boxes = [w.Checkbox(value=False, description=item, indent=False, layout=w.Layout(width="auto"))
                      for item in self.items]
        for box in self.boxes:
            box.observe(lambda _: self._ticked(), names="value")
        title = html(f"<p><strong>{escape(heading)}</strong></p>")
        self.widget = w.VBox([title, *self.boxes])
        self.widget.layout.display = None if self.items else "none"
        #: What 'afronden' says: the open points, or why the exercise cannot be finished yet.
        self.message = html(live_region(""))

    @property
    def ticked(self) -> list[str]:
        """The points ticked now, in the checklist's order."""
        return [box.description for box in self.boxes if box.value]

    def tick(self, ticked: Sequence[str]) -> None:
        """Tick exactly the points in ``ticked`` (points no longer on the list are ignored)."""
        keep = set(ticked_now(self.items, ticked))
        for box in self.boxes:
            box.value = box.description in keep

    def tick_also(self, *points: str) -> None:
        """Tick these points (as a student would), leaving the others as they are."""
        for box in self.boxes:
            if box.description in points:
                box.value = True

    def finish(self) -> None:
        """Mark the exercise finished and say which points are still open (never blocking)."""
        self.done = True
        self.message.value = self.done_html()

    def restore(self, ticked: Sequence[str], done: bool) -> None:
        """Put back the saved ticks and, for a finished exercise, its message."""
        self.tick(ticked)
        self.done = done
        if done:
            self.message.value = self.done_html()

    def say(self, text: str) -> None:
        """Show ``text`` (plain) where the message after 'afronden' goes, e.g. why it cannot be finished yet."""
        self.message.value = live_region(f"<p>{escape(text)}</p>")

    def done_html(self) -> str:
        """The message after 'afronden': all ticked, or which points are still open and what to do about them."""
        still_open = unticked(self.items, self.ticked)
        if not self.items or not still_open:
            return live_region(f"<p>{escape(self._texts('done_all_ticked'))}</p>")
        points = "".join(f"<li>{inline_markdown(item)}</li>" for item in still_open)
        return live_region(f"<p>{escape(self._texts('done_unticked'))}</p><ul>{points}</ul>"
                           f"<p>{escape(self._texts('done_unticked_next'))}</p>")

    def _ticked(self) -> None:
        if self.done:
            self.message.value = self.done_html()
        self._on_change()


class ChecklistOwner:
    """What a widget with a :class:`ChecklistPanel` (``self.checklist``) and worked examples offers: ticking as a
    student would, whether it is finished, the message after 'afronden', and the examples after the first attempt.

    The owner has ``later`` and ``examples`` (HTML parts) and ``attempted``, and implements
    :meth:`_examples_later` and :meth:`_examples_html`.
    """

    checklist: ChecklistPanel
    later: w.HTML
    examples: w.HTML
    attempted: bool
    save: Callable[[], None]  # the widget's own (annotation only: the mixin must not shadow it)

    def tick(self, *points: str) -> None:
        """Tick these checklist points (as a student would), leaving the others as they are."""
        self.checklist.tick_also(*points)

    @property
    def done(self) -> bool:
        """True once the student finished the exercise ('afronden')."""
        return self.checklist.done

    @property
    def done_message(self) -> w.HTML:
        """The message after 'afronden' (the open points, or why it cannot be finished yet)."""
        return self.checklist.message

    def _examples_later(self) -> str | None:
        """The text saying that examples follow the first attempt; None when the exercise has no examples."""
        raise NotImplementedError

    def _examples_html(self) -> str:
        """The examples (made only after the first attempt)."""
        raise NotImplementedError

    def _finish(self) -> None:
        """The first (or a later) attempt: finish the checklist, show the examples and save."""
        self.attempted = True
        self.checklist.finish()
        self._show_examples()
        self.save()

    def _show_examples(self) -> None:
        """Before the first attempt: say that examples follow it; after it: the examples."""
        later = self._examples_later()
        if later is None:
            return
        self.later.value = "" if self.attempted else f'<p class="cursus-saved">{escape(later)}</p>'
        self.examples.value = self._examples_html() if self.attempted else ""
