"""The client in an intake conversation: answers what the student actually asks, deterministic and explainable.

An open question about a topic gets the topic's full answer (the topic is *revealed*); a closed one gets the
short answer (*touched*); a summary is confirmed, corrected or met with "ja, maar ..."; a solution offered too
early, a leading question, vague or off-topic input get the client's reaction and tell nothing new::

    conv = Conversation.from_exercise("01-intake")
    turn = conv.say("Hoe maken klanten nu een afspraak?")
    turn.reply, turn.kind, turn.revealed, turn.touched, turn.confirmed
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache, cached_property
from typing import Any

from ..content import Exercise, find_exercise
from ..language.intents import Intent, read_intent
from ..language.key_ideas import IdeaMatch, find_ideas
from ..language.normalize import clean_text, fold, stem, tokenize
from ..language.results import QuestionResult
from ..language.rules import data, word_set
from ..language.summary_meaning import variants
from ..messages import text
from .scenario import Scenario, Topic

#: The kinds of turn, as :attr:`Turn.kind` names them.
KINDS = ("open", "gesloten", "samenvatting", "oplossing", "anders")
#: Longer input is not read: the client asks for one question (the transcript keeps it all).
MAX_READ = 1000
#: Why-words that ask for a reason; other why-phrases ask for the goal ('wat wilt u bereiken').
_PLAIN_WHY = frozenset({"waarom", "wrm", "waarvoor", "hoezo", "om"})
#: What a line that names a feeling counts as, for a topic's condition.
_FEELING = Intent("", QuestionResult("", "closed", "", ""), feeling="(gevoel)")
#: Rules of the question engine for lines that are no question at all.
_NOT_A_QUESTION = frozenset({"statement", "empty", "no_words", "not_dutch"})


@dataclass(frozen=True)
class Turn:
    """One line of the student and the client's reply, with what it did."""

    said: str
    reply: str
    kind: str
    #: Topics told in full in this turn (only after an open question).
    revealed: tuple[str, ...] = ()
    #: Topics answered only briefly (a closed question, or asked before the client was ready).
    touched: tuple[str, ...] = ()
    #: For a summary: True when the client confirms it, False when the client corrects it; otherwise None.
    confirmed: bool | None = None
    #: The topics the line was about (matched), and the student's words that matched them.
    topics: tuple[str, ...] = ()
    words: str = ""
    feeling: bool = False
    why: bool = False
    leading: bool = False
    too_early: bool = False
    closing: bool = False

    def saved(self) -> dict[str, Any]:
        """The turn as it goes into the answers file."""
        return {key: (list(value) if isinstance(value, tuple) else value) for key, value in asdict(self).items()}

    @classmethod
    def read(cls, raw: Any) -> Turn | None:
        """A saved turn, or None when it cannot be one (a damaged file loses that turn, not the conversation)."""
        if not isinstance(raw, Mapping) or not isinstance(raw.get("said"), str) or not isinstance(raw.get("reply"), str):
            return None
        kind = raw.get("kind") if raw.get("kind") in KINDS else "anders"
        confirmed = raw.get("confirmed") if isinstance(raw.get("confirmed"), bool) else None

        def ids(key: str) -> tuple[str, ...]:
            value = raw.get(key)
            return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()

        def flag(key: str) -> bool:
            return raw.get(key) is True

        words = raw.get("words") if isinstance(raw.get("words"), str) else ""
        return cls(raw["said"], raw["reply"], kind, ids("revealed"), ids("touched"), confirmed, ids("topics"), words,
                   flag("feeling"), flag("why"), flag("leading"), flag("too_early"), flag("closing"))


