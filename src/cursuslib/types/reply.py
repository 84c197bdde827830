"""Replying in writing to an angry customer: acknowledge, no blame, positive language, a concrete next step."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..content import Exercise
from ..registry import register
from ..schema import Field
from ..schema import text as a_text
from .rewrite import WrittenAnswer, written_fields

if TYPE_CHECKING:
    from ..language import ReplyResult


@lru_cache(maxsize=8192)
def reply_result(message: str, answer: str) -> ReplyResult:
    """The engine's verdict on a reply to an angry message, cached."""
    from ..language import reply_feedback

    return reply_feedback(message, answer)


@register
class Reply(WrittenAnswer):
    """The student answers an angry message; feedback on emotion, blame, wording and next step."""

    name = "reply"
    label = "Antwoord aan een klant"
    description = "schriftelijk antwoorden op een boze klant"
    widget = "cursuslib.widgets.reply:ReplyExercise"
    verdicts = {"goed": "helpt de klant verder", "nog_niet": "kan de klant nog beter helpen"}
    answer_label = "Jouw antwoord"
    prompt_label = "Het bericht van de klant"
    prompt_field = "message"
    verdict_texts = ("Dit antwoord helpt de klant verder en kalmeert de situatie.",
                     "Dit antwoord kan de klant nog beter helpen.")
    fields = written_fields(Field("message", "het boze bericht van de klant", a_text))
    sample = {
        "title": "Antwoord op een boze mail",
        "instruction": "Erken de emotie, geef niemand de schuld en noem een concrete volgende stap.",
        "message": "Sinds jullie update kan ik mijn klantenlijst niet meer vinden. Dit is echt onacceptabel!",
        "context": "Je collega heeft gezien dat de lijst onder het menu Archief staat en zet hem vandaag terug.",
        "model_answer": "Ik begrijp goed dat u schrikt als uw klantenlijst weg lijkt. Uw lijst staat veilig onder "
                        "het menu Archief. Mijn collega zet hem vandaag vóór 16.00 uur terug op de oude plek.",
        "annotations": ["Je erkent de emotie: 'Ik begrijp goed dat u schrikt'.",
                        "Je noemt wie wat doet en wanneer: vóór 16.00 uur."],
        "key_ideas": [{"label": "waar de klantenlijst nu staat", "words": ["archief"],
                       "find": ["Uw lijst staat veilig onder Archief."], "miss": ["Ik kijk er vandaag naar."]}],
        "examples": [{"answer": "Ik begrijp dat het vervelend is; ik bel u vandaag om 15.00 uur.", "expect": "goed"},
                     {"answer": "Dat is niet onze schuld, u had de handleiding moeten lezen.", "expect": "nog_niet"}],
    }

    def engine(self, exercise: Exercise, answer: str) -> tuple[bool, tuple[str, ...], object]:
        """Good when the reply acknowledges, blames nobody, reads positively and names a next step."""
        result = reply_result(exercise.data["message"], answer)
        return result.ok, result.messages, result
