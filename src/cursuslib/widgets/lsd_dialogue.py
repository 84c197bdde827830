"""Multi-turn LSD practice: summarise and ask on, turn by turn, until the customer confirms the need."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..language import followup_feedback, summary_feedback
from ..text import escape, inline_markdown
from .base import ExerciseWidget, button, live_region
from .lsd import _block


class LsdDialogue(ExerciseWidget):
    """The customer tells more each turn; the student summarises and asks on until the need is clear."""

    def build(self) -> None:
        """Create the transcript, the two text boxes, the buttons and the feedback."""
        data = self.exercise.data
        self.turns: tuple[str, ...] = data["turns"]
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
        self.check_button = button(self.t("common.check"), style="primary")
        self.next_button = button(self.t("lsd_dialogue.send"), tooltip=self.t("lsd_dialogue.send_tooltip"))
        self.restart_button = button(self.t("common.restart"))
        self.check_button.on_click(lambda _: self.check())
        self.next_button.on_click(lambda _: self.send())
        self.restart_button.on_click(lambda _: self.restart())
        self.feedback = self.html(live_region(""))
        self.turn = 0
        self.exchanges: list[dict[str, Any]] = []
        self.finished = False
        self.checked: tuple[str, str] | None = None
        self.inputs = w.VBox([self.summary_box, self.question_box,
                              w.HBox([self.check_button, self.next_button])])
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
        self.feedback.value = live_region(self._feedback_html(summary, question))
        self._render()
        self.save()

    def send(self) -> None:
        """Send the checked summary and question to the customer, who answers with the next turn."""
        if self.checked is None or self.checked != (self.summary_box.value, self.question_box.value):
            self.check()
            if self.checked is None:
                return
        summary, question = self.checked
        customer = self._all_customer_text()
        s_ok = summary_feedback(customer, summary).ok
        q_ok = followup_feedback(customer, question).ok if question.strip() else False
        self.exchanges = [*self.exchanges, {"summary": summary, "question": question, "summary_ok": s_ok,
                                            "question_ok": q_ok}]
        last = self.turn == len(self.turns) - 1
        if last and s_ok:
            self.finished = True
        elif not last:
            self.turn += 1
        self.summary_box.value = ""
        self.question_box.value = ""
        self.checked = None
        self.feedback.value = live_region(self._after_send_html(last, s_ok))
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
    def _all_customer_text(self) -> str:
        return " ".join(self.turns[: self.turn + 1])

    def _feedback_html(self, summary: str, question: str) -> str:
        customer = self._all_customer_text()
        s = summary_feedback(customer, summary)
        html = _block(self.t("lsd.summary"), s.ok, s.messages, self.exercise)
        if question.strip():
            q = followup_feedback(customer, question)
            html += _block(self.t("lsd.question"), q.ok, q.messages, self.exercise)
        elif self.turn < len(self.turns) - 1:
            html += f"<p>{escape(self.t('lsd_dialogue.tip_ask_on'))}</p>"
        return html + f"<p><small>{escape(self.t('lsd_dialogue.automatic'))}</small></p>"

    def _after_send_html(self, last: bool, summary_ok: bool) -> str:
        if self.finished:
            return (f"<p>{self.mark(True)}: {escape(self.t('lsd_dialogue.finished'))}</p>"
                    f"<p><strong>{escape(self.t('common.next_step'))}</strong> "
                    f"{escape(self.t('lsd_dialogue.next_step_finished'))}</p>")
        if last:
            return f"<p>{self.mark(False)}: {escape(self.t('lsd_dialogue.not_recognised'))}</p>"
        return f"<p>{escape(self.t('lsd_dialogue.customer_goes_on'))}</p>"

    def _render(self) -> None:
        customer = f"<strong>{escape(self.t('lsd_dialogue.customer'))}</strong>"
        not_yet = escape(self.t("lsd_dialogue.customer_not_yet"))
        lines = []
        for index, exchange in enumerate(self.exchanges):
            turn = min(index, len(self.turns) - 1)
            lines.append(f"<p>{customer} {inline_markdown(self.turns[turn])}</p>")
            lines.append(f'<p><strong>{escape(self.t("lsd_dialogue.you"))}</strong> '
                         f'<span class="cursus-answer">{escape(exchange["summary"])}'
                         + (f" {escape(exchange['question'])}" if exchange["question"].strip() else "") + "</span></p>")
            if index < len(self.exchanges) - 1 and turn == len(self.turns) - 1:
                lines.append(f"<p>{customer} {not_yet}</p>")
        if self.finished:
            need = escape(self.t("lsd_dialogue.need_label"))
            lines.append(f"<p>{customer} {inline_markdown(self.exercise.data['confirmation'])}</p>")
            lines.append(f'<div class="cursus-model" role="region" aria-label="{need}">'
                         f"<strong>{escape(self.t('lsd_dialogue.need_heading'))}</strong>"
                         f"<p>{inline_markdown(self.exercise.data['need'])}</p></div>")
        else:
            if self.exchanges and self.turn == len(self.turns) - 1 and len(self.exchanges) >= len(self.turns):
                lines.append(f"<p>{customer} {not_yet}</p>")
            else:
                lines.append(f"<p>{customer} {inline_markdown(self.turns[self.turn])}</p>")
        turn_of = escape(self.t("lsd_dialogue.turn_of", turn=min(self.turn + 1, len(self.turns)), total=len(self.turns)))
        self.transcript.value = (f'<div aria-label="{escape(self.t("lsd_dialogue.conversation"))}">'
                                 f"<p><em>{turn_of}</em></p>{''.join(lines)}</div>")
        self.inputs.layout.display = "none" if self.finished else None

    # -- saving --------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """Turn, exchanges so far, drafts, and whether the conversation is finished."""
        return {"turn": self.turn, "exchanges": self.exchanges, "finished": self.finished,
                "summary": self.summary_box.value, "question": self.question_box.value,
                "checked": list(self.checked) if self.checked else None}

    def restore(self, state: dict[str, Any]) -> None:
        """Restore the conversation, the drafts and the feedback on a checked draft."""
        exchanges = state.get("exchanges") if isinstance(state.get("exchanges"), list) else []
        self.exchanges = [e for e in exchanges if isinstance(e, dict) and isinstance(e.get("summary"), str)
                          and isinstance(e.get("question"), str)]
        turn = state.get("turn")
        self.turn = turn if isinstance(turn, int) and 0 <= turn < len(self.turns) else 0
        self.finished = bool(state.get("finished"))
        self.attempted = bool(self.exchanges) or state.get("checked") is not None
        for key, box in (("summary", self.summary_box), ("question", self.question_box)):
            if isinstance(state.get(key), str):
                box.value = state[key]
        checked = state.get("checked")
        if isinstance(checked, list) and len(checked) == 2 and all(isinstance(t, str) for t in checked):
            self.checked = (checked[0], checked[1])
            self.feedback.value = live_region(self._feedback_html(*self.checked))
        self._render()