@dataclass
class Conversation:
    """A conversation with the client of one intake exercise: say a line, get a :class:`Turn`."""

    exercise: Exercise
    turns: list[Turn] = field(default_factory=list)
    closed: bool = False

    @classmethod
    def from_exercise(cls, exercise: str | Exercise) -> Conversation:
        """A fresh conversation for the exercise with this id (or this exercise)."""
        found = find_exercise(exercise) if isinstance(exercise, str) else exercise
        if found.type != "intake":
            raise ValueError(f"Oefening '{found.id}' is geen intake maar {found.type!r}.")
        return cls(found)

    @classmethod
    def restore(cls, exercise: Exercise, turns: Iterable[Any], closed: bool = False) -> Conversation:
        """A conversation as it was saved: its turns (damaged ones left out) and whether it was closed."""
        kept = [turn for turn in (Turn.read(raw) for raw in turns) if turn is not None]
        return cls(exercise, kept, bool(closed))

    # -- what is known so far ------------------------------------------------------------------------------
    @cached_property
    def scenario(self) -> Scenario:
        """The client and the topics of this exercise."""
        return Scenario.of(self.exercise.data)

    @property
    def revealed(self) -> set[str]:
        """Ids of the topics told in full so far."""
        return {topic for turn in self.turns for topic in turn.revealed}

    @property
    def touched(self) -> set[str]:
        """Ids of the topics only touched so far (not also told in full)."""
        return {topic for turn in self.turns for topic in turn.touched} - self.revealed

    def _happened(self, event: str) -> bool:
        if event == "waarom":
            return any(turn.why for turn in self.turns)
        if event == "gevoel":
            return any(turn.feeling for turn in self.turns)
        if event == "samenvatting":
            return any(turn.confirmed for turn in self.turns)
        return False

    def _ready(self, topic: Topic, intent: Intent) -> bool:
        condition = topic.condition
        if condition is None:
            return True
        told = self.revealed
        if any(other not in told for other in condition.after):
            return False
        if condition.asked == "waarom" and intent.why:
            return True
        if condition.asked == "gevoel" and intent.feeling:
            return True
        return not condition.asked or self._happened(condition.asked)

    def client(self, key: str, **values: Any) -> str:
        """The client's line for ``key``: the scenario's own, else the course default."""
        own = self.scenario.replies.get(key)
        if own:
            return own.format_map(_Keep(values)) if values else own
        return text(f"intake_client.{key}", self.exercise, **values)

    # -- the conversation ----------------------------------------------------------------------------------
    def say(self, line: str) -> Turn:
        """The client's reply to ``line``; the turn is added to the conversation."""
        line = line if isinstance(line, str) else ("" if line is None else str(line))
        turn = self._answer(line)
        self.turns.append(turn)
        if turn.closing:
            self.closed = True
        return turn

    def close(self) -> Turn:
        """The student ends the conversation ("Gesprek afronden"): the client says goodbye."""
        turn = Turn("", self.client("close"), "anders", closing=True)
        if not self.closed:
            self.turns.append(turn)
            self.closed = True
        return turn

    def _answer(self, line: str) -> Turn:
        if self.closed:
            return Turn(line, self.client("after_close"), "anders")
        if len(line) > MAX_READ:
            return Turn(line, self.client("too_long"), "anders")
        intent = read_intent(line)
        if intent.question.rule == "not_dutch":
            return Turn(line, self.client("english"), "anders")
        if intent.no_words:
            return Turn(line, self.client("no_words"), "anders")
        scenario = self.scenario
        matches = find_ideas(line, [topic.idea for topic in scenario.topics])
        by_topic = {match.idea.label: match for match in matches if match.found or match.opposite}
        feeling, why = bool(intent.feeling), bool(intent.why)
        prefix = self.client("feeling") + " " if feeling and (intent.question.kind == "open" or by_topic) else ""
        if intent.summary:
            return self._summary(line, intent, matches)
        if intent.solution:
            too_early = not all(topic.id in self.revealed for topic in scenario.needs)
            reply = self.client("solution" if too_early else "solution_later")
            return Turn(line, reply, "oplossing", words=intent.solution, feeling=feeling, why=why, too_early=too_early)
        if intent.closing:
            return Turn(line, self.client("close"), "anders", closing=True, feeling=feeling)
        asks_open = intent.asks_open
        is_question = (asks_open or intent.question.rule not in _NOT_A_QUESTION or line.rstrip().endswith("?")
                       or _verb_first(line))
        if feeling and not asks_open and not line.rstrip().endswith("?"):
            is_question = False  # 'Dat klinkt vervelend, zeg.': an acknowledgement, no question
        if not is_question or (intent.question.rule == "too_short" and not by_topic):
            if feeling:
                return self._acknowledged(line, matches)
            if intent.greeting:
                return Turn(line, self.client("greeting", opening=scenario.opening), "anders")
            return Turn(line, self.client("statement"), "anders", why=why)
        kind = "open" if asks_open else "gesloten"
        own_words = _has_own_words(line, intent)
        goal = why and fold(intent.why.split()[0]) not in _PLAIN_WHY
        topic, match = self._target(line, by_topic, why, own_words, goal)
        if topic is None:
            if asks_open:
                key = "vague" if not own_words else "off_topic"
            else:
                key = "closed_unknown" if not intent.leading else "leading"
            return Turn(line, prefix + self.client(key), kind, feeling=feeling, why=why, leading=bool(intent.leading))
        words = match.words if match else ""
        if intent.leading and not asks_open:
            return Turn(line, prefix + self.client("leading"), kind, topics=(topic.id,), words=words, feeling=feeling,
                        why=why, leading=True)
        if not self._ready(topic, intent):  # the client is not ready to tell this yet: nothing is told
            return Turn(line, prefix + (topic.until or self.client("locked")), kind, topics=(topic.id,), words=words,
                        feeling=feeling, why=why)
        if not asks_open:
            touched = () if topic.id in self.revealed else (topic.id,)
            return Turn(line, prefix + topic.short, kind, touched=touched, topics=(topic.id,), words=words,
                        feeling=feeling, why=why)
        answer = topic.full if topic.id not in self.revealed else self.client("repeat", answer=topic.full)
        return Turn(line, prefix + answer, kind, revealed=(topic.id,), topics=(topic.id,), words=words,
                    feeling=feeling, why=why)

    def _target(self, line: str, by_topic: Mapping[str, IdeaMatch], why: bool, own_words: bool,
                why_is_goal: bool = False) -> tuple[Topic | None, IdeaMatch | None]:
        """The topic the question is about: of the topics whose words match, the one with most of its own
        words in the line (question words and small words do not count). Without one, a question about the
        goal ("Wanneer bent u tevreden?") or a why-question without a subject of its own ("Waarom wilt u dat
        eigenlijk?") asks for the need."""
        scenario = self.scenario
        words = _line_words(line)
        # A topic matched by one question word alone ('waarom', 'hoelang') is no topic of the line; a phrase of
        # small words is ('Hoe is dat voor u?', 'Voor wie is het bedoeld?').
        weighed = [(m, _weight(words, scenario.topic(m.idea.label))) for m in by_topic.values()]
        weighed = [(m, weight) for m, weight in weighed if weight > 0 or _words_in(line, m.spans) > 1]
        if weighed:
            story = _story_scores(scenario.topics, line)
            best, _ = max(weighed, key=lambda item: (item[1] * WAY_WEIGHT + story.get(item[0].idea.label, 0.0),
                                                     sum(b - a for a, b in item[0].spans), -_order(scenario, item[0])))
            return scenario.topic(best.idea.label), best
        if why and scenario.needs and (not own_words or why_is_goal):
            return scenario.needs[0], None
        if own_words:  # no way of saying a topic matched: the topic whose own story shares most with the line
            return _closest(scenario.topics, line), None
        return None, None

    def _acknowledged(self, line: str, matches: Sequence[IdeaMatch], *, summary: bool = False) -> Turn:
        """The student names the client's feeling: the client tells the feeling topic this is about (its words, or
        else the first feeling topic not told yet), or just says it is good to be heard."""
        kind = "samenvatting" if summary else "anders"
        matched = {m.idea.label for m in matches if m.found}
        feelings = [t for t in self.scenario.topics if t.kind == "gevoel" and t.id not in self.revealed]
        chosen = next((t for t in feelings if t.id in matched), feelings[0] if feelings else None)
        if chosen is not None and self._ready(chosen, _FEELING):
            return Turn(line, chosen.full, kind, revealed=(chosen.id,), confirmed=True if summary else None,
                        topics=(chosen.id,), feeling=True)
        return Turn(line, self.client("feeling"), kind, confirmed=True if summary else None, feeling=True)

    def _summary(self, line: str, intent: Intent, matches: Sequence[IdeaMatch]) -> Turn:
        """Confirm what matches what was told, correct what is wrong or not told yet, 'ja, maar' without the need.

        What was told is compared with the summary by the language engine (opposites, off topic), and per topic
        by its words and by the words of its answer."""
        from ..language import summary_feedback

        if intent.feeling:  # 'Ik hoor dat dit u veel stress geeft': naming the feeling opens the client up
            opened = self._acknowledged(line, matches, summary=True)
            if opened.revealed:
                return opened
        scenario = self.scenario
        revealed, touched = self.revealed, self.touched
        told_text = " ".join([scenario.opening]
                             + [t.full for t in scenario.topics if t.id in revealed]
                             + [t.short for t in scenario.topics if t.id in touched])
        by_idea = {m.idea.label: m for m in matches if m.found or m.opposite}
        told_ids = revealed | touched
        said_now = [t.id for t in scenario.topics if t.id in told_ids and (
            t.id in by_idea and by_idea[t.id].found or _shares(line, t.full if t.id in revealed else t.short))]
        not_said = [t.id for t in scenario.topics if t.id not in told_ids and _only_in(line, t, told_text)]
        wrong: list[str] = []  # a topic's own words are question words: only the engine judges opposites
        engine = summary_feedback(told_text, line)
        words = "; ".join(by_idea[t].words for t in by_idea)
        base = {"kind": "samenvatting", "topics": tuple(dict.fromkeys(said_now + not_said + wrong)), "words": words,
                "feeling": bool(intent.feeling), "why": bool(intent.why)}
        if wrong or engine.reason == "wrong_or_opposite":
            topic = scenario.topic(wrong[0] if wrong else (said_now[0] if said_now else ""))
            correct = topic.short if topic else ""
            return Turn(line, self.client("summary_wrong", correct=correct).strip(), confirmed=False, **base)
        if not_said:
            topic = scenario.topic(not_said[0])
            return Turn(line, self.client("summary_not_said", topic=topic.label if topic else ""), confirmed=False,
                        **base)
        if not said_now and engine.reason in ("off_topic", "missing_core", "empty"):
            return Turn(line, self.client("summary_unclear"), confirmed=False, **base)
        if any(need.id not in said_now for need in scenario.needs):
            return Turn(line, self.client("yes_but"), confirmed=True, **base)
        return Turn(line, self.client("summary_confirm"), confirmed=True, **base)


