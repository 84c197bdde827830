"""Open or closed? Classifies a student's question and explains which words decided it."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from .normalize import Sentence, Token, clean_text, fold, sentences, tokenize, within_one_edit
from .results import QuestionResult
from .rules import data, fill, word_set

__all__ = ["question_kind"]

_PARTICLES = ("mis", "af", "op", "uit", "aan", "terug", "mee", "weg", "door", "na", "toe", "langs", "bij", "in")
_PAST_SUFFIXES = ("de", "te", "den", "ten")
_CACHE_LIMIT = 20_000
_LOOSE_DETERMINERS = frozenset({"een", "geen", "uw", "je", "jouw", "mijn", "ons", "zijn", "haar", "hun", "elk", "ieder", "welk", "zo'n"})


class _Rules:
    """The question rules from data/questions.yaml and data/common.yaml, compiled once."""

    def __init__(self) -> None:
        q = data("questions")
        c = data("common")
        self.question_words = word_set(q.get("question_words"))
        self.followers = {k: word_set(v) for k, v in (q.get("question_word_followers") or {}).items()}
        self.fuzzy_min = int(q.get("fuzzy_min_length", 5))
        self.fuzzy_exclude = word_set(q.get("fuzzy_exclude"))
        self.fuzzy_targets = tuple(w for w in self.question_words if len(w) >= self.fuzzy_min)
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
            return norm
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
    if word in ("welke", "welk", "hoeveel", "hoeveelste", "wiens") or (word == "wat" and end > q + 1):
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
    b_end = n  # a verb after the options stays in the question: "per post of per mail ontvangen"
    while b_end - 1 > b and (r.nonfinite(seg[b_end - 1].norm) or _participle(seg[b_end - 1].norm)):
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
    if not wh:
        return ""
    verb = seg[p].surface.lower()
    middle = [t.surface for t in seg[subj_end:a] if t.norm not in r.drop]
    tail = [t.surface for t in seg[b_end:n] if t.norm not in r.drop]
    subject = [t.surface for t in seg[p + 1 : subj_end]]
    return _cap([wh, verb, *subject, *middle, *tail])


def _suggest_closed(sent: list[Token], p: int, rule: str, r: _Rules, end: int) -> str:
    """An open form of a closed question, or ''."""
    seg = sent[:end]
    address = _addressee(sent)
    if p >= len(seg):
        return ""
    if rule in ("verb_first", "either_or"):
        subj_end = _np_end(seg, p + 1, r)
        subj_norm = seg[p + 1].norm if p + 1 < len(seg) else ""
        subject_is_addressee = subj_norm in ("u", "je", "jij", "jullie")
        if subj_norm in ("ik", "we", "wij"):
            return ""
        if rule == "either_or":
            of_idx = next((k for k in range(len(seg) - 1, subj_end - 1, -1) if seg[k].norm == "of"), -1)
            if of_idx > subj_end:
                out = _either_or(seg, p, subj_end, of_idx, r)
                if out:
                    return out
        verb = seg[p].norm
        if verb in ("vind", "vindt", "vond", "vonden") and "vinden" in r.verb_templates:
            topic = _topic_np(seg, subj_end, r, address, False)
            if topic and subj_end > p + 1:
                return fill(
                    r.verb_templates["vinden"],
                    verb=seg[p].surface.lower(),
                    subject=" ".join(t.surface for t in seg[p + 1 : subj_end]),
                    topic=topic,
                ).capitalize()
        if verb in r.copulas and p + 1 < len(seg) and seg[p + 1].norm in ("het", "er", "dat", "dit"):
            subj_end = p + 2
        if verb in r.copulas and subj_end < len(seg) and subj_end > p + 1:
            adj = seg[subj_end]
            after = seg[subj_end + 1].norm if subj_end + 1 < len(seg) else ""
            plain = adj.norm not in r.not_adjectives
            plain = plain and (adj.norm not in r.function_words or adj.norm in r.exclamation)
            if plain and adj.norm not in ("er", "het", "niet", "geen", "nooit") and not _participle(adj.norm) and (not after or after in r.prepositions):
                rest = [t.surface for t in seg[subj_end + 1 :] if t.norm not in r.drop]
                subject = [t.surface for t in seg[p + 1 : subj_end]]
                return _cap(["hoe", adj.surface.lower(), seg[p].surface.lower(), *subject, *rest])
        topic = _topic_np(seg, p + 1, r, address, subject_is_addressee)
    else:
        first = seg[p].norm if p < len(seg) else ""
        topic = _topic_np(seg, p, r, address, first in ("u", "je", "jij", "jullie"))
    if topic:
        return fill(r.msg[f"tell_me_{address}"], topic=topic)
    return ""


# --- analysis -----------------------------------------------------------------------------


class _Verdict:
    __slots__ = ("kind", "rule", "spans", "explanation", "suggestion", "open_form")

    def __init__(
        self,
        kind: str,
        rule: str,
        spans: list[tuple[int, int]],
        explanation: str,
        suggestion: str = "",
        open_form: str = "",
    ) -> None:
        self.kind = kind
        self.rule = rule
        self.spans = spans
        self.explanation = explanation
        self.suggestion = suggestion
        self.open_form = open_form


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
            return _open_verdict(text, tokens, seg, p, wh, lead_tokens, si, r)
        if pending_sub and _verb_first(seg, p, r):
            return _closed_verb_first(text, tokens, seg, p, r, tag)
        norm = seg[p].norm
        if norm in r.invitation and not (p + 1 < len(seg) and seg[p + 1].norm in r.pronouns):
            span = [(seg[p].start, seg[p].end)]
            return _Verdict("open", "invitation", span, fill(m["open_invitation"], words=seg[p].surface))
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
    seg, p = statement_at if statement_at else (tokens, _skip_lead_ins(tokens, 0, r))
    p = min(p, len(seg) - 1)
    first = seg[p : p + 2]
    if seg[p].norm in r.determiners and p + 2 < len(seg):
        first = seg[p : _np_end(seg, p, r) + 1]
    spans = [_span(first)]
    suggestion = _suggest_closed(seg, p, "statement", r, len(seg))
    sugg = fill(m["suggest_open"], open=suggestion) if suggestion else m["suggest_generic"]
    if sent.question:
        return _Verdict("closed", "statement", spans, fill(m["closed_statement"], words=_surface(first)), sugg, suggestion)
    return _Verdict("closed", "statement", spans, m["closed_no_question"], sugg, suggestion)


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
    # A choice offered after the question word ("Welke kleur, rood of blauw?") makes it closed.
    seg_index = next((i for i, t in enumerate(tokens) if t is seg[0]), 0)
    after = tokens[seg_index + len(seg) :]
    if after:
        for later in _segments(after):
            has_of = [t for t in later if t.norm == "of"]
            if has_of and len(later) <= 8 and not any(t.norm in r.finite for t in later):
                spans = [(has_of[0].start, has_of[0].end)]
                return _Verdict("closed", "either_or", spans, fill(m["closed_either_or"], words="of"), m["suggest_generic"])
    words = _surface(wh_tokens)
    span_tokens = wh_tokens
    if len(span_tokens) > 3:
        span_tokens = span_tokens[:3]
    spans = [_span(span_tokens)]
    leading = lead_tokens + seg[:start]
    if leading and (si > 0 or seg[:start]):
        shown = leading[:5]
        lead = " ".join(text[shown[0].start : shown[-1].end].split()).replace(" ,", ",") + (" ..." if len(leading) > 5 else "")
        key = "open_after_lead_in" if all(t.norm in r.lead_ins for t in leading) else "open_after_clause"
        explanation = fill(m[key], lead=lead, words=words.lower())
    else:
        explanation = fill(m["open_question_word"], words=words.lower())
    suggestion = soft = ""
    if word == "waarom":
        soft = _soft_why(seg[end:], r)
        suggestion = fill(m["suggest_why"], open=soft) if soft else m["suggest_why_generic"]
    return _Verdict("open", "question_word", spans, explanation, suggestion, soft)


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
        spans = [_span(wrapper_tokens[:5]), _span(wh_tokens)]
        lead_prep = 1 if body[ws].norm in r.prepositions and body[ws].norm == "over" else 0
        open_form = _main_clause(wh_tokens[lead_prep:], body[we:], r)
        if open_form:
            sugg = fill(m["suggest_wrapper"], open=open_form)
        else:
            sugg = fill(m["suggest_wrapper_generic"], words=_surface(wh_tokens).lower())
        explanation = fill(m["closed_wrapper"], wrapper=_surface(wrapper_tokens[:5]), words=_surface(wh_tokens).lower())
        return _Verdict("closed", "polite_wrapper", spans, explanation, sugg, open_form)
    of_idx = _either_or_index(body, q, r)
    if of_idx > 0:
        spans = [(body[of_idx].start, body[of_idx].end), (verb.start, verb.end)]
        suggestion = _suggest_closed(body, q, "either_or", r, len(body))
        sugg = fill(m["suggest_open"], open=suggestion) if suggestion else m["suggest_generic"]
        return _Verdict("closed", "either_or", spans, fill(m["closed_either_or"], words=body[of_idx].surface), sugg, suggestion)
    spans = [(verb.start, verb.end)]
    suggestion = _suggest_closed(body, q, "verb_first", r, len(body))
    sugg = fill(m["suggest_open"], open=suggestion) if suggestion else m["suggest_generic"]
    return _Verdict("closed", "verb_first", spans, fill(m["closed_verb_first"], words=verb.surface), sugg, suggestion)


def _tag_verdict(tokens: list[Token], tag: tuple[int, bool], r: _Rules, seg: list[Token], p: int) -> _Verdict:
    m = r.msg
    tag_tokens = tokens[tag[0] :]
    spans = [_span(tag_tokens)]
    body = tokens[: tag[0]]
    q = next((i for i, t in enumerate(body) if seg and p < len(seg) and t is seg[p]), 0)
    rule = "verb_first" if body and q < len(body) and _verb_first(body, q, r) else "statement"
    suggestion = _suggest_closed(body, q, rule, r, len(body)) if body else ""
    sugg = fill(m["suggest_open"], open=suggestion) if suggestion else m["suggest_generic"]
    return _Verdict("closed", "tag", spans, fill(m["closed_tag"], words=_surface(tag_tokens)), sugg, suggestion)


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


def question_kind(text: str) -> QuestionResult:
    """Classify ``text`` as an open or closed question, with a Dutch explanation and suggestion.

    Lead-ins ("Oké, en ..."), prepositions ("Met wie ..."), several sentences, tag questions,
    either/or questions, polite wrappers and missing question marks are handled.
    """
    raw = text if isinstance(text, str) else ("" if text is None else str(text))
    clean = clean_text(raw)
    return classify_tokens(raw, clean, tokenize(clean))


def classify_tokens(raw: str, clean: str, tokens: list[Token]) -> QuestionResult:
    """question_kind for text that is already cleaned and tokenised (saves work for the LSD helpers)."""
    r = _rules()
    if not tokens:
        return QuestionResult(raw, "closed", r.msg["empty"], "", (), "empty", (0, 0), "")
    sent = _pick_sentence(sentences(clean, tokens), r)
    verdict = _analyse(clean, sent, r)
    return QuestionResult(
        text=raw,
        kind=verdict.kind,
        explanation=verdict.explanation,
        suggestion=verdict.suggestion,
        spans=tuple(sorted(set(verdict.spans))),
        rule=verdict.rule,
        question=(sent.start, sent.end),
        open_form=verdict.open_form,
    )
