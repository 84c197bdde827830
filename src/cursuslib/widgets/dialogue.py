"""Conversation simulator widget: talk with an (angry) customer by picking reactions, with feedback per step."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..exercises.dialogue import (
    END_KINDS,
    QUALITIES,
    Choice,
    Node,
    Turn,
    from_exercise,
    step,
    strongest_route,
    summarize,
    walk,
)
from ..text import escape, inline_markdown
from .base import ExerciseWidget, button, live_region

CSS = """
<style>
.cursus-exercise .jupyter-button.cursus-dialogue-choice { white-space: normal; height: auto; text-align: left;
  line-height: 1.4; padding: 0.35em 0.8em; margin: 0.15em 0; overflow: visible; }
.cursus-dialogue-transcript p { margin: 0.25em 0; }
.cursus-dialogue-me { margin-left: 2em !important; }
.cursus-dialogue-fair { color: #6b4e00; font-weight: bold; }
.cursus-dialogue-now { background: #f6f6f6; color: #1b1b1b; border-left: 4px solid #767676; padding: 0.1em 0.6em; }
</style>
"""

#: The verdict per quality: words and a symbol, so colour is never the only signal.
VERDICTS = {
    "goed": f'<span class="cursus-good">{QUALITIES["goed"]}</span>',
    "matig": f'<span class="cursus-dialogue-fair">{QUALITIES["matig"]}</span>',
    "slecht": f'<span class="cursus-todo">{QUALITIES["slecht"]}</span>',
}


def _plain(text: str) -> str:
    """Button labels are plain text: drop the markdown marks that would show literally."""
    return text.replace("**", "").replace("`", "")


def _customer_line(text: str) -> str:
    return f"<p><strong>Klant:</strong> {inline_markdown(text)}</p>"


def _my_line(text: str) -> str:
    return f'<p class="cursus-dialogue-me"><strong>Jij:</strong> {inline_markdown(text)}</p>'


class DialogueExercise(ExerciseWidget):
    """A branching conversation: the customer speaks, the student picks a reaction and sees why it works or not."""

    def build(self) -> None:
        """Create the transcript, the feedback, one button per reaction, the outcome and the buttons below."""
        self.dialogue = from_exercise(self.exercise)
        self.path: list[int] = []
        self.runs: list[dict[str, Any]] = []
        self.header.value += CSS
        self.transcript = self.html("")
        self.feedback = self.html(live_region(""))
        self.customer = self.html("")
        self.prompt = self.html("<p><strong>Wat zeg jij?</strong> Kies je reactie.</p>")
        # One fixed set of buttons, relabelled per step: the button a keyboard user pressed keeps its focus.
        most = max(len(node.choices) for node in self.dialogue.nodes.values())
        self.choice_buttons: list[w.Button] = []
        for index in range(most):
            choice_button = w.Button(layout=w.Layout(width="100%", height="auto"))
            choice_button.add_class("cursus-dialogue-choice")
            choice_button.on_click(lambda _, i=index: self.choose(i))
            self.choice_buttons.append(choice_button)
        self.choices = w.VBox(self.choice_buttons, layout=w.Layout(width="100%"))
        self.outcome = self.html(live_region(""))
        self.restart_button = button("Opnieuw beginnen", tooltip="Begin het gesprek opnieuw; je eerdere rondes blijven bewaard")
        self.model_button = button("Toon de sterkste route")
        self.restart_button.on_click(lambda _: self.restart())
        self.model_button.on_click(lambda _: self.show_model())
        self.model = self.html("")
        self.children = [self.header, self.notice, self.transcript, self.feedback, self.customer, self.prompt,
                         self.choices, self.outcome, w.HBox([self.restart_button, self.model_button]), self.model,
                         self.saved_label]
        self._update()

    # -- student actions -----------------------------------------------------
    @property
    def turns(self) -> tuple[Turn, ...]:
        """The steps taken so far in this run."""
        return walk(self.dialogue, self.path)[0]

    @property
    def current(self) -> Node:
        """The node the conversation is at now."""
        return walk(self.dialogue, self.path)[1]

    @property
    def finished(self) -> bool:
        """True when the conversation has reached an end node."""
        return self.current.end is not None

    def choose(self, index: int) -> Choice | None:
        """Pick reaction ``index`` (0-based) at the current node, show the feedback and the customer's answer, save."""
        node = self.current
        if node.end is not None:
            self.feedback.value = live_region("Dit gesprek is afgelopen. Klik op 'Opnieuw beginnen' voor een nieuwe ronde.")
            return None
        choice, following = step(self.dialogue, node.id, index)
        self.path.append(index)
        if following.end is not None:
            self.runs.append({"path": list(self.path), "end": following.end})
            self.attempted = True
        self._update()
        self.save()
        return choice

    def restart(self) -> None:
        """Start the conversation again; finished runs stay in the history."""
        self.path = []
        self.model.value = ""
        self._update()
        self.feedback.value = live_region("Het gesprek begint opnieuw. Lees wat de klant zegt en kies je reactie.")
        self.save()

    def show_model(self) -> None:
        """Show the strongest route with the feedback per step (only after a finished run)."""
        if not self.attempted:
            self.feedback.value = live_region("Voer eerst zelf een gesprek tot het einde: daarna zie je de sterkste route.")
            return
        turns, end = strongest_route(self.dialogue)
        steps = "".join(
            f"<li>{_customer_line(turn.node.customer)}{_my_line(turn.choice.text)}"
            f"<p>{VERDICTS[turn.choice.quality]} (tip: {escape(self.dialogue.tips[turn.choice.tip].name)}). "
            f"{inline_markdown(turn.choice.feedback)}</p></li>"
            for turn in turns
        )
        self.model.value = (
            '<div class="cursus-model" role="region" aria-label="De sterkste route"><strong>De sterkste route</strong>'
            f"<ol>{steps}</ol>{_customer_line(end.customer)}"
            f"<p><strong>Uitkomst: {escape(END_KINDS[end.end or 'open'])}.</strong></p>"
            "<p>Vergelijk met jouw route: bij welke klantzin koos jij iets anders, en hoe reageerde de klant toen?</p>"
            "</div>"
        )
        self.save()

    # -- view ----------------------------------------------------------------
    def _update(self) -> None:
        """Show everything for the current path: transcript, last feedback, customer, reactions, outcome."""
        turns, node = walk(self.dialogue, self.path)
        self.path = [turn.index for turn in turns]  # drops saved steps that no longer fit the exercise
        lines = "".join(_customer_line(turn.node.customer) + _my_line(turn.choice.text) for turn in turns)
        self.transcript.value = (f'<div class="cursus-dialogue-transcript">{lines}</div>' if lines else "")
        self.feedback.value = live_region(self._feedback_html(turns[-1]) if turns else "")
        self.customer.value = (f'<div class="cursus-dialogue-now" role="status" aria-live="polite">'
                               f"{_customer_line(node.customer)}</div>")
        ended = node.end is not None
        for index, choice_button in enumerate(self.choice_buttons):
            if not ended and index < len(node.choices):
                choice_button.description = _plain(node.choices[index].text)
                choice_button.tooltip = f"Reactie {index + 1} van {len(node.choices)}"
                choice_button.layout.display = None
            else:
                choice_button.description, choice_button.layout.display = "", "none"
        self.prompt.layout.display = "none" if ended else None
        self.outcome.value = live_region(self._outcome_html() if ended else "")
        self.model_button.layout.display = None if self.attempted else "none"

    def _feedback_html(self, turn: Turn) -> str:
        tip = self.dialogue.tips[turn.choice.tip]
        return (f"<p>{VERDICTS[turn.choice.quality]} (tip: <strong>{escape(tip.name)}</strong>)</p>"
                f"<p>{inline_markdown(turn.choice.feedback)}</p>")

    def _outcome_html(self) -> str:
        summary = summarize(self.dialogue, self.path)
        parts = [f"<p><strong>Uitkomst: {escape(END_KINDS[summary.end])}.</strong> {escape(summary.outcome)}</p>",
                 f"<p>{escape(summary.route)}</p>"]
        if summary.used_well:
            parts.append(f"<p>Goed toegepast: {escape(', '.join(tip.name for tip in summary.used_well))}.</p>")
        if summary.to_practise:
            parts.append(f"<p>Om te oefenen: {escape(', '.join(tip.name for tip in summary.to_practise))}.</p>")
        parts.append(f"<p><strong>Volgende stap:</strong> {escape(summary.next_step)}</p>")
        if len(self.runs) > 1:
            rounds = ", ".join(f"{number}. {END_KINDS[run['end']]}" for number, run in enumerate(self.runs, start=1))
            parts.append(f'<p class="cursus-saved">Je rondes tot nu toe: {escape(rounds)}.</p>')
        return "".join(parts)

    # -- saving --------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """The path of this run (choice indexes), the finished runs and whether the strongest route is shown."""
        return {"path": list(self.path), "runs": [dict(run) for run in self.runs], "model_shown": bool(self.model.value)}

    def restore(self, state: dict[str, Any]) -> None:
        """Replay the saved path: transcript, last feedback and outcome come back as they were."""
        path = state.get("path")
        self.path = [i for i in path if isinstance(i, int) and not isinstance(i, bool)] if isinstance(path, list) else []
        runs = state.get("runs")
        self.runs = [
            {"path": list(run["path"]), "end": run["end"]} for run in (runs if isinstance(runs, list) else [])
            if isinstance(run, dict) and isinstance(run.get("path"), list) and run.get("end") in END_KINDS
        ]
        self.attempted = bool(self.runs)
        self._update()
        if state.get("model_shown") and self.attempted:
            self.show_model()
