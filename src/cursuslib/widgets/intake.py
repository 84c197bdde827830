"""Intake: a chat with a simulated client, a debrief, then the written order confirmation.

The conversation logic is :mod:`cursuslib.simulator`; the saved state and the assessment are
:mod:`cursuslib.types.intake`. This module only shows them and saves every step.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..simulator.confirmation import ConfirmationResult
from ..simulator.conversation import Conversation, Turn
from ..simulator.review import FOUND, TOUCHED, debrief
from ..simulator.scenario import Scenario
from ..text import escape, inline_markdown
from ..types.intake import MAX_TURNS, STATUS_WORDS, IntakeState, confirmation_of, conversation_of
from .base import ExerciseWidget, button, live_region, model_box, next_step_html

#: How a turn's kind is named in the coach line.
KIND_KEYS = {"open": "intake.coach_open", "gesloten": "intake.coach_closed", "samenvatting": "intake.coach_summary",
             "oplossing": "intake.coach_solution", "anders": "intake.coach_other"}


def _paragraphs(text: str) -> str:
    """A mail as it is written: blank lines between paragraphs, lines with '- ' as a list."""
    parts = []
    for block in (block.strip() for block in text.split("\n\n")):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            parts.append("<ul>" + "".join(f"<li>{inline_markdown(line[2:])}</li>" for line in lines) + "</ul>")
        elif lines:
            parts.append("<p>" + "<br>".join(inline_markdown(line) for line in lines) + "</p>")
    return "".join(parts)


class IntakeExercise(ExerciseWidget):
    """Chat with the client until you know what they need, then confirm the order in writing."""

    def build(self) -> None:
        """Create the situation, the transcript, the input row, the coach switch, the debrief and the letter."""
        self.scenario = Scenario.of(self.exercise.data)
        self.conversation = Conversation(self.exercise)
        situation = (f"<p><strong>{escape(self.t('intake.client_label'))}</strong> "
                     f"{inline_markdown(self.scenario.client)}</p><p>{inline_markdown(self.scenario.situation)}</p>")
        self.situation = self.html(situation)
        self.transcript = self.html("")
        self.box = w.Text(placeholder=self.t("intake.placeholder"), continuous_update=True,
                          layout=w.Layout(width="100%"), description=self.t("intake.you"),
                          style={"description_width": "4em"})
        self.box.observe(lambda _: self.save(), names="value")
        self.box.on_msg(self._on_msg)  # Enter in the box sends the line
        self.send_button = button(self.t("intake.send"), style="primary", tooltip=self.t("intake.send_tooltip"))
        self.send_button.on_click(lambda _: self.send())
        self.coach_box = w.Checkbox(value=False, description=self.t("intake.coach"), indent=False)
        self.coach_box.observe(lambda _: self._coach_changed(), names="value")
        self.close_button = button(self.t("intake.close"), tooltip=self.t("intake.close_tooltip"))
        self.close_button.on_click(lambda _: self.finish())
        self.restart_button = button(self.t("common.restart"))
        self.restart_button.on_click(lambda _: self.ask_restart())
        self.confirm_restart = button(self.t("intake.restart_yes"), style="danger")
        self.keep_button = button(self.t("intake.restart_no"))
        self.confirm_restart.on_click(lambda _: self.restart())
        self.keep_button.on_click(lambda _: self._restart_row(False))
        self.restart_question = self.html("")
        self.restart_row = w.HBox([self.restart_question, self.confirm_restart, self.keep_button])
        self.restart_row.layout.display = "none"
        self.coach = self.html("")
        self.chat = w.VBox([w.HBox([self.box, self.send_button]), w.HBox([self.coach_box, self.close_button]),
                            self.coach])
        self.debrief_view = self.html("")
        # The order confirmation, after the conversation.
        self.letter = w.Textarea(placeholder=self.t("intake.letter_placeholder"), rows=10,
                                 layout=w.Layout(width="100%"), description=self.t("intake.letter"),
                                 style={"description_width": "8em"})
        self.letter.observe(lambda _: self.save(), names="value")
        row = self.action_row(check=self.check_letter)
        self.checked_letter: str | None = None
        instruction = (self.exercise.data.get("confirmation") or {}).get("instruction") or self.t(
            "intake.letter_instruction")
        self.letter_part = w.VBox([self.html(f"<h4>{escape(self.t('intake.letter_heading'))}</h4>"
                                             f"<p>{inline_markdown(instruction)}</p>"),
                                   self.letter, row, self.feedback, self.model])
        self.children = [self.header, self.notice, self.situation, self.transcript, self.chat, self.debrief_view,
                         self.letter_part, self.restart_button, self.restart_row, self.saved_label]
        self._render()

    # -- student actions -----------------------------------------------------
    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "submit":
            self.send()

    def send(self) -> Turn | None:
        """Send the line in the box to the client and show the reply (an empty box sends nothing)."""
        line = self.box.value
        if not line.strip() or self.conversation.closed or len(self.conversation.turns) >= MAX_TURNS:
            if len(self.conversation.turns) >= MAX_TURNS:
                self.coach.value = live_region(escape(self.t("intake.too_many")))
            return None
        turn = self.conversation.say(line)
        self.box.value = ""
        self.coach.value = live_region(self._coach_html(turn)) if self.coach_box.value else ""
        self._render(announce=True)
        self.save()
        return turn

    def finish(self) -> None:
        """End the conversation: the client says goodbye and the debrief appears."""
        if not self.conversation.turns:
            self.coach.value = live_region(escape(self.t("intake.nothing_yet")))
            return
        self.conversation.close()
        self._render(announce=True)
        self.save()

    def ask_restart(self) -> None:
        """Ask before throwing the conversation away."""
        self._restart_row(True)

    def _restart_row(self, shown: bool) -> None:
        self.restart_question.value = escape(self.t("intake.restart_question")) if shown else ""
        self.restart_row.layout.display = None if shown else "none"

    def restart(self) -> None:
        """Start the conversation again (the letter stays)."""
        self.conversation = Conversation(self.exercise)
        self.box.value = ""
        self.coach.value = live_region(escape(self.t("intake.restarted")))
        self._restart_row(False)
        self._render()
        self.save()

    def _coach_changed(self) -> None:
        if not self.coach_box.value:
            self.coach.value = ""
        elif self.conversation.turns:
            self.coach.value = live_region(self._coach_html(self.conversation.turns[-1]))
        self.save()

    def check_letter(self) -> None:
        """Check the order confirmation against what the conversation brought."""
        if not self.conversation.closed:
            self.feedback.value = live_region(escape(self.t("intake.letter_after_talk")))
            return
        self.attempted = True
        self.checked_letter = self.letter.value
        self.feedback.value = live_region(self._letter_html(self._checked()))
        self.show_model_button(bool(self.scenario.model_confirmation))
        self.save()

    def show_model(self) -> None:
        """Show the annotated model confirmation (after a first attempt)."""
        if not self.tried_first():
            return
        notes = "".join(f"<li>{inline_markdown(note)}</li>" for note in self.scenario.confirmation_notes)
        body = _paragraphs(self.scenario.model_confirmation) + (f"<ul>{notes}</ul>" if notes else "")
        self.model.value = model_box(self.t("intake.model_heading"), body)
        self.save()

    # -- view ----------------------------------------------------------------
    def _checked(self) -> ConfirmationResult:
        return confirmation_of(self.exercise, self.conversation.turns, self.checked_letter or "")

    def _letter_html(self, result: ConfirmationResult) -> str:
        *lines, step = result.messages
        head, *rest = lines or [""]
        body = "".join(f"<p>{escape(line)}</p>" for line in rest)
        return (f"<p>{self.mark(result.ok)}: {escape(head)}</p>{body}"
                + next_step_html(step.removeprefix(self.t("common.next_step")).strip(), self.exercise))

    def _coach_html(self, turn: Turn) -> str:
        labels = {topic.id: topic.label for topic in self.scenario.topics}
        parts = [self.t(KIND_KEYS.get(turn.kind, "intake.coach_other"))]
        if turn.revealed:
            parts.append(self.t("intake.coach_revealed", topic=labels.get(turn.revealed[0], turn.revealed[0])))
        elif turn.touched:
            parts.append(self.t("intake.coach_touched", topic=labels.get(turn.touched[0], turn.touched[0])))
        if turn.kind == "samenvatting":
            parts.append(self.t("intake.coach_confirmed" if turn.confirmed else "intake.coach_corrected"))
        if turn.kind == "oplossing" and turn.too_early:
            tip = "intake.tip_solution"
        elif turn.leading:
            tip = "intake.tip_leading"
        elif turn.kind == "gesloten" and turn.touched:
            tip = "intake.tip_closed"
        elif turn.kind == "open" and not turn.revealed and not turn.touched:
            tip = "intake.tip_off_topic"
        elif turn.touched and turn.kind == "open":
            tip = "intake.tip_locked"
        elif self._missing_need():
            tip = "intake.tip_need"
        else:
            tip = "intake.tip_summary"
        return f"<p>{escape(' '.join(parts))}</p>" + next_step_html(self.t(tip), self.exercise)

    def _missing_need(self) -> bool:
        revealed = self.conversation.revealed
        return any(need.id not in revealed for need in self.scenario.needs)

    def _render(self, *, announce: bool = False) -> None:
        client = escape(self.scenario.client.split(",")[0] or self.t("intake.client_label"))
        you = escape(self.t("intake.you"))
        lines = [f"<p><strong>{client}:</strong> {escape(self.scenario.opening)}</p>"]
        turns = self.conversation.turns
        for index, turn in enumerate(turns):
            if turn.said:
                lines.append(f'<p><strong>{you}:</strong> <span class="cursus-answer">{escape(turn.said)}</span></p>')
            last = announce and index == len(turns) - 1
            reply = f"<strong>{client}:</strong> {escape(turn.reply)}"
            # The newest reply sits in a live region: a screen reader reads it out once.
            lines.append(f'<div role="status" aria-live="polite"><p>{reply}</p></div>' if last else f"<p>{reply}</p>")
        count = escape(self.t("intake.turns", count=sum(1 for turn in turns if turn.said)))
        self.transcript.value = (f'<div aria-label="{escape(self.t("intake.conversation"))}">'
                                 f"<p><em>{count}</em></p>{''.join(lines)}</div>")
        closed = self.conversation.closed
        self.chat.layout.display = "none" if closed else None
        self.letter_part.layout.display = None if closed else "none"
        self.debrief_view.value = self._debrief_html() if closed else ""
        self.show_model_button(bool(self.scenario.model_confirmation))

    def _debrief_html(self) -> str:
        result = debrief(self.scenario, self.conversation.turns)
        rows = []
        for topic in result.topics:
            css = "cursus-good" if topic.status == FOUND else ("" if topic.status == TOUCHED else "cursus-todo")
            status = f'<span class="{css}">{escape(STATUS_WORDS[topic.status])}</span>' if css else escape(
                STATUS_WORDS[topic.status])
            rows.append(f"<tr><th scope='row'>{escape(topic.label)}</th><td>{status}</td>"
                        f"<td>{escape(topic.question) or '–'}</td></tr>")
        head = "".join(f"<th scope='col'>{escape(self.t(key))}</th>"
                       for key in ("intake.col_topic", "intake.col_status", "intake.col_question"))
        summaries = len(result.summaries)
        confirmed = sum(1 for _said, ok in result.summaries if ok)
        facts = [self.t("intake.debrief_found", found=result.count(FOUND), total=len(result.topics),
                        touched=result.count(TOUCHED)),
                 self.t("intake.debrief_questions", open=result.open_questions, closed=result.closed_questions),
                 self.t("intake.debrief_summaries", count=summaries, confirmed=confirmed)]
        if result.early_solutions:
            facts.append(self.t("intake.debrief_early", count=len(result.early_solutions)))
        items = "".join(f"<li>{escape(fact)}</li>" for fact in facts)
        return (f'<div role="region" aria-label="{escape(self.t("intake.debrief"))}">'
                f"<h4>{escape(self.t('intake.debrief'))}</h4><ul>{items}</ul>"
                f'<table class="cursus-table"><caption>{escape(self.t("intake.col_caption"))}</caption>'
                f"<tr>{head}</tr>{''.join(rows)}</table></div>")

    # -- saving --------------------------------------------------------------
    def state(self) -> IntakeState:
        """The turns, the draft line, the coach switch and the order confirmation."""
        return IntakeState([turn.saved() for turn in self.conversation.turns], self.conversation.closed,
                           self.box.value, self.coach_box.value, self.letter.value, self.checked_letter,
                           1 if self.attempted else 0, bool(self.model.value))

    def restore(self, state: IntakeState) -> None:
        """Restore the conversation mid-way (or closed), the draft, the coach switch and the checked letter."""
        self.conversation = conversation_of(self.exercise, state)
        self.box.value = state.draft
        self.coach_box.value = state.coach
        self.letter.value = state.letter
        self.checked_letter = state.checked_letter
        self.attempted = state.attempts > 0 or state.checked_letter is not None
        if self.checked_letter is not None and self.conversation.closed:
            self.feedback.value = live_region(self._letter_html(self._checked()))
        if state.model_shown and self.attempted:
            self.show_model()
        if self.coach_box.value and self.conversation.turns and not self.conversation.closed:
            self.coach.value = live_region(self._coach_html(self.conversation.turns[-1]))
        self._render()
