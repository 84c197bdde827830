"""Observer checklist widget: tally behaviour per round during a role-play, saved and summarised."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..text import escape
from ..types.observer import ObserverState, Round, Summary, behaviours, rounds_so_far
from .base import ExerciseWidget, button, live_region


class ObserverChecklist(ExerciseWidget):
    """Count what you see and hear (open questions, summaries, interruptions ...) per observed person."""

    def build(self) -> None:
        """Create the person field, a counter with +1 / -1 per behaviour, and round controls."""
        self.rounds: list[dict[str, Any]] = []
        self.person = w.Text(description=self.t("observer.person"), placeholder=self.t("observer.person_placeholder"),
                             style={"description_width": "10em"}, layout=w.Layout(width="30em"))
        self.person.observe(lambda _: self.save(), names="value")
        self.counts = {b.key: 0 for b in behaviours(self.exercise)}
        self.count_labels: dict[str, w.HTML] = {}
        rows: list[w.Widget] = []
        for b in behaviours(self.exercise):
            plus = button(self.t("observer.plus", behaviour=b.name))
            minus = button(self.t("observer.minus"), tooltip=self.t("observer.minus_tooltip", behaviour=b.name))
            plus.on_click(lambda _, k=b.key: self.tally(k, +1))
            minus.on_click(lambda _, k=b.key: self.tally(k, -1))
            label = self.html("")
            self.count_labels[b.key] = label
            rows.append(w.HBox([plus, minus, label], layout=w.Layout(align_items="center")))
        self.next_button = button(self.t("observer.close_round"), style="primary",
                                  tooltip=self.t("observer.close_round_tooltip"))
        self.next_button.on_click(lambda _: self.close_round())
        self.status = self.html(live_region(""))
        self.summary = self.html("")
        self.children = [self.header, self.notice, self.person, *rows, self.next_button, self.status,
                         self.summary, self.saved_label]
        self._render()

    def tally(self, key: str, step: int) -> None:
        """Add (or take back) one observation of behaviour ``key``."""
        self.counts[key] = max(0, self.counts[key] + step)
        name = next(b.name for b in behaviours(self.exercise) if b.key == key)
        self.attempted = True
        self._render()  # the counts first, then the announcement of the change
        self.status.value = live_region(escape(self.t("observer.count", behaviour=name, count=self.counts[key])))
        self.save()

    def close_round(self) -> None:
        """Store the current tallies as a finished round and start a new one."""
        label = self.person.value.strip() or self.t("observer.round", number=len(self.rounds) + 1)
        self.rounds = [*self.rounds, {"person": label, "counts": dict(self.counts)}]
        self.counts = dict.fromkeys(self.counts, 0)
        self._render()  # the counts and the table first, then the announcement
        self.status.value = live_region(escape(self.t("observer.round_saved", person=label)))
        self.save()

    def _render(self) -> None:
        for b in behaviours(self.exercise):
            self.count_labels[b.key].value = f"<strong>{self.counts[b.key]}</strong>"
        done = rounds_so_far(self.state(), self.t("observer.current_round"))
        if not done:
            self.summary.value = ""
            return
        result: Summary = self.assess().detail
        head = "".join(f'<th scope="col">{escape(b.name)}</th>' for b in behaviours(self.exercise))
        body = "".join(
            f'<tr><th scope="row">{escape(r.person)}</th>'
            + "".join(f"<td>{r.counts.get(b.key, 0)}</td>" for b in behaviours(self.exercise)) + "</tr>"
            for r in done)
        share = ("" if result.open_share is None
                 else f"<p>{escape(self.t('observer.open_share', percent=round(result.open_share * 100)))}</p>")
        strengths = (f"<p>{escape(self.t('observer.strengths', strengths=', '.join(result.strengths)))}</p>"
                     if result.strengths else "")
        self.summary.value = (f'<table class="cursus-table"><caption>{escape(self.t("observer.caption"))}</caption>'
                              f'<thead><tr><th>{escape(self.t("observer.who"))}</th>{head}'
                              f"</tr></thead><tbody>{body}</tbody></table>{share}{strengths}"
                              f"<p><strong>{escape(result.tip)}</strong></p>")

    def state(self) -> ObserverState:
        """Finished rounds, the current tallies and the observed person."""
        return ObserverState([Round(dict(r["counts"]), r["person"]) for r in self.rounds], dict(self.counts),
                             self.person.value)

    def restore(self, state: ObserverState) -> None:
        """Restore rounds, tallies and the person."""
        self.rounds = [{"person": r.person, "counts": {k: v for k, v in r.counts.items() if v >= 0}}
                       for r in state.rounds]
        for key in self.counts:
            value = state.counts.get(key, 0)
            self.counts[key] = value if value >= 0 else 0
        self.person.value = state.person
        self.attempted = bool(self.rounds) or any(self.counts.values())
        self._render()
