"""Open or closed? Classifies a student's question and explains which words decided it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache

from .normalize import (
    MAX_INPUT,
    Sentence,
    Token,
    clean_text,
    fold,
    limit,
    sentences,
    tokenize,
    trailing_punct,
    within_one_edit,
)
from .results import QuestionResult
from .rules import data, fill, word_set

__all__ = ["NO_QUESTION_RULES", "classify_tokens", "looks_english", "question_kind"]

_PARTICLES = ("mis", "af", "op", "uit", "aan", "terug", "mee", "weg", "door", "na", "toe", "langs", "bij", "in")
_PAST_SUFFIXES = ("de", "te", "den", "ten")
_CACHE_LIMIT = 20_000
_LOOSE_DETERMINERS = frozenset({"een", "geen", "uw", "je", "jouw", "mijn", "ons", "zijn", "haar", "hun", "elk", "ieder", "welk", "zo'n"})
#: Rules for input that is no Dutch question yet: the student gets a request instead of a verdict.
NO_QUESTION_RULES = ("empty", "no_words", "too_short", "not_dutch")
_MAX_LISTED_PARTS = 5  # questions named one by one in the explanation
_MAX_PARTS = 20  # questions with their own result in ``parts`` (far more than any real answer holds)
_OBJECT_PRONOUNS = frozenset({"me", "mij", "ons", "u", "jou", "je", "hem", "haar", "hen", "hun", "jullie", "ze", "het", "dat", "dit", "die"})


class _Rules:
    """The question rules from data/questions.yaml and data/common.yaml, compiled once."""

    def __init__(self) -> None:
        q = data("questions")
        c = data("common")
        self.question_words = word_set(q.get("question_words"))
        self.spelling = {fold(str(k)): str(v) for k, v in (q.get("spelling") or {}).items()}
        # a chat spelling that stands for one known question word (wrm -> waarom) is read as that word
        self.canonical = {k: fold(v) for k, v in self.spelling.items() if fold(v) in self.question_words}
        self.noun_wh = word_set(q.get("noun_question_words"))
        self.late_wh = word_set(q.get("question_words_at_end"))
        self.late_wh_mark = word_set(q.get("question_words_at_end_with_mark"))
        self.trailing_fillers = word_set(q.get("trailing_fillers"))
        self.not_before_late = word_set(q.get("not_before_late_question_word"))
        ind = q.get("indirect") or {}
        self.first_person = word_set(ind.get("first_person"))
        self.curious = word_set(ind.get("curious"))
        self.want_to_know = word_set(ind.get("want_to_know"))
        self.wish = word_set(ind.get("wish"))
        self.wonder = word_set(ind.get("wonder"))
        self.imperatives = word_set(ind.get("imperatives"))
        self.ind_fillers = word_set(ind.get("fillers"))
        self.ind_about = word_set(ind.get("about"))
        self.negations = word_set(ind.get("negations"))
        of = q.get("open_forms") or {}
        self.auxiliaries = word_set(of.get("auxiliaries"))
        self.modals = word_set(of.get("modals"))
        self.request_verbs = word_set(of.get("request_verbs"))
        self.request_modals = word_set(of.get("request_modals"))
        self.know_verbs = word_set(of.get("know_verbs"))
        self.how_with_evaluative = word_set(of.get("how_with_evaluative"))
        self.pronoun_wh = {fold(str(k)): str(v) for k, v in (of.get("pronoun_question_words") or {}).items()}
        self.frequency: dict[str, tuple[tuple[str, ...], ...]] = {}
        for phrase in _phrases(of.get("frequency")):
            self.frequency[phrase[0]] = (*self.frequency.get(phrase[0], ()), phrase)
        self.time_modifiers = word_set(of.get("time_modifiers"))
        self.time_preps = word_set(of.get("time_prepositions"))
        self.clause_words = word_set(of.get("clause_words"))
        self.every = word_set(of.get("every"))
        self.duration = word_set(of.get("duration_words"))
        self.how_adverbs = word_set(of.get("how_adverbs"))
        self.evaluative = word_set(of.get("evaluative"))
        self.not_gradable = word_set(of.get("not_gradable"))
        self.answer_preps = {fold(str(k)): str(v) for k, v in (of.get("answer_prepositions") or {}).items()}
        self.which_verbs = word_set(of.get("which_verbs"))
        self.object_verbs = word_set(of.get("object_verbs"))
        self.particles = word_set(c.get("separable_particles"))
        self.no_how = word_set(of.get("no_how"))
        self.how_verbs = {fold(str(k)): str(v) for k, v in (of.get("how_verbs") or {}).items()}
        self.drop_in_how = word_set(of.get("drop_in_how"))
        self.topic_form = str(of.get("topic", "Hoe zit het met {topic}?"))
        self.topic_problem_form = str(of.get("topic_problem", self.topic_form))
        self.english = word_set(c.get("english_words"))
        self.number_words = word_set(c.get("number_words")) - {"een", "één", "half", "halve", "paar", "enkele"}
        self.followers = {k: word_set(v) for k, v in (q.get("question_word_followers") or {}).items()}
        self.fuzzy_min = int(q.get("fuzzy_min_length", 5))
        self.fuzzy_exclude = word_set(q.get("fuzzy_exclude"))
        # chat spellings (hoever, watvoor) are no targets for typos: "hoeven" is a verb, not a question word
        spelled = word_set(q.get("spelling"))
        self.fuzzy_targets = tuple(sorted(w for w in self.question_words if len(w) >= self.fuzzy_min and w not in spelled))
        self.lead_ins = word_set(q.get("lead_ins"))
        self.lead_in_phrases = _phrases(q.get("lead_in_phrases"))
        self.exclamation = word_set(q.get("exclamation_words"))
        self.subordinators = word_set(q.get("subordinators"))
        self.ambiguous_sub = word_set(q.get("ambiguous_subordinators"))
        self.tags_anywhere = _phrases(q.get("tags_anywhere"))
        self.tags_after_comma = _phrases(q.get("tags_after_comma"))
        self.wrapper_words = word_set(q.get("wrapper_words"))
        self.wrapper_fuzzy = tuple(w for w in self.wrapper_words if len(w) >= 7)
        self.invitation = word_set(q.get("invitation_verbs"))
        self.option_fillers = word_set(q.get("option_fillers"))
        self.option_wh = {str(k): str(v) for k, v in (q.get("option_question_words") or {}).items()}
        self.time_words = word_set(q.get("time_words"))
        self.manner_options = word_set(q.get("manner_options"))
        self.drop = word_set(q.get("drop_in_suggestion"))
        self.copulas = word_set(q.get("copulas"))
        self.verb_templates = {str(k): str(v) for k, v in (q.get("verb_templates") or {}).items()}
        self.msg = {str(k): str(v) for k, v in (q.get("messages") or {}).items()}
        self.pronouns = word_set(c.get("subject_pronouns"))
        self.determiners = word_set(c.get("determiners"))
        self.prepositions = word_set(c.get("prepositions"))
        self.function_words = word_set(c.get("function_words"))
        self.finite = word_set(c.get("finite_verbs"))
        self.past = word_set(c.get("past_forms"))
        self.not_verbs = self.function_words | self.determiners | self.prepositions | self.pronouns | self.question_words
        self._wh_cache: dict[str, str] = {}
        self._wrapper_cache: dict[str, bool] = {}
        self.tag_lengths = sorted({len(t) for t in self.tags_anywhere + self.tags_after_comma}, reverse=True)
        self.tag_set_anywhere = set(self.tags_anywhere)
        self.tag_set_comma = set(self.tags_after_comma)
        self.lead_in_lengths = sorted({len(t) for t in self.lead_in_phrases}, reverse=True)
        self.lead_in_set = set(self.lead_in_phrases)
        self.clause_starts = self.pronouns | self.determiners | {"er", "het"}
        self.not_adjectives = (
            self.determiners | self.prepositions | self.pronouns | self.question_words | self.drop | self.time_words
        )
        self.subordinating = self.pronouns | self.wrapper_words | self.finite | word_set(q.get("whether_verbs"))

    # --- word classes -------------------------------------------------------------------
    def wh(self, norm: str) -> str:
        """The question word ``norm`` stands for (typos allowed for long words), or ''."""
        if norm in self.question_words:
            return self.canonical.get(norm, norm)
        if len(norm) < self.fuzzy_min - 1 or len(norm) > 14:
            return ""
        found = self._wh_cache.get(norm)
        if found is None:
            found = ""
            if norm not in self.fuzzy_exclude and norm not in self.finite and norm not in self.function_words:
                found = next((t for t in self.fuzzy_targets if within_one_edit(norm, t)), "")
            if len(self._wh_cache) > _CACHE_LIMIT:
                self._wh_cache.clear()
            self._wh_cache[norm] = found
        return found

    def is_wrapper_word(self, norm: str) -> bool:
        """A word such as 'vertellen' or 'weet' (typos allowed) that wraps an embedded question."""
        if norm in self.wrapper_words:
            return True
        if len(norm) < 6 or len(norm) > 14:
            return False
        found = self._wrapper_cache.get(norm)
        if found is None:
            found = any(within_one_edit(norm, w) for w in self.wrapper_fuzzy)
            if len(self._wrapper_cache) > _CACHE_LIMIT:
                self._wrapper_cache.clear()
            self._wrapper_cache[norm] = found
        return found

    def verbish(self, norm: str) -> bool:
        """True when ``norm`` looks like a verb form (known, or by its ending)."""
        if norm in self.finite or norm in self.past:
            return True
        if norm in self.not_verbs or len(norm) < 4 or not norm.isalpha():
            return False
        return norm.endswith(("t", "en", "de", "te"))

    def nonfinite(self, norm: str) -> bool:
        """Infinitive or past participle (vervangen, gebruikt, gedaan)."""
        if norm in self.not_verbs or len(norm) < 4 or not norm.isalpha():
            return False
        if norm.startswith("ge") and len(norm) > 5 and norm.endswith(("d", "t", "en")):
            return True
        return norm.endswith("en") and norm not in self.past


def _phrases(values: object) -> tuple[tuple[str, ...], ...]:
    out = []
    for v in values or ():  # type: ignore[attr-defined]
        words = tuple(fold(w) for w in str(v).replace("?", "").split() if w)
        if words:
            out.append(words)
    out.sort(key=len, reverse=True)
    return tuple(out)


@cache
def _rules() -> _Rules:
    """The compiled question rules, loaded on first use."""
    return _Rules()


# --- helpers on token lists ---------------------------------------------------------------


def _span(tokens: Sequence[Token]) -> tuple[int, int]:
    """Character span from the first to the last token."""
    return (tokens[0].start, tokens[-1].end)


def _surface(tokens: Sequence[Token]) -> str:
    """The tokens as the student wrote them, single-spaced."""
    return " ".join(t.surface for t in tokens)


def _segments(tokens: list[Token]) -> list[list[Token]]:
    """Split a sentence at commas, colons, semicolons and brackets."""
    segs: list[list[Token]] = [[]]
    for i, tok in enumerate(tokens):
        if i and tok.pre and any(c in ",;:(" for c in tok.pre) and segs[-1]:
            segs.append([])
        segs[-1].append(tok)
    return [s for s in segs if s]


def _skip_lead_ins(seg: list[Token], p: int, r: _Rules) -> int:
    """Index after lead-ins such as 'Oké, en', 'Dus' or 'Hoe dan ook' (a lone 'Ja?' is kept)."""
    n = len(seg)
    for k in r.lead_in_lengths:
        if p + k <= n and tuple(t.norm for t in seg[p : p + k]) in r.lead_in_set:
            p += k
            break
    while p < n and seg[p].norm in r.lead_ins:
        if p + 1 >= n:
            break
        if seg[p].norm in r.finite and seg[p + 1].norm in r.pronouns:
            break  # a lead-in word used as a verb: "Zeg je ..."
        p += 1
    return p


def _exclamation(seg: list[Token], p: int, r: _Rules) -> bool:
    """'Wat leuk', 'Hoe fijn dat ...': an exclamation, not a question word."""
    if seg[p].norm not in ("wat", "hoe") or p + 1 >= len(seg):
        return False
    q = p + 1
    if seg[q].norm == "een":
        return True
    if seg[q].norm in ("heel", "erg", "echt", "ontzettend", "super") and q + 1 < len(seg):
        q += 1
    if seg[q].norm not in r.exclamation:
        return False
    return q + 1 >= len(seg) or seg[q + 1].norm in ("dat", "zeg", "hoor", "voor", "om", "van")


def _np_end(toks: Sequence[Token], i: int, r: _Rules) -> int:
    """Index just after the noun phrase (or pronoun) starting at ``i``."""
    n = len(toks)
    if i >= n:
        return i
    norm = toks[i].norm
    if norm in r.pronouns or norm == "er":
        return i + 1
    if norm in r.determiners:
        if norm in ("die", "dat", "deze", "dit") and i + 2 >= n:
            return i + 1  # "zijn die tevreden?": a pronoun, not a determiner
        j = i + 1
        while j < n and j - i <= 3:
            nn = toks[j].norm
            if nn in r.finite or nn in r.past or nn in r.prepositions or nn in r.pronouns or nn in r.determiners:
                break
            if nn in r.function_words and not nn.endswith("e") or _participle(nn):
                break
            if j > i + 1 and (r.verbish(nn) or nn.endswith("er") or _adjectival_participle(nn)):
                break
            # "de kabel los": after a noun the phrase ends; only an adjective ("de oude", "een nieuw") continues it
            if j > i + 1 and not toks[j - 1].norm.endswith("e") and not (j == i + 2 and norm in _LOOSE_DETERMINERS):
                break
            if j + 1 < n and toks[j + 1].norm in ("of", "en") and j > i + 1:
                break
            j += 1
        return j
    if norm in r.not_verbs or r.verbish(norm):
        return i
    return i + 1


def _wh_phrase(seg: list[Token], p: int, r: _Rules) -> tuple[int, int, str] | None:
    """Parse 'met wie', 'op welke manier', 'wat voor', 'hoe lang', 'hoeveel stuks' at ``p``."""
    n = len(seg)
    q = p
    preps = 0
    while q < n and seg[q].norm in r.prepositions and preps < 2 and q + 1 < n:
        if seg[q].norm == "in" and seg[q + 1].norm == "hoeverre":
            return (q, q + 2, "in hoeverre")
        q += 1
        preps += 1
    if q >= n:
        return None
    word = r.wh(seg[q].norm)
    if not word:
        return None
    if preps and word in ("wat", "waar", "hoe") and seg[q - 1].norm not in ("tot", "vanaf", "voor", "sinds", "over", "met", "van", "naar", "op", "om"):
        return None
    end = q + 1
    followers = r.followers.get(word)
    if followers and end < n and seg[end].norm in followers:
        end += 1
        if word == "wat" and end < n and seg[end].norm == "een":
            end += 1
    if word in r.noun_wh or (word == "wat" and end > q + 1):
        steps = 0
        while end < n and steps < 3:
            nn = seg[end].norm
            if nn in r.finite or nn in r.pronouns or nn in r.determiners or nn in r.prepositions or nn == "er":
                break
            if steps and r.verbish(nn) and end + 1 < n and seg[end + 1].norm in r.clause_starts:
                break
            end += 1
            steps += 1
    return (p if preps else q, end, word)


def _verb_first(seg: list[Token], p: int, r: _Rules) -> bool:
    n = len(seg)
    norm = seg[p].norm
    if norm in r.lead_ins and norm not in r.finite:
        return False
    if norm in r.subordinators or r.wh(norm):
        return False
    nxt = seg[p + 1].norm if p + 1 < n else ""
    if norm in r.finite and norm not in ("zijn", "die", "dat"):
        return True
    if norm == "zijn" and nxt in r.determiners | r.pronouns | {"er"}:
        return True
    if norm in r.not_verbs:
        return False
    if nxt in r.pronouns and nxt not in ("iemand", "iedereen", "men"):
        return True
    return r.verbish(norm) and (nxt in r.determiners or nxt in ("er", "het"))


def _find_tag(tokens: list[Token], r: _Rules) -> tuple[int, bool] | None:
    """Start index of a tag question at the end ('..., toch?') and whether a comma precedes it."""
    n = len(tokens)
    for k in r.tag_lengths:  # longest tag first: "toch niet" before "niet"
        if n <= k:
            continue
        words = tuple(t.norm for t in tokens[n - k :])
        comma = tokens[n - k].clause_break
        if words in r.tag_set_anywhere or (comma and words in r.tag_set_comma):
            return n - k, comma
    return None


def _addressee(tokens: Sequence[Token]) -> str:
    norms = {t.norm for t in tokens}
    if "u" in norms or "uw" in norms:
        return "formal"
    if "jullie" in norms:
        return "plural"
    if norms & {"je", "jij", "jouw"}:
        return "informal"
    return "formal"


def _cap(words: Sequence[str]) -> str:
    text = " ".join(w for w in words if w)
    return text[:1].upper() + text[1:] + "?" if text else ""


def _drop_t(verb: str) -> str:
    """'hebt' -> 'heb', 'bedoelt' -> 'bedoel', 'gaat' -> 'ga' (verb before je/jij)."""
    low = verb.lower()
    special = {"gaat": "ga", "staat": "sta", "slaat": "sla", "doet": "doe", "ziet": "zie", "zult": "zal", "kunt": "kun"}
    if low in special:
        return special[low]
    if len(low) > 3 and low.endswith("t") and not low.endswith(("cht", "st", "tt")) and low[-2] not in "aeiou":
        return verb[:-1]
    return verb


def _add_t(verb: str, r: _Rules) -> str:
    """'heb' -> 'hebt', 'ga' -> 'gaat' (verb after je/jij in a 'dat'-clause)."""
    low = verb.lower()
    special = {"ga": "gaat", "sta": "staat", "doe": "doet", "zie": "ziet", "kun": "kunt", "kan": "kunt", "zal": "zult"}
    if low in special:
        return special[low]
    if low in r.past or low.endswith(("t", "ou")) or low.endswith(_PAST_SUFFIXES):
        return verb
    return verb + "t"


# --- suggestions --------------------------------------------------------------------------


def _participle(norm: str) -> bool:
    """Past participle: gedaan, gebruikt, aangevraagd, opgestart."""
    if len(norm) <= 5 or not norm.endswith(("d", "t", "en")):
        return False
    if norm.startswith("ge"):
        return True
    return any(norm.startswith(part + "ge") for part in _PARTICLES)


def _adjectival_participle(norm: str) -> bool:
    """'beschadigd', 'verloren', 'ontvangen': participles without ge- used after a noun."""
    return len(norm) >= 7 and norm.startswith(("be", "ver", "ont", "her")) and norm.endswith(("d", "t", "en"))


def _split_particle(norm: str, r: _Rules) -> tuple[str, str]:
    """'misging' -> ('mis', 'ging'), 'doorloopt' -> ('door', 'loopt'); ('', norm) otherwise."""
    for part in _PARTICLES:
        stem = norm[len(part) :]
        if norm.startswith(part) and len(stem) >= 2 and (stem in r.finite or stem in r.past):
            return part, stem
    return "", norm


def _main_clause(wh_tokens: Sequence[Token], rest: Sequence[Token], r: _Rules) -> str:
    """'wat je dit weekend hebt gedaan' -> 'Wat heb je dit weekend gedaan?'; '' when unsure."""
    if not rest:
        return ""
    n = len(rest)
    subj_end = 0
    if not r.verbish(rest[0].norm) or rest[0].norm in r.pronouns:
        subj_end = _np_end(rest, 0, r)
        if subj_end == 0:
            return ""
        if subj_end < n and rest[subj_end].norm == "er" and rest[0].norm in r.pronouns:
            subj_end += 1
    finite = -1
    guess = -1
    k = subj_end
    while k < n:
        nn = rest[k].norm
        if nn in r.prepositions and k > subj_end:
            k = max(_np_end(rest, k + 1, r), k + 1)
            continue
        if nn in _PARTICLES:
            k += 1
            continue
        if nn in r.finite or nn in r.past or _split_particle(nn, r)[0]:
            finite = k
            break
        if guess < 0 and r.verbish(nn) and not _participle(nn):
            guess = k
        k += 1
    if finite < 0:
        finite = guess
    if finite < 0:
        return ""
    particle, verb = _split_particle(rest[finite].norm, r)
    if not particle:
        verb = rest[finite].surface.lower()
    if subj_end and rest[0].norm in ("je", "jij"):
        verb = _drop_t(verb)
    words = [t.surface.lower() if i == 0 else t.surface for i, t in enumerate(wh_tokens)]
    words.append(verb)
    for k, tok in enumerate(rest):
        if k == finite:
            if particle:
                words.append(particle)
            continue
        words.append(tok.surface)
    return _cap(words)


def _soft_why(rest: Sequence[Token], r: _Rules) -> str:
    """'Waarom wilt u X vervangen?' -> 'Hoe komt het dat u X wilt vervangen?'; '' when unsure."""
    if len(rest) < 2 or not r.verbish(rest[0].norm):
        return ""
    verb = rest[0].surface.lower()
    subj_end = _np_end(rest, 1, r)
    if subj_end <= 1:
        return ""
    if rest[1].norm in ("je", "jij"):
        verb = _add_t(verb, r)
    tail = list(rest[subj_end:])
    # An extraposed prepositional phrase at the end stays after the verb ("gekozen voor deze opleiding").
    cut = len(tail)
    for k in range(len(tail) - 1, 0, -1):
        if tail[k].norm in r.prepositions and r.nonfinite(tail[k - 1].norm):
            cut = k
            break
        if tail[k].norm in r.prepositions and k > 0 and tail[k - 1].norm in _PARTICLES:
            cut = k
            break
    core, extra = tail[:cut], tail[cut:]
    pos = len(core)
    while pos > 0 and r.nonfinite(core[pos - 1].norm):
        pos -= 1
    before = [t.surface for t in core[:pos]]
    if before and before[-1].lower() in _PARTICLES and pos == len(core):
        verb = before.pop().lower() + verb
    words = [t.surface for t in rest[1:subj_end]] + before + [verb] + [t.surface for t in core[pos:]]
    words += [t.surface for t in extra]
    clause = " ".join(words)
    return fill(r.msg["soft_why"], clause=clause)


def _topic_np(tokens: Sequence[Token], start: int, r: _Rules, address: str, subject_is_addressee: bool) -> str:
    for i in range(start, len(tokens)):
        norm = tokens[i].norm
        if i and tokens[i - 1].norm in r.prepositions:
            continue
        if norm in ("de", "het", "een", "uw", "je", "jouw", "jullie", "mijn", "onze", "ons", "die", "deze", "dit"):
            if norm in ("je", "jullie") and i + 1 < len(tokens) and tokens[i + 1].norm in r.finite:
                continue
            end = _np_end(tokens, i, r)
            if end - i < 2 or end < len(tokens) and tokens[end].norm == "of":
                continue
            if norm == "een" and not subject_is_addressee:
                continue  # 'Hoe zit het met een mooie dag?' is no question about the customer's thing
            if any(t.norm in r.time_words for t in tokens[i:end]):
                continue  # "het hele weekend" is a time, not a topic
            if any(t.norm in r.drop or t.norm in _PARTICLES for t in tokens[i + 1 : end]):
                continue  # "het vooral", "een papiertje mee": no noun phrase
            nxt = tokens[end] if end < len(tokens) else None
            if (tokens[end - 1].norm.endswith("e") and nxt is not None and not nxt.clause_break
                    and nxt.norm not in r.not_verbs and nxt.norm not in r.drop and nxt.norm not in r.finite
                    and not _participle(nxt.norm)):
                continue  # "de meeste klanten": the noun was not read
            if norm == "het" and end == len(tokens) and end - i == 2 and r.nonfinite(tokens[i + 1].norm):
                continue  # "gaat het regelen": 'het' is the object of the verb
            words = [t.surface for t in tokens[i:end]]
            if norm == "een" and subject_is_addressee:
                words[0] = {"formal": "uw", "informal": "je", "plural": "jullie"}[address]
            words[0] = words[0].lower()
            return " ".join(words)
    return ""


def _either_or(seg: list[Token], p: int, subj_end: int, of_idx: int, r: _Rules) -> str:
    n = len(seg)
    b = of_idx + 1
    while b < n and seg[b].norm in r.option_fillers:
        b += 1
    if b >= n:
        return ""
    first_b = seg[b].norm
    a = -1
    if first_b in r.prepositions:
        for k in range(of_idx - 1, subj_end - 1, -1):
            if seg[k].norm == first_b:
                a = k
                break
    elif first_b in r.determiners:
        a = next((k for k in range(subj_end, of_idx) if seg[k].norm in r.determiners), -1)
    if a < 0:
        for k in range(of_idx - 1, subj_end - 1, -1):
            if seg[k].norm in r.prepositions:
                a = k
                break
    if a < 0:
        if of_idx - 1 < subj_end or r.verbish(seg[of_idx - 1].norm):
            return ""
        a = of_idx - 1
    lead = seg[a].norm
    # a verb at the end of the first option stays in the question: "op kantoor gebruikt of ook thuis"
    a_end = of_idx
    while a_end - 1 > a and (_participle(seg[a_end - 1].norm) or r.nonfinite(seg[a_end - 1].norm)):
        a_end -= 1
    b_end = n  # a verb after the options stays in the question: "per post of per mail ontvangen"
    min_end = b + 2 if first_b in r.prepositions or first_b in r.determiners else b + 1  # "met vrienden" is no verb
    while b_end > min_end and (r.nonfinite(seg[b_end - 1].norm) or _participle(seg[b_end - 1].norm)):
        b_end -= 1
    while a - 1 >= subj_end and seg[a - 1].norm in r.option_fillers:
        a -= 1
    options = {t.norm for t in seg[a:b_end]}
    if options & r.time_words and lead not in ("met", "per", "via", "voor", "door", "over", "naar"):
        wh = r.option_wh.get("_tijd", "wanneer")
    elif lead in r.prepositions:
        wh = r.option_wh.get(lead, "")
    elif lead in r.determiners or first_b in r.determiners:
        wh = r.option_wh.get("_anders", "wat")
    elif b == b_end - 1 and a == of_idx - 1:
        wh = "hoe" if options & r.manner_options else "wat"
    else:
        wh = ""
    if not wh or wh == "hoe" and seg[p].norm in r.copulas:
        return ""  # "Is het rood of blauw?" -> 'Hoe is het?' asks something else
    verb = seg[p].surface.lower()
    middle = [t.surface for t in seg[subj_end:a] if t.norm not in r.drop]
    tail = [t.surface for t in seg[a_end:of_idx]] + [t.surface for t in seg[b_end:n] if t.norm not in r.drop]
    subject = [t.surface for t in seg[p + 1 : subj_end]]
    return _cap([wh, verb, *subject, *middle, *tail])


# --- open forms of closed questions -------------------------------------------------------


class _Clause:
    """A closed question taken apart: finite verb, subject and the rest ('Heeft | u | al een website')."""

    __slots__ = ("verb", "subject", "rest", "address", "first_person", "addressee")

    def __init__(self, verb: Token, subject: Sequence[Token], rest: Sequence[Token], address: str, r: _Rules) -> None:
        self.verb = verb
        self.subject = list(subject)
        self.rest = list(rest)
        self.address = address
        norms = {t.norm for t in subject}
        self.first_person = bool(norms & r.first_person)
        self.addressee = bool(norms & {"u", "je", "jij", "jullie"})

    def subject_words(self, r: _Rules) -> list[str]:
        """The subject as it stands after the verb ('De app' -> 'de app'; names keep their capital)."""
        out = []
        for i, t in enumerate(self.subject):
            low = i == 0 and (t.norm in r.pronouns or t.norm in r.determiners or t.norm in ("er", "het"))
            out.append(t.surface.lower() if low and t.surface != "U" or t.norm == "u" else t.surface)
        return out

    def verb_word(self, r: _Rules) -> str:
        verb = self.verb.surface.lower()
        if self.subject and self.subject[0].norm in ("je", "jij") and len(self.subject) == 1:
            verb = _drop_t(verb)
        return verb


def _clause(seg: Sequence[Token], p: int, rule: str, r: _Rules, address: str) -> _Clause | None:
    """Verb, subject and rest of a verb-first question or of a statement ('U heeft de mail ontvangen')."""
    n = len(seg)
    if rule in ("verb_first", "either_or"):
        if p + 1 >= n:
            return _Clause(seg[p], [], [], address, r) if p < n else None
        subj_end = _np_end(seg, p + 1, r)
        lone = p + 2 < n and (_adverbish(seg[p + 2].norm, r) or seg[p].norm in r.copulas and p + 3 == n)
        if seg[p + 1].norm == "er" or seg[p + 1].norm in ("het", "dat", "dit") and lone:
            subj_end = p + 2  # "Is het duur?", "Duurt het lang?": 'het' alone is the subject
        if subj_end <= p + 1:
            return None
        verb = seg[p].norm
        known = verb in r.finite or verb in r.past or verb.endswith("t") or seg[p + 1].norm in r.pronouns
        if not known:
            return None  # "Eigenaren zijn ongerust ...": no verb-first question to rebuild
        return _Clause(seg[p], seg[p + 1 : subj_end], seg[subj_end:], address, r)
    subj_end = _np_end(seg, p, r)
    if seg[p].norm in ("het", "dat", "dit", "die") and p + 1 < n and (seg[p + 1].norm in r.finite or seg[p + 1].norm in r.past):
        subj_end = p + 1
    if subj_end <= p or subj_end >= n:
        return None
    verb = seg[subj_end]
    if not (verb.norm in r.finite or verb.norm in r.past or r.verbish(verb.norm)) or verb.norm in r.not_verbs - r.finite:
        return None
    subject = seg[p:subj_end]
    plural = subject[-1].norm in r.pronouns or _plural(subject[-1].norm)
    if verb.norm.endswith("en") and verb.norm not in r.finite and verb.norm not in r.past and not plural:
        return None  # "het rooster aanpassen duurt ...": 'aanpassen' is no finite verb of 'het rooster'
    return _Clause(verb, subject, seg[subj_end + 1 :], address, r)


def _adverbish(norm: str, r: _Rules) -> bool:
    """A word after 'het' that shows 'het' is the subject on its own: "Duurt het lang?", "Gebeurt dat vaker ...?"."""
    return (norm in r.how_adverbs or norm in r.function_words or norm in r.evaluative or norm in r.not_gradable
            or norm in r.drop or norm in r.frequency)


def _rest_words(tokens: Sequence[Token], r: _Rules, skip: set[int] = frozenset(), extra_drop: frozenset[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    return [t.surface for i, t in enumerate(tokens) if i not in skip and t.norm not in r.drop and t.norm not in extra_drop]


def _ends_with_infinitive(rest: Sequence[Token], r: _Rules) -> bool:
    return bool(rest) and r.nonfinite(rest[-1].norm) and not _participle(rest[-1].norm)


def _form_copula(c: _Clause, r: _Rules) -> str:
    """'Bent u tevreden over X?' -> 'Hoe tevreden bent u over X?'."""
    rest = c.rest  # the adjective must come first: "Je bent toch al klant?" has none
    if c.verb.norm not in r.copulas or not rest or not c.subject:
        return ""
    adj = rest[0]
    after = rest[1].norm if len(rest) > 1 else ""
    plain = adj.norm not in r.not_adjectives and (adj.norm not in r.function_words or adj.norm in r.exclamation)
    if not plain or adj.norm in ("er", "het", "niet", "geen", "nooit") or adj.norm in r.not_gradable or _participle(adj.norm):
        return ""
    if after and after not in r.prepositions:
        return ""
    if adj.norm in r.evaluative:  # "Was het leuk op het festival?" -> 'Hoe was het op het festival?'
        return _cap(["hoe", c.verb_word(r), *c.subject_words(r), *_rest_words(rest[1:], r)])
    return _cap(["hoe", adj.surface.lower(), c.verb_word(r), *c.subject_words(r), *_rest_words(rest[1:], r)])


def _form_vinden(c: _Clause, r: _Rules) -> str:
    """'Vindt u de nieuwe huisstijl mooi?' -> 'Wat vindt u van de nieuwe huisstijl?'."""
    if c.verb.norm not in ("vind", "vindt", "vond", "vonden") or "vinden" not in r.verb_templates or not c.subject:
        return ""
    topic = _topic_np(c.rest, 0, r, c.address, False)
    if not topic:
        return ""
    form = fill(r.verb_templates["vinden"], verb=c.verb_word(r), subject=" ".join(c.subject_words(r)), topic=topic)
    return form[:1].upper() + form[1:]


def _plural(noun: str) -> bool:
    return noun.endswith(("en", "ens", "ers", "els", "ies", "'s")) and len(noun) > 4


def _form_request(c: _Clause, r: _Rules) -> str:
    """'Kunt u uw ordernummer noemen?', 'Weet u uw klantnummer?' -> 'Wat is uw ordernummer?'."""
    if not c.addressee:
        return ""
    words = [t for t in c.rest if t.norm not in r.drop]
    if c.verb.norm in r.request_modals and words and words[-1].norm in r.request_verbs:
        words = words[:-1]
    elif c.verb.norm not in r.know_verbs:
        return ""
    if not 2 <= len(words) <= 4 or words[0].norm not in ("de", "het", "uw", "je", "jouw", "jullie", "mijn", "ons", "onze"):
        return ""
    if any(w.norm in r.not_verbs or r.verbish(w.norm) and not _plural(w.norm) for w in words[1:]):
        return ""  # only a noun phrase may stand between the verbs: "uw ordernummer", "de gegevens"
    np = [w.surface for w in words]
    np[0] = np[0].lower()
    return _cap(["wat", "zijn" if _plural(words[-1].norm) else "is", *np])


def _form_pronoun(c: _Clause, r: _Rules) -> str:
    """'Heeft u nog iets nodig?' -> 'Wat heeft u nodig?'; 'Is er iemand thuis?' -> 'Wie is er thuis?'."""
    for i, t in enumerate(c.rest):
        wh = r.pronoun_wh.get(t.norm)
        if wh and (i == 0 or c.rest[i - 1].norm not in r.prepositions):
            return _cap([wh, c.verb_word(r), *c.subject_words(r), *_rest_words(c.rest, r, {i})])
    return ""


def _form_number(c: _Clause, r: _Rules) -> str:
    """'Het gaat om ongeveer vijftig gebruikers' -> 'Om hoeveel gebruikers gaat het?'."""
    rest = c.rest
    for i, t in enumerate(rest):
        if not (t.norm.isdigit() or t.norm in r.number_words) or i + 1 >= len(rest):
            continue
        noun = rest[i + 1]
        if noun.norm in r.not_verbs or r.verbish(noun.norm) and not _plural(noun.norm):
            return ""
        start = i
        while start > 0 and rest[start - 1].norm in ("ongeveer", "zo'n", "circa", "rond", "bijna", "wel", "maar", "pakweg", "zeker", "minstens"):
            start -= 1
        prep: list[str] = []
        if start > 0 and rest[start - 1].norm in r.prepositions:
            start -= 1
            prep = [rest[start].surface.lower()]
        skip = set(range(start, i + 2))
        return _cap([*prep, "hoeveel", noun.surface, c.verb_word(r), *c.subject_words(r), *_rest_words(rest, r, skip)])
    return ""


def _find_phrase(rest: Sequence[Token], phrases: dict[str, tuple[tuple[str, ...], ...]]) -> tuple[int, int] | None:
    """The first of ``phrases`` (indexed by their first word) in ``rest``, as (start, end)."""
    for i, tok in enumerate(rest):
        for ph in phrases.get(tok.norm, ()):
            if all(i + k < len(rest) and rest[i + k].norm == w for k, w in enumerate(ph)):
                return i, i + len(ph)
    return None


def _form_frequency(c: _Clause, r: _Rules) -> str:
    """'Komt de foutmelding elke keer terug?' -> 'Hoe vaak komt de foutmelding terug?'."""
    rest = c.rest
    found = _find_phrase(rest, r.frequency)
    if not found:  # "elke avond", "iedere maand"
        found = next(((i, i + 2) for i in range(len(rest) - 1) if rest[i].norm in r.every and rest[i + 1].norm in r.time_words), None)
    if not found or not c.subject or any(t.norm in r.negations for t in rest):
        return ""
    if found[0] and rest[found[0] - 1].norm == "nog":
        return ""  # "nog steeds" means 'still', not 'often'
    end = found[1]
    while end < len(rest) and rest[end].norm in r.frequency:
        end += 1  # "steeds vaker"
    skip = set(range(found[0], end))
    if end < len(rest) and rest[end].norm == "dan":
        skip = set(range(found[0], len(rest)))  # "vaker dan één keer per week" -> 'Hoe vaak ...?'
    return _cap(["hoe", "vaak", c.verb_word(r), *c.subject_words(r), *_rest_words(rest, r, skip)])


def _time_span(rest: Sequence[Token], r: _Rules) -> tuple[int, int] | None:
    """The time expression in ``rest`` ('voor de zomer', 'sinds gisteren', 'volgende week'), or None."""
    for i, t in enumerate(rest):
        if t.norm in r.time_words:
            start = i
            while start > 0 and rest[start - 1].norm in r.time_modifiers and i - start < 3:
                start -= 1
            while start < i and rest[start].norm in r.determiners and rest[start].norm != "een":
                start += 1  # "het sinds gisteren": 'het' belongs to the verb
            before = [t.norm for t in rest[max(0, start - 2) : start]]
            if rest[start].norm not in r.prepositions and any(b in r.prepositions and b not in r.time_modifiers for b in before):
                return None  # "de factuur van vorige maand", "aan het eind van de week": the time belongs to a noun
            end = i + 1
            if end + 1 < len(rest) and rest[end].norm == "van" and rest[end + 1].norm == "tevoren":
                end += 2  # "een dag van tevoren"
            elif end < len(rest) and rest[end].norm in ("later", "eerder", "geleden"):
                end += 1
            if end < len(rest) and rest[end].norm in ("ochtend", "middag", "avond", "nog"):
                end += 1
            if end + 1 < len(rest) and rest[end].norm in ("en", "of") and rest[end + 1].norm in r.time_words:
                end += 2  # "in juli en augustus"
            return start, end
    return None


def _perfect(c: _Clause, r: _Rules) -> bool:
    """'Heeft u ... geïnstalleerd?', 'Ben je ... geweest?': an auxiliary with a participle at the end."""
    return c.verb.norm in r.auxiliaries and any(_participle(t.norm) or _adjectival_participle(t.norm) for t in c.rest)


def _form_time(c: _Clause, r: _Rules) -> str:
    """'Kunt u morgen langskomen?' -> 'Wanneer kunt u langskomen?'; 'sinds gisteren' -> 'Sinds wanneer ...?'."""
    found = _time_span(c.rest, r)
    if not found or not c.subject or _perfect(c, r):
        return ""  # "Hebben jullie zaterdag gewonnen?" asks about winning, not about the day
    start, end = found
    span = c.rest[start:end]
    if any(t.norm in r.duration for t in span):
        wh = ["hoe", "lang"]
    elif span[0].norm in r.time_preps:
        wh = [span[0].surface.lower(), "wanneer"]
    else:
        wh = ["wanneer"]
    return _cap([*wh, c.verb_word(r), *c.subject_words(r), *_rest_words(c.rest, r, set(range(start, end)))])


def _form_degree(c: _Clause, r: _Rules) -> str:
    """'Duurt het lang?' -> 'Hoe lang duurt het?'; 'Regende het erg?' -> 'Hoe erg regende het?'."""
    if not c.subject or _perfect(c, r):
        return ""
    words = [i for i, t in enumerate(c.rest) if t.norm not in r.drop]
    if len(words) != 1 or c.rest[words[0]].norm not in r.how_adverbs:
        return ""
    adverb = c.rest[words[0]].norm
    wh = ["hoeveel"] if adverb == "veel" else ["hoe", adverb]
    return _cap([*wh, c.verb_word(r), *c.subject_words(r)])


def _form_which(c: _Clause, r: _Rules) -> str:
    """'Bedoelt u de factuur van maart?' -> 'Welke factuur bedoelt u?'."""
    if c.verb.norm not in r.which_verbs or not c.subject:
        return ""
    for i, t in enumerate(c.rest):
        if t.norm in r.prepositions:
            return ""
        if t.norm in ("de", "het", "die", "deze", "dat", "dit"):
            end = _np_end(c.rest, i, r)
            if end - i < 2:
                return ""
            if end < len(c.rest) and c.rest[end].norm not in r.prepositions:
                return ""  # "de gratis versie": the noun phrase is not read to its end
            noun = c.rest[end - 1]
            which = "welk" if t.norm in ("het", "dat", "dit") else "welke"
            return _cap([which, noun.surface, c.verb_word(r), *c.subject_words(r), *_rest_words(c.rest[:i], r)])
    return ""


def _form_bare_object(c: _Clause, r: _Rules) -> str:
    """'Gebruikt u nu Windows?' -> 'Wat gebruikt u nu?': one object without article becomes 'wat'."""
    verb = c.verb.norm
    if not c.subject or verb not in r.object_verbs:
        return ""
    content = [i for i, t in enumerate(c.rest) if t.norm not in r.drop and t.norm not in r.function_words]
    if len(content) != 1:
        return ""
    tok = c.rest[content[0]]
    norm = tok.norm
    if content[0] == 0 and c.subject[-1].norm in ("je", "jullie"):
        return ""  # "Kwam je broer mee?": 'je broer' is the subject
    if content[0] and c.rest[content[0] - 1].norm in r.determiners or any(t.norm in r.negations for t in c.rest):
        return ""  # "Krijgt u de sms niet?": no bare object
    if (norm in r.not_verbs or norm in r.particles or norm in r.time_words or r.verbish(norm) or _participle(norm)
            or not norm.isalpha() or content[0] and c.rest[content[0] - 1].norm in r.prepositions):
        return ""
    return _cap(["wat", c.verb_word(r), *c.subject_words(r), *_rest_words(c.rest, r, {content[0]})])


def _form_what_kind(c: _Clause, r: _Rules) -> str:
    """'Heeft u al een website?' -> 'Wat voor website heeft u?'."""
    request = c.addressee and c.verb.norm in r.request_modals and _ends_with_infinitive(c.rest, r)
    if not c.subject or request:
        return ""  # "Kunt u een voorbeeld geven?" is a request: 'Wat voor voorbeeld ...?' sounds odd
    if c.verb.norm in r.copulas and c.subject[0].norm in ("het", "dat", "dit", "die") and len(c.subject) == 1:
        return ""  # "Is dat een goede samenvatting?": 'een ...' says what it is, no object
    for i, t in enumerate(c.rest):
        if t.surface.lower() != "een" or i and c.rest[i - 1].norm in r.prepositions:
            continue  # "één keer" is a number
        end = _np_end(c.rest, i, r)
        if end - i < 2 or c.rest[end - 1].norm in r.not_verbs or end < len(c.rest) and c.rest[end].norm == "of":
            return ""
        if any(w.norm in r.time_words for w in c.rest[i:end]):
            continue  # "een dag van tevoren" is a time
        noun = [w.surface for w in c.rest[i + 1 : end]]
        return _cap(["wat", "voor", *noun, c.verb_word(r), *c.subject_words(r), *_rest_words(c.rest, r, set(range(i, end)))])
    return ""


def _form_manner(c: _Clause, r: _Rules) -> str:
    """'Wilt u de factuur per post ontvangen?' -> 'Hoe wilt u de factuur ontvangen?'."""
    rest = c.rest
    end = len(rest)
    while end > 0 and (r.nonfinite(rest[end - 1].norm) or _participle(rest[end - 1].norm)):
        end -= 1
    if not c.subject:
        return ""
    for i in range(end - 1, -1, -1):
        wh = r.answer_preps.get(rest[i].norm)
        if wh:
            if i + 1 >= end or rest[i + 1].norm in _OBJECT_PRONOUNS:
                return ""
            front, _dots, back = wh.partition(" ... ")  # "waar ... vandaan"
            words = _rest_words(rest, r, set(range(i, end)))
            return _cap([front, c.verb_word(r), *c.subject_words(r), *words, back])
        if rest[i].norm in r.prepositions:
            return ""
    return ""


def _form_how(c: _Clause, r: _Rules) -> str:
    """'Werken jullie nu nog met papieren formulieren?' -> 'Hoe werken jullie nu met papieren formulieren?'."""
    verb = c.verb.norm
    rest = c.rest
    judged = verb in r.how_with_evaluative and any(t.norm in r.evaluative for t in rest)  # "Gaat het goed?"
    if not c.subject or verb in r.no_how and not judged or verb in r.copulas:
        return ""
    if any(t.norm in r.negations for t in rest):
        return ""
    if rest and rest[-1].norm in _PARTICLES:
        return ""  # "Staat de printer aan?": 'Hoe staat de printer aan?' says something else
    if verb in r.auxiliaries:
        return ""  # perfect tense or possession: other forms fit better
    if verb in r.modals:
        if not _ends_with_infinitive(rest, r):
            return ""
        request = c.addressee and verb in r.request_modals
        if request and not (len(rest) >= 3 and rest[0].norm == "dat"):
            return ""  # "Kunt u de foto sturen?" is a request, not a question about how
    elif not r.verbish(verb) and verb not in r.how_verbs:
        return ""
    verb_word = r.how_verbs.get(verb) or c.verb_word(r)
    return _cap(["hoe", verb_word, *c.subject_words(r), *_rest_words(rest, r, extra_drop=r.drop_in_how)])


def _form_topic(c: _Clause | None, seg: Sequence[Token], start: int, r: _Rules, address: str) -> str:
    """'Hoe zit het met uw pakket?' (or, when something is wrong, 'Wat is er aan de hand met ...?')."""
    subject_is_addressee = bool(c and c.addressee)
    if c is not None and len(c.subject) == 1 and c.subject[0].norm in ("het", "er", "dat", "dit", "die"):
        start = next((i + 1 for i, t in enumerate(seg) if t is c.subject[0]), start)
    topic = _topic_np(seg, start, r, address, subject_is_addressee)
    if not topic:
        return ""
    problem = any(t.norm in r.negations for t in seg[start:])
    return fill(r.topic_problem_form if problem else r.topic_form, topic=topic)


def _suggest_closed(sent: list[Token], p: int, rule: str, r: _Rules, end: int) -> str:
    """An idiomatic open form of a closed question, built from its verb and object, or ''."""
    seg = sent[:end]
    address = _addressee(sent)
    if p >= len(seg):
        return ""
    c = _clause(seg, p, rule, r, address)
    if rule == "either_or" and c is not None:
        subj_end = p + 1 + len(c.subject)
        of_idx = next((k for k in range(len(seg) - 1, subj_end - 1, -1) if seg[k].norm == "of"), -1)
        if of_idx > subj_end and not c.first_person:
            out = _either_or(seg, p, subj_end, of_idx, r)
            if out:
                return out
        return ""  # 'Hoe zit het met ...?' would pick one of the options
    if c is None:
        return _form_topic(None, seg, p, r, address)
    cut = next((i for i, t in enumerate(c.rest) if i and (t.norm in r.clause_words or t.clause_break)), len(c.rest))
    if 1 < cut < len(c.rest):  # ("Is het goed als ik morgen bel?": the clause after 'goed' is the content)
        c.rest = c.rest[:cut]  # only the first clause: "Belt u terug als de fiets klaar is?"
    if c.first_person:
        if any(t.norm == "dat" for t in c.rest):
            return ""  # "Hoor ik u zeggen dat ...?" checks a summary
        return _form_time(c, r)
    modal_request = c.verb.norm in r.modals and _ends_with_infinitive(c.rest, r)
    forms = (
        _form_copula,
        _form_vinden,
        _form_request,
        _form_pronoun,
        _form_number,
        _form_which,
        _form_frequency,
        _form_degree,
        *((_form_time, _form_what_kind) if modal_request else (_form_what_kind, _form_time)),
        _form_manner,
        _form_bare_object,
        _form_how,
    )
    for form in forms:
        out = form(c, r)
        if out:
            return out
    infinitive = any(r.nonfinite(t.norm) and not _participle(t.norm) for t in c.rest)
    if infinitive and c.addressee and c.verb.norm in r.request_modals:
        return ""  # "Zou u het formulier willen invullen?" is a request: no 'Hoe zit het met ...?'
    start = p + 1 if rule in ("verb_first", "either_or") else p
    return _form_topic(c, seg, start, r, address)


# --- analysis -----------------------------------------------------------------------------


class _Verdict:
    """The verdict on one question; the suggestion is kept as a template so that it can name 'vraag 2'.

    A closed verdict may carry ``make_form``: the open form is then only built when the verdict is shown.
    """

    __slots__ = ("kind", "rule", "spans", "explanation", "open_form", "reason", "sugg", "args", "weak", "make_form")

    def __init__(
        self,
        kind: str,
        rule: str,
        spans: list[tuple[int, int]],
        explanation: str,
        open_form: str = "",
        reason: str = "",
        sugg: str = "",
        args: dict[str, str] | None = None,
        weak: bool = False,
    ) -> None:
        self.kind = kind
        self.rule = rule
        self.spans = spans
        self.explanation = explanation
        self.open_form = open_form
        self.reason = reason
        self.sugg = sugg  # key of a message template ('' for no suggestion)
        self.args = args or {}
        self.weak = weak  # a 'wat ik bedoel ...' clause rather than a question
        self.make_form: Callable[[], str] | None = None

    def finish(self) -> _Verdict:
        """Build the open form (once) for a verdict that will be shown."""
        if self.make_form is not None:
            form, self.make_form = self.make_form(), None
            if form:
                self.open_form, self.sugg, self.args = form, "suggest_open", {"open": form}
        return self

    def suggestion(self, r: _Rules, target: str) -> str:
        if not self.sugg:
            return ""
        return fill(r.msg[self.sugg], target=target, **self.args)


def _closed_with_form(
    rule: str, spans: list[tuple[int, int]], explanation: str, reason: str, make_form: Callable[[], str]
) -> _Verdict:
    verdict = _Verdict("closed", rule, spans, explanation, "", reason, "suggest_generic")
    verdict.make_form = make_form
    return verdict


def _wrapper(sent: list[Token], p: int, r: _Rules) -> tuple[int, int, str, int] | None:
    """Find the question word inside a polite verb-first wrapper ('Kunt u vertellen wat ...')."""
    seen_trigger = sent[p].norm in r.wrapper_words
    last_trigger = p
    for k in range(p + 1, len(sent)):
        norm = sent[k].norm
        if r.is_wrapper_word(norm):
            seen_trigger = True
            last_trigger = k
            continue
        if not seen_trigger or k - last_trigger > 4:
            continue
        wh = _wh_phrase(sent, k, r)
        if wh and (sent[k].norm in r.prepositions or r.wh(sent[k].norm)):
            return wh[0], wh[1], wh[2], last_trigger
    return None


def _either_or_index(tokens: Sequence[Token], start: int, r: _Rules) -> int:
    subordinating = r.subordinating
    for k in range(start + 1, len(tokens) - 1):
        if tokens[k].norm != "of":
            continue
        nxt = tokens[k + 1].norm
        if nxt in ("niet", "wel", "zo", "hoe"):
            continue
        prev = tokens[k - 1].norm
        clause_follows = nxt in r.clause_starts
        if prev in r.pronouns or (prev in subordinating and clause_follows):
            continue
        if r.nonfinite(tokens[k - 1].norm) and nxt in r.clause_starts:
            continue
        return k
    return -1


def _wh_words(tokens: Sequence[Token], word: str, r: _Rules) -> tuple[str, str, Token | None]:
    """(the question word as the student wrote it, the whole question phrase, its token), lower case.

    'Hoeveel telefoontjes' -> ('hoeveel', 'hoeveel telefoontjes'); 'met wie' -> ('wie', 'met wie').
    """
    phrase = _surface(tokens).lower()
    if word == "in hoeverre":
        return "in hoeverre", phrase, tokens[-1] if tokens else None
    for i, tok in enumerate(tokens):
        if tok.norm not in r.prepositions and r.wh(tok.norm):
            if tok.norm == "wat" and i + 1 < len(tokens) and tokens[i + 1].norm == "voor":
                return "wat voor", phrase, tok
            return tok.surface.lower(), phrase, tok
    return phrase, phrase, None


def _spelling_args(tok: Token | None, word: str, r: _Rules) -> dict[str, str] | None:
    """'wrm' -> write 'waarom'; 'wanner' (a typo) -> write 'wanneer'; None when the spelling is fine."""
    if tok is None:
        return None
    norm = tok.norm
    right = r.spelling.get(norm) or (word if norm != word and norm not in r.question_words and " " not in word else "")
    if not right or fold(right) == norm:
        return None
    return {"right": right, "wrong": tok.surface.lower()}


def _indirect(seg: list[Token], p: int, r: _Rules) -> tuple[int, int, str] | None:
    """'Ik ben benieuwd wat ...', 'Ik wil graag weten of ...', 'Vertel eens hoe ...'.

    Returns (index where the lead-in ends, index of the question word / 'of' / 'naar', mode) with mode
    'wh', 'whether' or 'about'; None when the segment is no indirect question.
    """
    n = len(seg)
    imperative = seg[p].norm in r.imperatives and not (p + 1 < n and seg[p + 1].norm in r.pronouns)
    wonder = False
    trigger = p if imperative else -1
    if trigger < 0:
        window = seg[p : min(n, p + 9)]
        if any(t.norm in r.negations for t in window):
            return None  # "Ik weet niet wat u bedoelt" is no question
        wish = False
        for k, tok in enumerate(window, start=p):
            norm = tok.norm
            ask_after_af = norm in r.wonder and any(t.norm == "af" for t in seg[p:k])  # "ik zit me af te vragen"
            wonder = wonder or norm in r.wonder
            if norm in r.curious or norm in r.want_to_know or (wonder and norm == "af") or ask_after_af or norm == "afvragen":
                trigger = k
                break
            wish = wish or norm in r.wish
        if trigger < 0:
            return None
        near = {t.norm for t in seg[p : min(n, trigger + 3)]}  # "Graag hoor ik ...", "Ik hoor graag ..."
        if not near & r.first_person:
            return None
        norm = seg[trigger].norm
        if norm in r.want_to_know and not (wish or near & r.wish):
            return None  # "We weten hoe het werkt" tells, it does not ask
    j = trigger + 1
    while j < n and (seg[j].norm in r.ind_fillers or seg[j].norm in r.first_person) and j - trigger <= 4:
        if seg[j].norm == "af" and not (wonder or imperative):
            break
        wh = _wh_phrase(seg, j, r) if seg[j].norm in r.prepositions else None
        if wh:
            break
        j += 1
    if j >= n:
        return None
    norm = seg[j].norm
    wh = _wh_phrase(seg, j, r)
    if wh and (norm in r.prepositions or r.wh(norm)):
        return j, wh[1], "wh"
    if norm == "of":
        return j, j + 1, "whether"
    if norm in r.ind_about and not imperative and j + 1 < n:
        return j, j + 1, "about"
    return None


def _indirect_verdict(seg: list[Token], p: int, found: tuple[int, int, str], r: _Rules) -> _Verdict:
    m = r.msg
    j, end, mode = found
    lead_tokens = seg[p:j]
    lead = _surface(lead_tokens)
    lead_span = _span(lead_tokens)
    if mode == "whether":
        spans = [lead_span, _span(seg[j:end])]
        return _Verdict(
            "closed", "indirect_whether", spans, fill(m["closed_indirect_whether"], words=lead),
            reason=fill(m["reason_indirect_whether"], words=lead), sugg="suggest_whether",
        )
    if mode == "about":
        shown = seg[p:] if len(seg) - p <= 10 else seg[p : j + 1]
        words = _surface(shown)
        return _Verdict(
            "open", "indirect", [_span(seg[p : j + 1])], fill(m["open_indirect_about"], words=words),
            reason=fill(m["reason_indirect"], words=_surface(seg[p : j + 1])),
        )
    wh = _wh_phrase(seg, j, r)
    wh_tokens = seg[j : wh[1]] if wh else seg[j:end]
    word, _phrase, tok = _wh_words(wh_tokens, wh[2] if wh else "", r)
    spans = [lead_span, _span(wh_tokens[:3])]
    sugg, args = "", {}
    spelling = _spelling_args(tok, wh[2] if wh else "", r)
    if spelling:
        sugg, args = "suggest_spelling", spelling
    return _Verdict(
        "open", "indirect", spans, fill(m["open_indirect"], words=lead, word=word),
        reason=fill(m["reason_indirect"], words=f"{lead} {word}"), sugg=sugg, args=args,
    )


def _late_question_word(tokens: list[Token], question_mark: bool, r: _Rules) -> tuple[int, int, str] | None:
    """'de deadline is wanneer precies', 'en dat was wanneer?': a question word at the end carries the question."""
    n = len(tokens)
    j = n
    while j > 0 and tokens[j - 1].norm in r.trailing_fillers and n - j < 3:
        j -= 1
    for s in range(max(1, j - 3), j):
        wh = _wh_phrase(tokens, s, r)
        if not wh or wh[1] < j:
            continue
        start, end, word = wh
        end = min(end, j)  # "hoeveel ongeveer": the filler is no noun of 'hoeveel'
        wh = (start, end, word)
        q = next((k for k in range(start, end) if tokens[k].norm not in r.prepositions), start)
        norm = tokens[q].norm
        strong = norm in r.late_wh or word in r.late_wh or end - q > 1
        if not strong and not (question_mark and word in r.late_wh_mark):
            continue
        if word == "waar" and start and tokens[start - 1].norm in r.copulas:
            return None  # "dat is waar?": 'waar' means 'true'
        before = tokens[:start]
        if any(t.norm in r.not_before_late for t in before):
            return None
        if not any(t.norm in r.finite or t.norm in r.past or r.verbish(t.norm) for t in before):
            return None
        return wh
    return None


def _analyse(text: str, sent: Sentence, r: _Rules) -> _Verdict:
    tokens = sent.tokens
    m = r.msg
    tag = _find_tag(tokens, r)
    body = tokens[: tag[0]] if tag else tokens
    segs = _segments(body) if body else []
    lead_tokens: list[Token] = []
    pending_sub = False
    statement_at: tuple[list[Token], int] | None = None
    for si, seg in enumerate(segs):
        p = _skip_lead_ins(seg, 0, r)
        if p >= len(seg):
            lead_tokens.extend(seg)
            continue
        if _exclamation(seg, p, r):
            lead_tokens.extend(seg)
            continue
        wh = _wh_phrase(seg, p, r)
        if wh:
            start, end, word = wh
            nxt = seg[end].norm if end < len(seg) else ""
            subordinate = nxt in r.pronouns or nxt in r.determiners and nxt not in ("die", "dat", "deze", "dit")
            if subordinate and si + 1 < len(segs) and not (tag and not tag[1]):
                pending_sub = True
                lead_tokens.extend(seg)
                continue
            if tag and tag[1]:
                return _tag_verdict(tokens, tag, r, seg, p)
            verdict = _open_verdict(text, tokens, seg, p, wh, lead_tokens, si, r)
            verdict.weak = subordinate
            return verdict
        if not tag:
            found = _indirect(seg, p, r)
            if found:
                return _indirect_verdict(seg, p, found, r)
        if seg[p].norm in r.imperatives and si + 1 < len(segs) and all(t.norm in r.ind_fillers for t in seg[p + 1 :]):
            lead_tokens.extend(seg)  # "Zeg eens, hoe gaat het?": the question follows
            continue
        if pending_sub and _verb_first(seg, p, r):
            return _closed_verb_first(text, tokens, seg, p, r, tag)
        norm = seg[p].norm
        if norm in r.invitation and not (p + 1 < len(seg) and seg[p + 1].norm in r.pronouns):
            span = [(seg[p].start, seg[p].end)]
            return _Verdict(
                "open", "invitation", span, fill(m["open_invitation"], words=seg[p].surface),
                reason=fill(m["reason_invitation"], words=seg[p].surface),
            )
        if _verb_first(seg, p, r):
            if tag:
                return _tag_verdict(tokens, tag, r, seg, p)
            return _closed_verb_first(text, tokens, seg, p, r, tag)
        if norm in r.subordinators or norm in r.ambiguous_sub:
            for k in range(p + 1, len(seg) - 1):
                inner = _wh_phrase(seg, k, r)
                if inner and r.verbish(seg[inner[1]].norm if inner[1] < len(seg) else ""):
                    return _open_verdict(text, tokens, seg, k, inner, seg[:k], si, r)
            lead_tokens.extend(seg)
            continue
        if statement_at is None:
            statement_at = (seg, p)
        lead_tokens.extend(seg)
    if tag:
        seg, p = statement_at if statement_at else (body or tokens, 0)
        return _tag_verdict(tokens, tag, r, seg, p)
    late = _late_question_word(tokens, sent.question, r)
    if late:
        start, end, word = late
        wh_tokens = tokens[start:end]
        shown, _phrase, _tok = _wh_words(wh_tokens, word, r)
        return _Verdict(
            "open", "question_word", [_span(wh_tokens)], fill(m["open_late_question_word"], word=shown),
            reason=fill(m["reason_question_word"], word=shown),
        )
    seg, p = statement_at if statement_at else (tokens, _skip_lead_ins(tokens, 0, r))
    p = min(p, len(seg) - 1)
    first = seg[p : p + 2]
    if seg[p].norm in r.determiners and p + 2 < len(seg):
        first = seg[p : _np_end(seg, p, r) + 1]
    spans = [_span(first)]
    def form() -> str:
        return _suggest_closed(seg, p, "statement", r, len(seg))

    reason = m["reason_statement"]
    if sent.question:
        return _closed_with_form("statement", spans, fill(m["closed_statement"], words=_surface(first)), reason, form)
    return _closed_with_form("statement", spans, m["closed_no_question"], reason, form)


def _open_verdict(
    text: str,
    tokens: list[Token],
    seg: list[Token],
    p: int,
    wh: tuple[int, int, str],
    lead_tokens: list[Token],
    si: int,
    r: _Rules,
) -> _Verdict:
    m = r.msg
    start, end, word = wh
    wh_tokens = seg[start:end]
    shown, phrase, tok = _wh_words(wh_tokens, word, r)
    span_tokens = wh_tokens[:3]
    spans = [_span(span_tokens)]
    leading = lead_tokens + seg[:start]
    if leading and (si > 0 or seg[:start]):
        if len(leading) > 5:
            explanation = fill(m["open_after_long_clause"], word=shown)
        else:
            lead = " ".join(text[leading[0].start : leading[-1].end].split()).replace(" ,", ",")
            key = "open_after_lead_in" if all(t.norm in r.lead_ins for t in leading) else "open_after_clause"
            explanation = fill(m[key], lead=lead, word=shown)
    elif phrase != shown:
        explanation = fill(m["open_question_phrase"], phrase=phrase, word=shown)
    else:
        explanation = fill(m["open_question_word"], word=shown)
    # Options offered after the question word ("Welke kleur wilt u, rood of blauw?") only help: still open.
    seg_index = next((i for i, t in enumerate(tokens) if t is seg[0]), 0)
    after = tokens[seg_index + len(seg) :]
    options: list[Token] = []
    for later in _segments(after) if after else ():
        if any(t.norm == "of" for t in later) and len(later) <= 8 and not any(t.norm in r.finite for t in later):
            options = later
            break
    reason = fill(m["reason_question_word"], word=shown)
    if word == "waarom":
        soft = _soft_why(seg[end:], r)
        if soft:
            verdict = _Verdict("open", "question_word", spans, explanation, soft, reason, "suggest_why", {"open": soft})
        else:
            verdict = _Verdict("open", "question_word", spans, explanation, "", reason, "suggest_why_generic")
    else:
        spelling = _spelling_args(tok, word, r)
        sugg = "suggest_spelling" if spelling else ""
        verdict = _Verdict("open", "question_word", spans, explanation, "", reason, sugg, spelling)
    if options:
        _add_options(verdict, options, r, text[seg[0].start : seg[-1].end])
    return verdict


def _quote_tokens(tokens: Sequence[Token], longest: int = 8) -> str:
    """The tokens as written when they are few; else only the first one (a quote is never cut mid-clause)."""
    return _surface(tokens) if len(tokens) <= longest else tokens[0].surface


def _closed_verb_first(
    text: str, tokens: list[Token], seg: list[Token], p: int, r: _Rules, tag: tuple[int, bool] | None
) -> _Verdict:
    m = r.msg
    seg_index = next((i for i, t in enumerate(tokens) if t is seg[0]), 0)
    q = seg_index + p
    body = tokens[: tag[0]] if tag else tokens
    verb = tokens[q]
    wrap = _wrapper(body, q, r)
    if wrap:
        ws, we, word, trigger = wrap
        wh_tokens = body[ws:we]
        wrapper_tokens = body[q : max(trigger, q + 1) + 1]
        wrapper = _quote_tokens(wrapper_tokens)
        shown, _phrase, _tok = _wh_words(wh_tokens, word, r)
        spans = [_span(wrapper_tokens[:8]), _span(wh_tokens)]
        lead_prep = 1 if body[ws].norm in r.prepositions and body[ws].norm == "over" else 0
        open_form = _main_clause(wh_tokens[lead_prep:], body[we:], r)
        explanation = fill(m["closed_wrapper"], wrapper=wrapper, word=shown)
        reason = fill(m["reason_polite_wrapper"], wrapper=wrapper, word=shown)
        if open_form:
            return _Verdict("closed", "polite_wrapper", spans, explanation, open_form, reason, "suggest_wrapper",
                            {"open": open_form, "wrapper": wrapper})
        return _Verdict("closed", "polite_wrapper", spans, explanation, "", reason, "suggest_wrapper_generic",
                        {"word": shown, "wrapper": wrapper})
    of_idx = _either_or_index(body, q, r)
    if of_idx > 0:
        spans = [(body[of_idx].start, body[of_idx].end), (verb.start, verb.end)]
        of_word = body[of_idx].surface
        return _closed_with_form("either_or", spans, fill(m["closed_either_or"], words=of_word),
                                 fill(m["reason_either_or"], words=of_word),
                                 lambda: _suggest_closed(body, q, "either_or", r, len(body)))
    verdict = _closed_with_form("verb_first", [(verb.start, verb.end)], fill(m["closed_verb_first"], words=verb.surface),
                                fill(m["reason_verb_first"], words=verb.surface),
                                lambda: _suggest_closed(body, q, "verb_first", r, len(body)))
    # "Neem gerust de tijd." starts with a verb too, but no subject follows: a remark, not a question
    verdict.weak = not (q + 1 < len(body) and body[q + 1].norm in r.pronouns)
    return verdict


def _tag_verdict(tokens: list[Token], tag: tuple[int, bool], r: _Rules, seg: list[Token], p: int) -> _Verdict:
    m = r.msg
    tag_tokens = tokens[tag[0] :]
    spans = [_span(tag_tokens)]
    body = tokens[: tag[0]]
    q = next((i for i, t in enumerate(body) if seg and p < len(seg) and t is seg[p]), 0)
    rule = "verb_first" if body and q < len(body) and _verb_first(body, q, r) else "statement"
    words = _surface(tag_tokens)
    return _closed_with_form("tag", spans, fill(m["closed_tag"], words=words), fill(m["reason_tag"], words=words),
                             lambda: _suggest_closed(body, q, rule, r, len(body)) if body else "")


def _looks_like_question(sent: Sentence, r: _Rules) -> bool:
    toks = sent.tokens
    p = _skip_lead_ins(toks, 0, r)
    if p >= len(toks):
        return False
    return bool(_wh_phrase(toks, p, r)) or _verb_first(toks, p, r)


def _pick_sentence(sents: list[Sentence], r: _Rules) -> Sentence:
    """The sentence to judge: the last one that ends with '?' or starts like a question."""
    for s in reversed(sents):
        if s.question or _looks_like_question(s, r):
            return s
    return sents[-1]


# --- input that is no Dutch question yet ----------------------------------------------------


def looks_english(words: Sequence[Token], english: frozenset[str] | None = None) -> list[Token]:
    """The English function words of ``words`` when most of the text is English, else [].

    A Dutch sentence with one English (IT) word stays Dutch: at least two English words are needed, and
    they must make up at least half of the words.
    """
    english = _rules().english if english is None else english
    found = [t for t in words if t.norm in english]
    if len(found) >= 2 and 2 * len(found) >= len(words):
        return found
    return []


def _request(raw: str, rule: str, r: _Rules, spans: Sequence[tuple[int, int]] = (), **values: str) -> QuestionResult:
    """A request to write a (Dutch) question instead of a verdict, never praised as open (kind 'closed', except
    a lone question word, which is open in form)."""
    m = r.msg
    next_key = f"{rule}_next"
    if rule == "too_short" and values.get("question_word"):
        next_key = "too_short_next_question_word"
    key = "too_short_long_word" if values.get("long") else rule  # a 'word' of 5,000 letters is not quoted
    return QuestionResult(
        text=raw,
        # a lone question word ("Hoezo?", "Waarom?") is an open question, but too short to praise
        kind="open" if rule == "too_short" and values.get("question_word") else "closed",
        explanation=fill(m[key], **values),
        suggestion=fill(m[next_key], **values),
        spans=tuple(spans),
        rule=rule,
    )


def _no_question(raw: str, clean: str, tokens: list[Token], r: _Rules) -> QuestionResult | None:
    if not tokens:
        return _request(raw, "no_words" if clean.strip() else "empty", r)
    words = [t for t in tokens if t.norm.isalpha() or not t.norm.isdigit() and any(c.isalpha() for c in t.norm)]
    if not words:
        return _request(raw, "no_words", r)
    english = looks_english(words, r.english)
    if english:
        shown = []
        for t in english:
            if t.norm not in {fold(w) for w in shown}:
                shown.append(t.surface)
            if len(shown) == 3:
                break
        quoted = ", ".join(f"'{w}'" for w in shown)
        return _request(raw, "not_dutch", r, [(t.start, t.end) for t in english[:3]], words=quoted)
    if len(words) == 1:
        word = words[0]
        if len(word.surface) > 30:
            return _request(raw, "too_short", r, [(word.start, word.end)], word="", question_word="", long="1")
        is_wh = bool(r.wh(word.norm))
        return _request(raw, "too_short", r, [(word.start, word.end)], word=word.surface,
                        question_word=word.surface.lower() if is_wh else "")
    return None


# --- several questions --------------------------------------------------------------------


def _sentence_ends(clean: str, tokens: list[Token], sents: list[Sentence]) -> list[str]:
    """The punctuation after each sentence ('?', '.', '!', a line break or '' at the end)."""
    ends = [sents[i + 1].tokens[0].pre for i in range(len(sents) - 1)]
    ends.append(trailing_punct(clean, tokens))
    return ends


_STRONG_RULES = frozenset({"question_word", "indirect", "indirect_whether", "invitation", "polite_wrapper", "verb_first"})


def _is_part(sent: Sentence, end: str, verdict: _Verdict, r: _Rules) -> bool:
    """Whether ``sent`` is one of the questions of the text (not a remark such as 'Ik begrijp het.')."""
    if verdict.rule in ("indirect", "indirect_whether", "invitation"):
        return True
    if sent.question:
        if verdict.rule != "statement":
            return True
        toks = sent.tokens
        has_verb = any(t.norm in r.finite or t.norm in r.past or r.verbish(t.norm) for t in toks)
        return has_verb and len(toks) >= 3  # "U heeft de mail ontvangen?" yes, "En toen?" no
    if "." in end or "!" in end:
        return verdict.rule in _STRONG_RULES and not verdict.weak
    return verdict.rule != "statement"


#: Words after 'of' that make an example vague instead of a choice ('of zo', 'of zoiets', 'of iets dergelijks').
_HEDGES = frozenset({"zo", "zoiets", "iets", "dergelijks", "wat"})


def _options_only(sent: Sentence, r: _Rules) -> bool:
    """'Met pin of contant?': a few options without a verb, offered after a question."""
    toks = sent.tokens
    return (
        sent.question
        and len(toks) <= 8
        and any(t.norm == "of" for t in toks)
        and not any(t.norm in r.finite or t.norm in r.past or t.norm in r.pronouns for t in toks)
    )


def _add_options(verdict: _Verdict, options: Sequence[Token], r: _Rules, question: str = "") -> None:
    """A question word followed by the options to choose from ("Welke kleur, rood of blauw?"): the customer
    can answer by picking one, so the question is closed (taaldata rule); the open form drops the options."""
    of = next((t for t in options if t.norm == "of"), None)
    if of is None or "{" in verdict.explanation:
        return
    after = [t.norm for t in options[options.index(of) + 1:]]
    if after and after[0] in _HEDGES and len(after) <= 2:
        return  # 'een berichtje of zo?': an example with a hedge, no choice to pick from
    word = verdict.args.get("word") or ""
    shown = _surface(options).strip(" ,:?")
    verdict.kind, verdict.rule = "closed", "either_or"
    verdict.explanation = fill(r.msg["closed_options"], options=shown)
    verdict.reason = fill(r.msg["reason_options"], options=shown)
    verdict.spans.append((of.start, of.end))
    question = " ".join(question.split()).rstrip(" ,:?")
    if question:
        verdict.open_form = question + "?"
        verdict.sugg, verdict.args = "suggest_drop_options", {"open": verdict.open_form, "word": word}
    else:
        verdict.sugg, verdict.args = "", {}


def _result(raw: str, sent: Sentence, verdict: _Verdict, r: _Rules, target: str, parts: tuple[QuestionResult, ...] = ()) -> QuestionResult:
    verdict.finish()
    return QuestionResult(
        text=raw,
        kind=verdict.kind,
        explanation=verdict.explanation,
        suggestion=verdict.suggestion(r, target),
        spans=tuple(sorted(set(verdict.spans))),
        rule=verdict.rule,
        question=(sent.start, sent.end),
        open_form=verdict.open_form,
        parts=parts,
    )


def _combine(raw: str, judged: list[tuple[Sentence, _Verdict]], r: _Rules) -> QuestionResult:
    """One result for several questions: open only when every question is open."""
    m = r.msg
    single = m["target_single"]
    # every question counts for the verdict; a result with an open form is made for the first ones only
    parts = tuple(_result(raw, s, v, r, single) for s, v in judged[:_MAX_PARTS])
    closed = [i for i, (_s, v) in enumerate(judged) if v.kind != "open"]
    lines = [fill(m["several"], count=len(judged))]
    for number, (_s, v) in enumerate(judged[:_MAX_LISTED_PARTS], start=1):
        lines.append(fill(m["several_item"], number=number, reason=v.reason))
    more = len(judged) - _MAX_LISTED_PARTS
    if more > 0:
        lines.append(fill(m["several_more_one" if more == 1 else "several_more"], count=more))
    lines.append(m["several_not_all_open"] if closed else m["several_all_open"])
    if closed:
        index = closed[0]
        suggestion = judged[index][1].finish().suggestion(r, fill(m["target_part"], number=index + 1))
    else:
        index = next((i for i, (_s, v) in enumerate(judged[:_MAX_PARTS]) if v.sugg), -1)
        if index >= 0:
            suggestion = judged[index][1].suggestion(r, fill(m["target_part"], number=index + 1))
        else:
            index, suggestion = 0, m["suggest_one_at_a_time"]
    lead = judged[index][1].finish()
    spans = tuple(sorted({span for _s, v in judged for span in v.spans}))
    return QuestionResult(
        text=raw,
        kind="closed" if closed else "open",
        explanation=" ".join(lines),
        suggestion=suggestion,
        spans=spans,
        rule=lead.rule,
        question=(judged[0][0].start, judged[-1][0].end),
        open_form=lead.open_form,
        parts=parts,
    )


def question_kind(text: str) -> QuestionResult:
    """Classify ``text`` as an open or closed question, with a Dutch explanation and suggestion.

    Lead-ins ("Oké, en ..."), prepositions ("Met wie ..."), indirect questions ("Ik ben benieuwd wat ..."),
    a question word at the end ("en dat was wanneer?"), chat spellings ("watvoor", "wrm"), tag questions,
    either/or questions, polite wrappers and missing question marks are handled. Several questions are each
    judged (see ``parts``); the whole is open only when every question is open. Input that is no Dutch
    question yet (empty, emoji, one word, English) gets a request instead of a verdict (kind "closed").
    Only the first 5,000 characters are read; the explanation then says so first.
    """
    raw, was_cut = limit(text)
    clean = clean_text(raw)
    return classify_tokens(raw, clean, tokenize(clean), was_cut=was_cut)


def classify_tokens(raw: str, clean: str, tokens: list[Token], *, was_cut: bool = False) -> QuestionResult:
    """question_kind for text that is already cleaned and tokenised (saves work for the LSD helpers).

    ``was_cut`` tells that the text was cut to the input limit: the explanation then starts with that message.
    """
    r = _rules()
    result = _classify(raw, clean, tokens, r)
    if was_cut:
        note = fill(data("common")["messages"]["too_long"], max=f"{MAX_INPUT:,}".replace(",", "."))
        result = replace(result, explanation=f"{note} {result.explanation}")
    return result


def _classify(raw: str, clean: str, tokens: list[Token], r: _Rules) -> QuestionResult:
    request = _no_question(raw, clean, tokens, r)
    if request is not None:
        return request
    sents = sentences(clean, tokens)
    judged: list[tuple[Sentence, _Verdict]] = []
    for sent, end in zip(sents, _sentence_ends(clean, tokens, sents), strict=True):
        verdict = _analyse(clean, sent, r)
        if judged and verdict.rule == "statement" and judged[-1][1].kind == "open" and _options_only(sent, r):
            question = judged[-1][0]
            _add_options(judged[-1][1], sent.tokens, r, clean[question.start : question.end])  # "Hoe ...? Met pin of contant?"
        elif _is_part(sent, end, verdict, r):
            judged.append((sent, verdict))
    target = r.msg["target_single"]
    if not judged:
        sent = _pick_sentence(sents, r)
        judged = [(sent, _analyse(clean, sent, r))]
    if len(judged) == 1:
        part = _result(raw, *judged[0], r, target)
        return QuestionResult(part.text, part.kind, part.explanation, part.suggestion, part.spans, part.rule,
                              part.question, part.open_form, (part,))
    return _combine(raw, judged, r)
