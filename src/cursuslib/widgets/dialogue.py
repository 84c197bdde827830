"""Conversation simulator widget: talk with an (angry) customer by picking reactions, with feedback per step."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..messages import fill
from ..text import escape, inline_markdown
from ..types.dialogue import (
    Choice,
    DialogueState,
    Node,
    Run,
    Summary,
    Turn,
    end_label,
    from_exercise,
    quality_label,
    step,
    strongest_route,
    walk,
)
from .base import ExerciseWidget, button, live_region, model_box, next_step_html

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

#: The CSS class of the verdict per quality (the words come from the catalogue: colour is never the only signal).
VERDICT_CLASSES = {"goed": "cursus-good", "matig": "cursus-dialogue-fair", "slecht": "cursus-todo"}


def _fill_html(template: str, **html_values: str) -> str:
    """Return a catalogue text as HTML: the text escaped, then the values (already HTML) filled in."""
    return fill(escape(template), html_values)


def _plain(text: str) -> str:
    """Button labels are plain text: drop the markdown marks that would show literally."""
    return text.replace("**", "").replace("`", "")


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
        self.prompt = self.html(f"<p><strong>{escape(self.t('dialogue.prompt_question'))}</strong> "
                                f"{escape(self.t('dialogue.prompt_hint'))}</p>")
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
        self.restart_button = button(self.t("common.restart"), tooltip=self.t("dialogue.restart_tooltip"))
        self.model_button = button(self.t("dialogue.show_route"))
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
            self.feedback.value = live_region(escape(self.t("dialogue.ended", button=self.t("common.restart"))))
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
        self.feedback.value = live_region(escape(self.t("dialogue.restarted")))
        self.save()

    def show_model(self) -> None:
        """Show the strongest route with the feedback per step (only after a finished run)."""
        if not self.tried_first("dialogue.finish_first"):
            return
        turns, end = strongest_route(self.dialogue)
        steps = "".join(
            f"<li>{self._customer_line(turn.node.customer)}{self._my_line(turn.choice.text)}"
            f"<p>{self._verdict(turn.choice.quality)} "
            f"{_fill_html(self.t('dialogue.tip'), tip=escape(self.dialogue.tips[turn.choice.tip].name))}. "
            f"{inline_markdown(turn.choice.feedback)}</p></li>"
            for turn in turns
        )
        self.model.value = model_box(
            self.t("dialogue.route_title"),
            f"<ol>{steps}</ol>{self._customer_line(end.customer)}"
            f"<p><strong>{escape(self.t('dialogue.outcome', end=end_label(end.end or 'open', self.exercise)))}"
            f"</strong></p><p>{escape(self.t('dialogue.compare'))}</p>")
        self.save()

    # -- view ----------------------------------------------------------------
    def _update(self) -> None:
        """Show everything for the current path: transcript, last feedback, customer, reactions, outcome."""
        turns, node = walk(self.dialogue, self.path)
        self.path = [turn.index for turn in turns]  # drops saved steps that no longer fit the exercise
        lines = "".join(self._customer_line(turn.node.customer) + self._my_line(turn.choice.text) for turn in turns)
        self.transcript.value = (f'<div class="cursus-dialogue-transcript">{lines}</div>' if lines else "")
        self.feedback.value = live_region(self._feedback_html(turns[-1]) if turns else "")
        self.customer.value = (f'<div class="cursus-dialogue-now" role="status" aria-live="polite">'
                               f"{self._customer_line(node.customer)}</div>")
        ended = node.end is not None
        for index, choice_button in enumerate(self.choice_buttons):
            if not ended and index < len(node.choices):
                choice_button.description = _plain(node.choices[index].text)
                choice_button.tooltip = self.t("dialogue.choice_tooltip", number=index + 1, count=len(node.choices))
                choice_button.layout.display = None
            else:
                choice_button.description, choice_button.layout.display = "", "none"
        self.prompt.layout.display = "none" if ended else None
        self.outcome.value = live_region(self._outcome_html() if ended else "")
        self.model_button.layout.display = None if self.attempted else "none"

    def _customer_line(self, line: str) -> str:
        return f"<p><strong>{escape(self.t('dialogue.customer'))}</strong> {inline_markdown(line)}</p>"

    def _my_line(self, line: str) -> str:
        return (f'<p class="cursus-dialogue-me"><strong>{escape(self.t("dialogue.me"))}</strong> '
                f"{inline_markdown(line)}</p>")

    def _verdict(self, quality: str) -> str:
        """The verdict on a reaction: a symbol and words, so colour is never the only signal."""
        return f'<span class="{VERDICT_CLASSES[quality]}">{escape(quality_label(quality, self.exercise))}</span>'

    def _feedback_html(self, turn: Turn) -> str:
        tip = self.dialogue.tips[turn.choice.tip]
        return (f"<p>{self._verdict(turn.choice.quality)} "
                f"{_fill_html(self.t('dialogue.tip'), tip=f'<strong>{escape(tip.name)}</strong>')}</p>"
                f"<p>{inline_markdown(turn.choice.feedback)}</p>")

    def _outcome_html(self) -> str:
        summary: Summary = self.assess().detail
        outcome = self.t("dialogue.outcome", end=end_label(summary.end, self.exercise))
        parts = [f"<p><strong>{escape(outcome)}</strong> {escape(summary.outcome)}</p>",
                 f"<p>{escape(summary.route)}</p>"]
        if summary.used_well:
            used = self.t("dialogue.used_well", tips=", ".join(tip.name for tip in summary.used_well))
            parts.append(f"<p>{escape(used)}</p>")
        if summary.to_practise:
            practise = self.t("dialogue.to_practise", tips=", ".join(tip.name for tip in summary.to_practise))
            parts.append(f"<p>{escape(practise)}</p>")
        parts.append(next_step_html(summary.next_step, self.exercise))
        if len(self.runs) > 1:
            rounds = ", ".join(f"{number}. {end_label(run['end'], self.exercise)}"
                               for number, run in enumerate(self.runs, start=1))
            parts.append(f'<p class="cursus-saved">{escape(self.t("dialogue.rounds", rounds=rounds))}</p>')
        return "".join(parts)

    # -- saving --------------------------------------------------------------
    def state(self) -> DialogueState:
        """The path of this run (choice indexes), the finished runs and whether the strongest route is shown."""
        return DialogueState(list(self.path), [Run(list(run["path"]), run["end"]) for run in self.runs],
                             bool(self.model.value))

    def restore(self, state: DialogueState) -> None:
        """Replay the saved path: transcript, last feedback and outcome come back as they were."""
        self.path = list(state.path)
        self.runs = [{"path": list(run.path), "end": run.end} for run in state.runs]
        self.attempted = bool(self.runs)
        self._update()
        if state.model_shown and self.attempted:
            self.show_model()
