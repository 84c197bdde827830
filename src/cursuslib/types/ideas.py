"""Key ideas in exercise files: the field, its content tests, and the feedback on which ideas an answer holds.

An exercise declares what a good answer says as ``key_ideas`` (see
:mod:`cursuslib.language.key_ideas` for the word patterns)::

    key_ideas:
      - label: "klanten bellen vaak"
        words: ["bel*|gebeld|telefo* & vaak|veel|steeds|dagelijks"]
        find: ["Dus klanten bellen u steeds, klopt dat?"]   # must contain the idea (cursus check)
        miss: ["Dus u wilt een nieuwe website?"]            # must not contain it
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..content import Exercise
from ..language.key_ideas import IdeaMatch, KeyIdea, find_ideas, pattern_problem
from ..messages import text
from ..schema import Field, FieldError, describe, records, text_list
from ..schema import text as a_text
from .blocks import Items

__all__ = ["KEY_IDEAS", "IdeaMatch", "KeyIdea", "check_key_ideas", "find_ideas", "idea_examples_problems",
           "idea_lines", "ideas_feedback", "ideas_items", "missing", "opposite", "with_ideas"]


def _words(value: Any, _: Mapping[str, Any]) -> tuple[str, ...]:
    ways = text_list(value)
    if not ways:
        raise FieldError("verwacht een lijst met minstens één manier om het idee te zeggen, zoals "
                         "[\"bel*|gebeld & vaak|veel\"]")
    for number, way in enumerate(ways, start=1):
        problem = pattern_problem(way)
        if problem:
            raise FieldError(f"manier {number} ({describe(way)}): {problem}")
    return ways


def check_key_ideas(value: Any, _: Mapping[str, Any]) -> tuple[KeyIdea, ...]:
    """Check ``key_ideas``: each with a label, the words that say it, and optional find/miss examples."""
    if value is None:
        return ()
    rows = records(value, what="kernidee", plural="kernideeën", minimum=1, unique="label", optional=("find", "miss"),
                   fields={"label": a_text, "words": _words, "find": text_list, "miss": text_list})
    return tuple(KeyIdea(row["label"], row["words"], row["find"], row["miss"]) for row in rows)


#: The field every type with key ideas declares.
KEY_IDEAS = Field("key_ideas", "kernideeën: wat een goed antwoord zegt, elk met label, words (de woorden en "
                  "woordgroepen die het idee uitdrukken) en eventueel voorbeelden find en miss", check_key_ideas,
                  required=False)


def idea_examples_problems(ideas: Sequence[KeyIdea], where: str = "") -> list[str]:
    """The Dutch problems of the ideas' own examples: a find example that misses it, a miss example that has it."""
    problems = []
    place = f"{where}, " if where else ""
    for idea in ideas:
        for answer in idea.find:
            if not find_ideas(answer, [idea])[0].found:
                problems.append(f"{place}kernidee '{idea.label}': het voorbeeld '{answer}' hoort het idee te bevatten, "
                                "maar de woorden bij 'words' vinden het niet; voeg een manier toe die hierop past")
        for answer in idea.miss:
            if find_ideas(answer, [idea])[0].found:
                problems.append(f"{place}kernidee '{idea.label}': het voorbeeld '{answer}' hoort het idee niet te "
                                "bevatten, maar de woorden bij 'words' vinden het toch; maak een manier preciezer")
    return problems


def missing(matches: Sequence[IdeaMatch]) -> list[IdeaMatch]:
    """The ideas the answer does not contain (also the ones said the other way round)."""
    return [match for match in matches if not match.found]


def opposite(matches: Sequence[IdeaMatch]) -> list[IdeaMatch]:
    """The ideas the answer says the other way round."""
    return [match for match in matches if match.opposite]


def ideas_feedback(matches: Sequence[IdeaMatch], exercise: Exercise | None = None) -> tuple[tuple[str, ...], str]:
    """What a student reads about the key ideas: remarks (held, said the other way round) and one next step
    naming the first idea that is still missing ("" when none is)."""
    remarks = []
    found = [match for match in matches if match.found]
    if found:
        remarks.append(text("ideas.found", exercise, ideas="; ".join(f"{m.idea.label} ('{m.words}')" for m in found)))
    for match in opposite(matches):
        remarks.append(text("ideas.opposite", exercise, idea=match.idea.label, words=match.words))
    absent = [match for match in matches if not match.found and not match.opposite]
    step = text("ideas.next_missing", exercise, idea=absent[0].idea.label) if absent else ""
    if not step and opposite(matches):
        step = text("ideas.next_opposite", exercise, idea=opposite(matches)[0].idea.label)
    return tuple(remarks), step


def with_ideas(messages: Sequence[str], matches: Sequence[IdeaMatch], exercise: Exercise | None = None, *,
               engine_ok: bool = True) -> tuple[str, ...]:
    """The engine's messages (its last one is the next step) with the key-idea remarks.

    One thing at a time: while the engine still has a point (``engine_ok`` False), its next step stays;
    once it is satisfied, a missing or reversed key idea becomes the one next step.
    """
    if not matches:
        return tuple(messages)
    remarks, step = ideas_feedback(matches, exercise)
    body, last = list(messages[:-1]), (messages[-1] if messages else "")
    if not engine_ok or not step:
        step = last
    return (*body, *remarks, step) if step else (*body, *remarks)


def idea_lines(matches: Sequence[IdeaMatch], exercise: Exercise | None = None) -> tuple[str, ...]:
    """One checklist line per key idea: held (with the student's words), said the other way round, or not yet."""
    lines = []
    for match in matches:
        if match.found:
            lines.append(text("ideas.item_found", exercise, idea=match.idea.label, words=match.words))
        elif match.opposite:
            lines.append(text("ideas.item_opposite", exercise, idea=match.idea.label, words=match.words))
        else:
            lines.append(text("ideas.item_missing", exercise, idea=match.idea.label))
    return tuple(lines)


def ideas_items(matches: Sequence[IdeaMatch]) -> Items | None:
    """The key ideas as a checklist block for documents."""
    return Items(idea_lines(matches), label=text("ideas.heading")) if matches else None
