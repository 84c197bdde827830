"""Reply to an angry customer in writing: acknowledge, no blame, positive language, a concrete next step."""

from __future__ import annotations

from ..text import escape, inline_markdown
from .rewrite import RewriteExercise


class ReplyExercise(RewriteExercise):
    """The student answers an angry message; feedback on emotion, blame, wording and next step."""

    answer_rows = 5

    def answer_label(self) -> str:
        """The label of the student's reply (box and feedback)."""
        return self.t("reply.answer_label")

    def placeholder(self) -> str:
        """The hint in the empty reply box."""
        return self.t("reply.placeholder")

    def verdict_text(self, ok: bool) -> str:
        """The sentence after the verdict label."""
        return self.t("reply.verdict_good") if ok else self.t("reply.verdict_not_yet")

    def prompt_html(self) -> str:
        """The angry message (shown as written, not marked up)."""
        return (f"<p><strong>{escape(self.t('reply.message'))}</strong></p>"
                f'<blockquote class="cursus-answer">{inline_markdown(self.exercise.data["message"])}</blockquote>')
