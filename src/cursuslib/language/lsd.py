"""Feedback for the LSD exercises (Luisteren, Samenvatten, Doorvragen): summaries and follow-up questions.

A summary is judged on what it MEANS (see :mod:`.summary_meaning`): about the customer's story, no
verdict about the customer, no advice, not the other way round, in the student's own words, with the
core (problem, wish or feeling), and with a check ("Klopt dat?"). A follow-up question must be a
question, open (or a polite invitation to tell), without advice or reproach, and about the story:
it shares words with it or is a follow-up that always fits (an example, what a word means, how often).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from .normalize import MAX_INPUT, Token, clean_text, limit, tokenize, trailing_punct
from .questions import classify_tokens
from .results import FollowupResult, SummaryResult
from .rules import Pattern, PatternSet, data, fill, next_step, word_set
from .summary_meaning import Story, clause_text, config, judge_summary, separable, story, too_much, vague_phrase

__all__ = ["followup_feedback", "summary_feedback"]

_CHECK_WINDOW = 6
_JE = frozenset({"je", "jij", "jou", "jouw"})
_U = frozenset({"u", "uw"})
_ADDRESSEE = frozenset({"u", "je", "jij", "jullie"})
_SPEAKER = frozenset({"ik", "we", "wij"})


class _Lsd:
    def __init__(self) -> None:
        d = data("lsd")
        macros = {str(k): str(v) for k, v in (d.get("macros") or {}).items()}

        def compile_set(key: str) -> PatternSet:
            return PatternSet(Pattern(str(s), key, macros) for s in d.get(key) or ())

        self.openers = compile_set("summary_openers")
        self.checks = compile_set("check_backs")
        self.check_questions = compile_set("check_questions")
        # All follow-up rules in one pattern set (one pass over the question); the payload names the rule.
        keys = ("invitation_questions", "followup_judging", "followup_advice", "followup_off_topic",
                "followup_generic_frames", "problem_words")
        self.followup = PatternSet(Pattern(str(s), key, macros) for key in keys for s in d.get(key) or ())
        self.why_neutral = word_set(d.get("why_neutral_verbs"))
        self.generic = word_set(d.get("generic_followup_words"))
        self.reference = word_set(d.get("reference_words"))
        self.reference_back = word_set(d.get("reference_back_words"))
        self.negations = word_set(data("key_ideas").get("negations"))
        self.window = int(d.get("opener_window", 4))
        self.msg = {str(k): str(v) for k, v in (d.get("messages") or {}).items()}
        self.too_long = fill(str((data("common").get("messages") or {}).get("too_long", "")), max=MAX_INPUT)


@cache
def _lsd() -> _Lsd:
    return _Lsd()


def _spans(ps: PatternSet, tokens: list[Token]) -> list[tuple[int, int]]:
    return [(f, la) for f, la, _p in ps.finditer(tokens)]


def _text(text: str, tokens: Sequence[Token], first: int, last: int) -> str:
    return " ".join(text[tokens[first].start : tokens[last].end].split())


def _quote(words: Sequence[str]) -> str:
    return ", ".join(f"'{w}'" for w in words[:3])


def _address(tokens: Sequence[Token]) -> str:
    """'je' when the student writes je/jij (and no u), else 'u': examples keep the student's form."""
    norms = {t.norm for t in tokens}
    return "je" if norms & _JE and not norms & _U else "u"


_POSSESSIVE = {"u": {"mijn": "uw", "onze": "jullie", "ons": "jullie"}, "je": {"mijn": "je", "onze": "jullie", "ons": "jullie"}}


def _example(st: Story, address: str, m: dict[str, str]) -> str:
    """An example follow-up about the customer's own words: a vague word ('Wat bedoelt u precies met
    regelmatig?'), else the first thing the customer names, else a request for an example."""
    word = vague_phrase(st)
    if word:
        return fill(m[f"example_vague_{address}"], word=word)
    determiner, noun = st.thing
    if noun:
        thing = f"{_POSSESSIVE[address].get(determiner, determiner)} {noun.lower() if noun[1:].islower() else noun}"
        return fill(m[f"example_thing_{address}"], thing=thing)
    return m[f"example_plain_{address}"]


