"""Multi-turn LSD practice: summarise and ask on, turn by turn, until the customer confirms the need."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..text import escape, inline_markdown
from ..types.ideas import opposite
from ..types.lsd_dialogue import Exchange, LsdDialogueState, Response, reaction_text, respond
from .base import ExerciseWidget, button, live_region, next_step_html
from .lsd import lsd_feedback_html


class LsdDialogue(ExerciseWidget):
    """The customer tells more each turn; the student summarises and asks on until the need is clear."""

    def build(self) -> None:
        """Create the transcript, the two text boxes, the buttons and the feedback."""
        data = self.exercise.data
        self.turns: tuple[str, ...] = tuple(item.customer for item in data["turns"])
        self.context = self.html(f"<p><em>{inline_markdown(data['context'])}</em></p>" if data.get("context") else "")
        self.transcript = self.html("")
        style = {"description_width": "8em"}
        # The labels are the same as in the one-turn LSD practice (section lsd).
        self.summary_box = w.Textarea(description=self.t("lsd.summary"), rows=2, layout=w.Layout(width="100%"),
                                      style=style, placeholder=self.t("lsd_dialogue.summary_placeholder"))
        self.question_box = w.Textarea(description=self.t("lsd.question"), rows=2, layout=w.Layout(width="100%"),
                                       style=style, placeholder=self.t("lsd_dialogue.question_placeholder"))
        for box in (self.summary_box, self.question_box):
            box.observe(lambda _: self.save(), names="value")
        row = self.action_row(model="")
        self.next_button = button(self.t("lsd_dialogue.send"), tooltip=self.t("lsd_dialogue.send_tooltip"))
        self.restart_button = button(self.t("common.restart"))
        self.next_button.on_click(lambda _: self.send())
        self.restart_button.on_click(lambda _: self.restart())
        row.children = (*row.children, self.next_button)
        self.turn = 0
        self.exchanges: list[dict[str, Any]] = []
        self.finished = False
        self.checked: tuple[str, str] | None = None
        self.inputs = w.VBox([self.summary_box, self.question_box, row])
        self.children = [self.header, self.notice, self.context, self.transcript, self.inputs, self.feedback,
                         self.restart_button, self.saved_label]
        self._render()

    # -- student actions -----------------------------------------------------
    def check(self) -> None:
        """Give feedback on the summary and the follow-up for the current turn."""
        summary, question = self.summary_box.value, self.question_box.value
        if not summary.strip():
            self.feedback.value = live_region(escape(self.t("lsd_dialogue.empty")))
            return
        self.attempted = True
        self.checked = (summary, question)
        self.feedback.value = live_region(self._feedback_html())
        self._render()
        self.save()

    def send(self) -> None:
        """Send the checked summary and question to the customer, who answers with the next turn."""
        if self.checked is None or self.checked != (self.summary_box.value, self.question_box.value):
            self.check()
            if self.checked is None:
                return
        summary, question = self.checked
        response = respond(self.exercise, self.turn, summary, question)
        self.exchanges = [*self.exchanges, {"summary": summary, "question": question,
                                            "summary_ok": response.summary_ok, "question_ok": response.question_ok,
                                            "turn": self.turn, "reaction": response.reaction}]
        if response.reaction == "confirm":
            self.finished = True
        elif response.reaction == "next":
            self.turn += 1
        self.summary_box.value = ""
        self.question_box.value = ""
        self.checked = None
        self.feedback.value = live_region(self._after_send_html(response))
        self._render()
        self.save()

    def restart(self) -> None:
        """Start the conversation again from the first turn."""
        self.turn, self.exchanges, self.finished, self.checked = 0, [], False, None
        self.summary_box.value = self.question_box.value = ""
        self.feedback.value = live_region(escape(self.t("lsd_dialogue.restarted")))
        self._render()
        self.save()

    # -- view ----------------------------------------------------------------
    def _feedback_html(self) -> str:
        html = lsd_feedback_html(self.assess().detail, self.exercise, self.checked[0] if self.checked else "")
        if self.checked and not self.checked[1].strip() and self.turn < len(self.turns) - 1:
            html += f"<p>{escape(self.t('lsd_dialogue.tip_ask_on'))}</p>"
        return html + f"<p><small>{escape(self.t('lsd_dialogue.automatic'))}</small></p>"

    def _after_send_html(self, response: Response) -> str:
        if response.reaction == "confirm":
            finished = "finished_parroting" if response.summary_reason == "parroting" else "finished"
            return (f"<p>{self.mark(True)}: {escape(self.t('lsd_dialogue.' + finished))}</p>"
                    + next_step_html(self.t("lsd_dialogue.next_step_finished"), self.exercise))
        if response.reaction == "yes_but":
            need = tuple(self.exercise.data.get("key_ideas") or ())
            of_need = [match for match in response.ideas if match.idea in need]
            if any(match.found for match in of_need):  # part of the need is there: name what is still missing
                ideas = "', '".join(match.idea.label for match in of_need if not match.found)
                said = self.t("lsd_dialogue.yes_but_partly", ideas=ideas)
            else:
                said = self.t("lsd_dialogue.yes_but")
            return (f"<p>{self.mark(False)}: {escape(said)}</p>"
                    + next_step_html(self.t("lsd_dialogue.next_step_yes_but"), self.exercise))
        if response.reaction == "correct":
            ideas = "', '".join(match.idea.label for match in opposite(response.ideas))
            return (f"<p>{self.mark(False)}: {escape(self.t('lsd_dialogue.corrected', ideas=ideas))}</p>"
                    + next_step_html(self.t("lsd_dialogue.next_step_corrected"), self.exercise))
        if response.reaction == "not_recognised":
            return (f"<p>{self.mark(False)}: {escape(self.t('lsd_dialogue.not_recognised'))}</p>"
                    + next_step_html(self.t("lsd_dialogue.next_step_not_recognised"), self.exercise))
        return f"<p>{escape(self.t('lsd_dialogue.customer_goes_on'))}</p>"

    def _render(self) -> None:
        customer = f"<strong>{escape(self.t('lsd_dialogue.customer'))}</strong>"
        last = len(self.turns) - 1
        lines = []
        shown = -1  # the turn whose words are on screen last
        for index, exchange in enumerate(self.exchanges):
            turn = exchange.get("turn", -1)
            turn = turn if 0 <= turn <= last else min(index, last)
            if turn != shown:
                lines.append(f"<p>{customer} {inline_markdown(self.turns[turn])}</p>")
                shown = turn
            lines.append(f'<p><strong>{escape(self.t("lsd_dialogue.you"))}</strong> '
                         f'<span class="cursus-answer">{escape(exchange["summary"])}'
                         + (f" {escape(exchange['question'])}" if exchange["question"].strip() else "") + "</span></p>")
            reaction = reaction_text(self.exercise, exchange.get("reaction") or (
                "not_recognised" if turn == last and not exchange.get("summary_ok") else ""))
            if reaction and not (self.finished and index == len(self.exchanges) - 1):
                lines.append(f"<p>{customer} {inline_markdown(reaction)}</p>")
        if self.finished:
            need = escape(self.t("lsd_dialogue.need_label"))
            lines.append(f"<p>{customer} {inline_markdown(self.exercise.data['confirmation'])}</p>")
            lines.append(f'<div class="cursus-model" role="region" aria-label="{need}">'
                         f"<strong>{escape(self.t('lsd_dialogue.need_heading'))}</strong>"
                         f"<p>{inline_markdown(self.exercise.data['need'])}</p></div>")
        elif self.turn != shown:
            lines.append(f"<p>{customer} {inline_markdown(self.turns[self.turn])}</p>")
        turn_of = escape(self.t("lsd_dialogue.turn_of", turn=min(self.turn + 1, len(self.turns)), total=len(self.turns)))
        self.transcript.value = (f'<div aria-label="{escape(self.t("lsd_dialogue.conversation"))}">'
                                 f"<p><em>{turn_of}</em></p>{''.join(lines)}</div>")
        self.inputs.layout.display = "none" if self.finished else None

    # -- saving --------------------------------------------------------------
    def state(self) -> LsdDialogueState:
        """Turn, exchanges so far, drafts, and whether the conversation is finished."""
        return LsdDialogueState(self.turn, [Exchange(**exchange) for exchange in self.exchanges], self.finished,
                                self.summary_box.value, self.question_box.value,
                                list(self.checked) if self.checked else None)

    def restore(self, state: LsdDialogueState) -> None:
        """Restore the conversation, the drafts and the feedback on a checked draft."""
        self.exchanges = [{"summary": e.summary, "question": e.question, "summary_ok": e.summary_ok,
                           "question_ok": e.question_ok, "turn": e.turn, "reaction": e.reaction}
                          for e in state.exchanges]
        self.turn = state.turn if 0 <= state.turn < len(self.turns) else 0
        self.finished = state.finished
        self.attempted = bool(self.exchanges) or state.checked is not None
        self.summary_box.value, self.question_box.value = state.summary, state.question
        self.checked = state.checked_pair
        if self.checked is not None:
            self.feedback.value = live_region(self._feedback_html())
        self._render()
