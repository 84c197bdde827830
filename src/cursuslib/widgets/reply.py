"""Reply to an angry customer in writing: acknowledge, no blame, positive language, a concrete next step."""

from __future__ import annotations

from ..language import reply_feedback
from ..text import inline_markdown
from .rewrite import RewriteExercise


class ReplyExercise(RewriteExercise):
    """The student answers an angry message; feedback on emotion, blame, wording and next step."""

    answer_label = "Jouw antwoord"
    answer_rows = 5
    placeholder = "Erken de emotie, geef niemand de schuld, zeg wat je gaat doen en wanneer."
    verdicts = ("dit antwoord helpt de klant verder en kalmeert de situatie.",
                "dit antwoord kan de klant nog beter helpen.")

    def prompt_html(self) -> str:
        """The angry message (shown as written, not marked up)."""
        return ('<p><strong>Het bericht van de klant:</strong></p>'
                f'<blockquote class="cursus-answer">{inline_markdown(self.exercise.data["message"])}</blockquote>')

    def evaluate(self, text: str) -> tuple[bool, tuple[str, ...]]:
        """Judge the reply with the engine's reply rules."""
        result = reply_feedback(self.exercise.data["message"], text)
        return result.ok, result.messages