def _inputs(customer_text: object, answer: object) -> tuple[str, str, bool]:
    story_text, _ = limit(customer_text)
    text, cut = limit(answer)
    return story_text, text, cut


# --- summaries ---------------------------------------------------------------------------------


def summary_feedback(customer_text: str, summary: str) -> SummaryResult:
    """Judge a summary of what the customer said: on topic, no verdict or advice, not the other way
    round, own words, the core, and a check-back."""
    cfg = _lsd()
    m = cfg.msg
    story_text, text, cut = _inputs(customer_text, summary)
    first_msgs = [cfg.too_long] if cut else []
    tokens = tokenize(clean_text(text))
    if not tokens:
        return SummaryResult(False, (*first_msgs, m["summary_empty"]), reason="empty")
    n = len(tokens)
    masked: set[int] = set()
    opener = ""
    for f, la in _spans(cfg.openers, tokens):
        if f > cfg.window:
            break
        opener = _text(text, tokens, f, la)
        masked.update(range(f, la + 1))
        break
    check = ""
    for f, la in _spans(cfg.checks, tokens):
        if la >= n - _CHECK_WINDOW:
            check = check or _text(text, tokens, f, la)
            masked.update(range(f, la + 1))
    for f, la in _spans(cfg.check_questions, tokens):
        masked.update(range(f, la + 1))
        if f <= cfg.window:
            check = check or _text(text, tokens, f, la)
            opener = opener or check
    if not check and "?" in trailing_punct(clean_text(text), tokens):
        check = "?"
    st = story(story_text)
    meaning = judge_summary(st, text, tokens, masked)
    reason = meaning.reason
    if reason == "ok" and not check:
        reason = "no_check"

    good: list[str] = []
    if opener and reason not in ("off_topic", "parroting"):
        good.append(fill(m["summary_good_opener"], phrase=opener))
    if meaning.emotion and reason in ("ok", "no_check", "missing_core"):
        good.append(fill(m["summary_good_emotion"], phrase=meaning.emotion))
    if meaning.shared and reason not in ("off_topic", "missing_core"):
        good.append(fill(m["summary_good_refers"], words=_quote(meaning.shared)))
    if check and check != "?" and len(good) < 2:
        good.append(fill(m["summary_good_check"], phrase=check))
    messages: list[str] = [*first_msgs]
    if good:
        messages.append(" ".join(good[:2]))
    phrase, theirs = meaning.phrase, meaning.theirs
    about = theirs or vague_phrase(st) or next(iter(st.index.keys.values()), "")
    if reason == "off_topic":
        messages.append(fill(m["summary_off_topic"], phrase=phrase) if phrase else m["summary_not_refers"])
        messages.append(fill(m["summary_next_refers"], word=about))
    elif reason == "judging":
        messages += [fill(m["summary_judging"], phrase=phrase), fill(m["summary_next_judging"], phrase=phrase)]
    elif reason == "advice":
        messages += [fill(m["summary_advice"], phrase=phrase), fill(m["summary_next_advice"], phrase=phrase)]
    elif reason == "wrong_or_opposite":
        if theirs:
            messages += [fill(m["summary_opposite"], phrase=phrase, theirs=theirs), fill(m["summary_next_opposite"], theirs=theirs)]
        else:
            messages += [fill(m["summary_opposite_plain"], phrase=phrase), m["summary_next_opposite_plain"]]
    elif reason == "parroting":
        messages += [fill(m["summary_parroting"], phrase=phrase), m["summary_next_parroting"]]
    elif reason == "missing_core":
        if theirs and phrase and theirs in (w for w, _k in st.needs):
            messages.append(fill(m["summary_missing_need"], theirs=theirs))
        elif phrase:
            messages.append(fill(m["summary_missing_core"], phrase=phrase))
        else:
            messages.append(m["summary_not_refers"])
        messages.append(fill(m["summary_next_missing_core"], word=about))
    elif reason == "no_check":
        messages += [m["summary_no_check"], m["summary_next_check"] if opener else m["summary_next_opener_check"]]
    elif not opener:
        messages.append(m["summary_next_signal"])
    else:
        messages.append(fill(m["summary_next_ok"], example=_example(st, _address(tokens), m)))
    ok = reason == "ok"
    advice = (phrase,) if reason == "advice" else ()
    return SummaryResult(ok, tuple(messages), opener, "" if check == "?" else check, advice, meaning.shared,
                         reason=reason, phrase=phrase)