class _Keep(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _content_keys(line: str) -> set[str]:
    """Stems of the words of ``line`` that say something (not the short function words)."""
    stop = _stopwords()
    return {stem(tok.norm) for tok in tokenize(clean_text(line)) if len(tok.norm) > 3 and tok.norm not in stop}


def _shares(summary: str, answer: str) -> bool:
    """True when the summary takes up at least two words of an answer (or its only word)."""
    theirs = _content_keys(answer)
    shared = _content_keys(summary) & theirs
    return len(shared) >= min(2, len(theirs)) and bool(shared)


def _only_in(summary: str, topic: Topic | None, told: str) -> bool:
    """True when the summary names this untold topic with words the client has not used yet."""
    if topic is None:
        return False
    own = (_content_keys(summary) & _content_keys(topic.full)) - _content_keys(told)
    return len(own) >= 1 and bool(find_ideas(summary, [topic.idea])[0].found) or len(own) >= 2


@cache
def _stopwords() -> frozenset[str]:
    return word_set(data("common").get("stopwords")) | _vague_words()


#: How much a line must share with a topic's story (its label, answers, words and example lines) to be about it.
MIN_SHARED = 1.5


@cache
def _profiles(topics: tuple[Topic, ...]) -> tuple[tuple[Topic, frozenset[str]], ...]:
    """Per topic the keys of every word it is told with: label, answers, example questions and its ways' words."""
    profiles = []
    for topic in topics:
        text = " ".join((topic.label, topic.full, topic.short, *topic.reveal))
        keys = set(_keys(text))
        vocabulary, prefixes = _vocabulary(topic)
        keys |= {key for word in vocabulary for key in variants(word)}
        keys |= {stem(prefix) for prefix in prefixes if len(prefix) > 3}
        profiles.append((topic, frozenset(keys)))
    return tuple(profiles)


def _keys(text: str) -> list[str]:
    """The comparison keys (stem and synonym group) of the words of ``text`` that can name something."""
    stop = _stopwords()
    return [key for tok in tokenize(clean_text(text)) if len(tok.norm) > 2 and tok.norm not in stop
            for key in variants(tok.norm)]


#: How much a letter of the topic's own words in the line counts against a point of shared story.
WAY_WEIGHT = 0.15


def _story_scores(topics: Sequence[Topic], line: str) -> dict[str, float]:
    """Per topic id: how many rare words of its story the line shares (see :func:`_closest`)."""
    profiles = _profiles(tuple(topics))
    keys = set(_keys(line))
    count = len(profiles)
    df = {key: sum(1 for _, profile in profiles if key in profile) for key in keys}
    return {topic.id: sum(math.log(1 + count / df[key]) for key in keys if key in profile and df[key])
            for topic, profile in profiles}


def _closest(topics: Sequence[Topic], line: str) -> Topic | None:
    """The topic whose story shares the most rare words with the line (each shared key counts by how few topics
    have it), when that is clearly more than for any other topic; else None."""
    profiles = _profiles(tuple(topics))
    if not profiles:
        return None
    keys = set(_keys(line))
    if not keys:
        return None
    count = len(profiles)
    df = {key: sum(1 for _, profile in profiles if key in profile) for key in keys}
    scores = sorted(((sum(math.log(1 + count / df[key]) for key in keys if key in profile and df[key]), index)
                     for index, (_, profile) in enumerate(profiles)), reverse=True)
    best, index = scores[0]
    runner_up = scores[1][0] if len(scores) > 1 else 0.0
    if best < MIN_SHARED or best - runner_up < 0.5:
        return None
    return profiles[index][0]


def _words_in(line: str, spans: Sequence[tuple[int, int]]) -> int:
    """How many words the matched spans cover."""
    return sum(len(line[a:b].split()) for a, b in spans)


def _line_words(line: str) -> list[str]:
    """The words of a line that can name a subject (no question words, no small words)."""
    stop = _stopwords()
    return [tok.norm for tok in tokenize(clean_text(line)) if len(tok.norm) > 2 and tok.norm not in stop]


@cache
def _vocabulary(topic: Topic) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words (and word beginnings, from 'woord*') in a topic's ways, without question words."""
    words: set[str] = set()
    prefixes: list[str] = []
    stop = _stopwords()
    for way in topic.idea.ways:
        for part in way.replace("&", " ").replace("[", " ").replace("]", " ").split():
            if part.startswith("..."):
                continue
            for word in part.split("|"):
                word = word.strip().lower()
                if word.endswith("*") and len(word) > 3:
                    prefixes.append(word[:-1])
                elif word and word not in stop and not word.startswith("*"):
                    words.add(word)
    return frozenset(words), tuple(prefixes)


def _weight(words: Sequence[str], topic: Topic | None) -> int:
    """How much of the line is this topic's own vocabulary (the length of the words it shares)."""
    if topic is None:
        return 0
    vocabulary, prefixes = _vocabulary(topic)
    return sum(len(word) for word in words if word in vocabulary or word.startswith(prefixes))


def _verb_first(line: str) -> bool:
    """A chat question without a question mark that starts with a verb ('halen klanten de fiets zelf op')."""
    tokens = tokenize(clean_text(line))
    if len(tokens) < 3 or line.rstrip().endswith((".", "!")):
        return False
    first, second = tokens[0].norm, tokens[1].norm
    if second in _NOT_SUBJECT:
        return False
    if first in _finite_verbs():
        return True
    # Another verb form before a subject: 'halen ze', 'betalen de klanten', 'werkt het'.
    return len(first) > 3 and first.endswith(("en", "t")) and second in _SUBJECT_STARTS


#: Words that start a subject after a first verb ('halen ze', 'betalen de klanten').
_SUBJECT_STARTS = frozenset({"u", "je", "jij", "jullie", "ze", "zij", "hij", "het", "de", "een", "er", "mensen",
                             "klanten", "uw", "die", "dat", "alle", "veel"})
#: Words after a first verb that show the line is no question ('kijk eens', 'ga maar').
_NOT_SUBJECT = frozenset({"eens", "maar", "even", "dan", "ook"})


@cache
def _finite_verbs() -> frozenset[str]:
    """Finite verbs a chat question may start with (from the question engine's rule file)."""
    return word_set(data("common").get("finite_verbs"))


def _order(scenario: Scenario, match: IdeaMatch) -> int:
    return next((index for index, topic in enumerate(scenario.topics) if topic.id == match.idea.label), 0)


def _has_own_words(line: str, intent: Intent) -> bool:
    """True when the question names something of its own ('het weer', 'uw fiets'), not only 'vertel eens meer'."""
    vague = _vague_words()
    return any(len(tok.norm) > 3 and tok.norm not in vague for tok in tokenize(clean_text(line)))


@cache
def _vague_words() -> frozenset[str]:
    return word_set(data("intents").get("vague_words"))