# --- follow-up questions -----------------------------------------------------------------------


def _why_judging(text: str, tokens: Sequence[Token], cfg: _Lsd) -> str:
    """'waarom <verb> u/jullie': the customer's own deed questioned sounds like a reproach ('' if none)."""
    for i in range(len(tokens) - 2):
        if tokens[i].norm == "waarom" and tokens[i + 2].norm in _ADDRESSEE and tokens[i + 1].norm not in cfg.why_neutral:
            return clause_text(text, tokens, i)
    return ""


@cache
def _question_words() -> tuple[frozenset[str], frozenset[str]]:
    q = data("questions")
    return word_set(q.get("question_words")), word_set(q.get("lead_ins"))


def _starts_with_question_word(tokens: Sequence[Token]) -> bool:
    """True when the first word that is no lead-in ('ok', 'en', 'dus') is a question word."""
    words, lead_ins = _question_words()
    return next((t.norm in words for t in tokens if t.norm not in lead_ins), False)


def followup_feedback(customer_text: str, question: str) -> FollowupResult:
    """Judge a follow-up question: a question, open or an invitation to tell, no advice or reproach,
    and about what the customer just said."""
    cfg = _lsd()
    m = cfg.msg
    story_text, text, cut = _inputs(customer_text, question)
    first_msgs = [cfg.too_long] if cut else []
    clean = clean_text(text)
    tokens = tokenize(clean)
    st = story(story_text)
    address = _address(tokens)
    example = _example(st, address, m)
    if not tokens:
        if text.strip():  # an emoji or only punctuation
            messages = (*first_msgs, fill(m["followup_not_a_question"], phrase=text.strip()[:40]),
                        fill(m["followup_next_question"], example=example))
            return FollowupResult(False, messages, reason="not_a_question")
        return FollowupResult(False, (*first_msgs, m["followup_empty"]), reason="empty")
    verdict = classify_tokens(text, clean, tokens)
    hits: dict[str, list[tuple[int, int]]] = {}
    for f, la, pattern in cfg.followup.finditer(tokens):
        hits.setdefault(str(pattern.payload), []).append((f, la))

    def first_hit(key: str, max_start: int = len(tokens)) -> str:
        return next((_text(text, tokens, f, la) for f, la in hits.get(key, ()) if f <= max_start), "")

    def hit_clause(key: str) -> str:
        return next((clause_text(text, tokens, f) for f, _la in hits.get(key, ())), "")

    asked = "?" in clean[tokens[0].start :]
    invitation = first_hit("invitation_questions", 2)
    # A question word with the options after it ("Welke kost het meest, de tijd of de benzine?") is closed in form,
    # but in a conversation it still lets the customer explain: a fair follow-up, with the open form as a tip.
    choice = not invitation and verdict.rule == "either_or" and bool(verdict.open_form) and \
        _starts_with_question_word(tokens)
    if choice:
        invitation = _text(text, tokens, 0, 0)
    # Not a question: one word, or a remark without a question form ("ok snap ik", "Dat klinkt als veel werk.").
    single = len(tokens) == 1 and not (asked and verdict.is_open)
    remark = not asked and not invitation and not verdict.is_open and (
        verdict.rule == "statement" or any(t.norm in _SPEAKER for t in tokens[:3]))
    if single or remark:
        messages = [*first_msgs, fill(m["followup_not_a_question"], phrase=_text(text, tokens, 0, len(tokens) - 1)),
                    fill(m["followup_next_question"], example=example)]
        return FollowupResult(False, tuple(messages), verdict, reason="not_a_question")

    judged = hit_clause("followup_judging") or _why_judging(text, tokens, cfg)
    if judged:
        messages = [*first_msgs, fill(m["followup_judging"], phrase=judged),
                    fill(m["followup_next_judging"], example=m[f"example_situation_{address}"])]
        return FollowupResult(False, tuple(messages), verdict, reason="judging")

    advice = hit_clause("followup_advice")
    if advice:
        messages = [*first_msgs, fill(m["followup_advice"], phrase=advice), fill(m["followup_next_advice"], example=example)]
        return FollowupResult(False, tuple(messages), verdict, reason="advice")

    if not verdict.is_open and not invitation:
        messages = [*first_msgs, verdict.explanation]
        if verdict.suggestion:
            messages.append(next_step(m["followup_next_tip"], verdict.suggestion))
        elif verdict.open_form:
            messages.append(fill(m["followup_next_open_form"], open=verdict.open_form))
        else:
            messages.append(m["followup_next_closed"])
        return FollowupResult(False, tuple(messages), verdict, reason="closed")
    if verdict.is_open:
        invitation = ""

    # About the story: shared words, or a follow-up that always fits.
    ignore = config().ignore
    own = [i for i, t in enumerate(tokens)
           if len(t.norm) >= 3 and t.norm[0].isalpha() and t.norm not in ignore and t.norm not in cfg.generic]
    shared_words: dict[str, None] = {}
    for i in own:
        found = st.index.match(tokens[i].norm)
        if found:
            shared_words.setdefault(found)
    synonyms = config().synonyms
    for key, _words in separable(tokens, config()):
        for k in (key, synonyms.get(key, "")):  # 'houdt ... bij' is about keeping an overview
            if k in st.index.keys:
                shared_words.setdefault(st.index.keys[k])
                break
    shared = list(shared_words)
    frame = first_hit("followup_off_topic")
    # Relevant by form: only general words, a word that points back ('die vraag', "zo'n uitleg"),
    # or a general follow-up (example, consequence) that points back or names a problem.
    frames = hits.get("followup_generic_frames", ())
    points_back = any(tokens[k].norm in cfg.reference_back for _f, la in frames for k in range(la + 1, min(len(tokens), la + 3)))
    problem = bool(hits.get("problem_words")) or any(t.norm in cfg.negations for t in tokens) or too_much(tokens)
    generic = not own or any(i > 0 and tokens[i - 1].norm in cfg.reference for i in own) or (
        bool(frames) and (points_back or problem))
    refers = st.empty or ((bool(shared) or generic) and not frame)
    first = (fill(m["followup_choice" if choice else "followup_invitation"], phrase=invitation) if invitation
             else verdict.explanation)
    if shared and refers:
        first += " " + fill(m["followup_refers"], words=_quote(shared))
    elif generic and refers:
        first += " " + m["followup_generic"]
    messages = [*first_msgs, first]
    if not refers:
        messages.append(fill(m["followup_off_topic_frame"], phrase=frame) if frame else m["followup_not_refers"])
        messages.append(fill(m["followup_next_refers"], example=example))
        return FollowupResult(False, tuple(messages), verdict, tuple(shared), reason="off_topic")
    if invitation and verdict.open_form and verdict.rule in ("polite_wrapper", "either_or"):
        messages.append(fill(m["followup_next_invitation"], open=verdict.open_form))
    elif verdict.open_form and not invitation:
        messages.append(fill(m["followup_next_why"], open=verdict.open_form))
    elif verdict.suggestion and not invitation:
        messages.append(next_step(m["followup_next_tip"], verdict.suggestion))  # 'hoe laat' apart, one question at a time
    else:
        messages.append(m["followup_next_ok"])
    return FollowupResult(True, tuple(messages), verdict, tuple(shared), reason="ok")
