"""What a summary or follow-up question MEANS compared with the customer's story (the S and D of LSD).

Everything here is measured on words, with the word lists and patterns of ``data/lsd.yaml``:

* topic: which content words of the answer come from the story (same stem, a compound part, a
  synonym group), so a paraphrase counts and an answer about something else does not;
* judging: a verdict about the customer ("dat is onhandig van u", "u bent gewoon slordig");
* advice: a solution the customer did not bring up; "u moet ..." that mirrors the customer's own
  "ik moet ..." is no advice;
* opposite: the summary says the problem the other way round (an all-is-well word, an opposite word
  pair, plenty of what the customer lacks, or a verb the customer negated that the summary affirms);
* parroting: long runs of the customer's own words (pronouns and verb endings shifted);
* missing core: no problem, wish, feeling or cause at all, or the customer's explicit wish left out.

All work is linear in the length of the texts; the analysis of one story is cached.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from functools import cache, lru_cache

from .normalize import Token, clean_text, stem, tokenize
from .rules import Pattern, PatternSet, data, word_set

__all__ = ["Story", "SummaryMeaning", "clause_text", "judge_summary", "missed_problem", "separable", "story", "too_much", "vague_phrase"]

_CUSTOMER = frozenset({"u", "je", "jij", "jullie", "uw", "jouw"})
#: The customer as the one who must do something ('u moet', 'moeten jullie'); 'uw planners' are someone else.
_CUSTOMER_SUBJECT = _CUSTOMER - {"uw", "jouw"}
_SPLIT_WORDS = frozenset({"en", "maar", "want", "omdat", "doordat", "zodat", "waardoor", "terwijl"})
_DETERMINERS = frozenset({"de", "het", "een", "die", "deze", "dit", "dat", "uw", "hun", "mijn", "onze", "ons", "je", "jouw",
                          "zijn", "haar", "elke", "ieder", "iedere", "alle", "geen", "veel", "weinig", "welke", "zo'n"})
_PRONOUN_KEYS = {"ik": "P", "u": "P", "je": "P", "jij": "P", "we": "P2", "wij": "P2", "mijn": "PP", "uw": "PP",
                 "jouw": "PP", "onze": "PP2", "ons": "PP2", "jullie": "P2", "me": "PO", "mij": "PO"}
_VERB_KEYS = {"ben": "BE", "bent": "BE", "is": "BE", "heb": "HEB", "hebt": "HEB", "heeft": "HEB", "kan": "KAN",
              "kun": "KAN", "kunt": "KAN", "wil": "WIL", "wilt": "WIL", "moet": "MOET", "zal": "ZAL", "zult": "ZAL"}
_MAX_TOKENS = 1200  # a story or answer is cut at the input limit; this bounds the token work as well
_MAX_CLAUSE = 30  # words; a longer run without punctuation or conjunction is cut into pieces


class _Config:
    """The word lists and patterns of data/lsd.yaml (and shared lists), compiled once."""

    def __init__(self) -> None:
        d = data("lsd")
        common = data("common")
        macros = {str(k): str(v) for k, v in (d.get("macros") or {}).items()}

        def patterns(key: str) -> PatternSet:
            return PatternSet(Pattern(str(s), key, macros) for s in d.get(key) or ())

        self.ignore = (word_set(common.get("stopwords")) | word_set(common.get("generic_verbs"))
                       | word_set(common.get("number_words")) | word_set(d.get("filler_words")))
        self.negations = word_set(data("key_ideas").get("negations"))
        self.obligation = word_set(d.get("obligation_words"))
        self.customer_obligation = word_set(d.get("customer_obligation_words"))
        self.ability = word_set(d.get("ability_verbs"))
        self.finite = word_set(common.get("finite_verbs"))
        self.key_verbs = word_set(d.get("key_verbs"))
        self.particles = word_set(common.get("separable_particles"))
        # A particle ends its verb before a preposition, a linking word or a subclause ('houdt u bij wat ...').
        self.after_particle = (word_set(common.get("prepositions")) | _SPLIT_WORDS
                               | frozenset({"wat", "wie", "hoe", "waar", "welke", "wanneer", "of", "dat", "als"}))
        self.all_is_well = word_set(d.get("all_is_well"))
        self.plenty = word_set(d.get("plenty_words"))
        self.new_thing = word_set(d.get("new_thing_words"))
        self.quantity = word_set(d.get("quantity_words"))
        self.wish_before = word_set(d.get("wish_words_before"))
        self.wish_after = word_set(d.get("wish_words_after"))
        # Longest first, so that 'terug' is tried before 'te'-like short particles.
        self.prefix_particles = tuple(sorted(self.particles, key=len, reverse=True))
        # One pattern set for all summary rules (one pass over the text); the payload says which rule.
        keys = ("judging", "judging_near_customer", "advice", "problem_words", "need_words", "cause_words",
                "emotion_words", "summary_topic_frames", "customer_wish", "need_frames")
        self.summary = PatternSet(Pattern(str(s), key, macros) for key in keys for s in d.get(key) or ())
        self.problem = patterns("problem_words")
        self.customer_need = patterns("customer_need")
        self.vague = patterns("vague_words")
        self.parrot_n = int(d.get("parrot_ngram", 4))
        self.parrot_share = float(d.get("parrot_share", 0.6))
        self.parrot_min = int(d.get("parrot_min_words", 12))
        self.synonyms: dict[str, str] = {}
        for index, group in enumerate(d.get("synonyms") or ()):
            for word in str(group).split("|"):
                if word.strip():
                    self.synonyms.setdefault(stem(word.strip()), f"#{index}")
        # Opposite word pairs: one pattern set; the payload is (pair number, side 0 or 1).
        opposite_patterns = []
        for number, pair in enumerate(d.get("opposites") or ()):
            for side, words in enumerate(str(pair).split("<>")[:2]):
                opposite_patterns += [Pattern(alt.strip(), (number, side)) for alt in words.split("|") if alt.strip()]
        self.opposites = PatternSet(opposite_patterns)


@cache
def config() -> _Config:
    """The compiled LSD meaning rules."""
    return _Config()


# --- words -------------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def variants(norm: str) -> frozenset[str]:
    """Keys under which a folded word is compared: its stem, without a separable particle or 'ge-',
    and its synonym group."""
    cfg = config()
    if norm.endswith(("'s", "’s")) and len(norm) > 4:
        norm = norm[:-2]  # agenda's, foto's
    keys = {stem(norm)}
    for particle in cfg.prefix_particles:
        if norm.startswith(particle) and len(norm) - len(particle) >= 4:
            keys.add(stem(norm[len(particle):]))
            break
    if norm.startswith("ge") and len(norm) >= 6:
        keys.add(stem(norm[2:]))
    if norm.startswith("on") and not norm.startswith(("ont", "onder")) and len(norm) >= 7:
        keys.add(stem(norm[2:]))  # 'onbetaald' is about paying, 'onduidelijk' about clarity (the same topic)
    for key in list(keys):
        group = cfg.synonyms.get(key)
        if group:
            keys.add(group)
    return frozenset(k for k in keys if len(k) >= 3 or k.startswith("#"))


def _content(tok: Token, cfg: _Config) -> bool:
    norm = tok.norm
    return len(norm) >= 3 and norm[0].isalpha() and norm not in cfg.ignore


def _clauses(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(first, end) token ranges of the clauses: split at punctuation and at conjunctions (and after
    ``_MAX_CLAUSE`` words, so that work per clause stays bounded on endless input)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for i, tok in enumerate(tokens):
        if i > start and (tok.clause_break or tok.norm in _SPLIT_WORDS or i - start >= _MAX_CLAUSE):
            bounds.append((start, i))
            start = i
    if start < len(tokens):
        bounds.append((start, len(tokens)))
    return bounds


class _Clauses:
    """The clauses of a text, with the clause of each token in constant time."""

    __slots__ = ("bounds", "of")

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.bounds = _clauses(tokens)
        self.of: list[tuple[int, int]] = []
        for bound in self.bounds:
            self.of.extend([bound] * (bound[1] - bound[0]))

    def __call__(self, i: int) -> tuple[int, int]:
        return self.of[i]


def _negated(tokens: Sequence[Token], i: int, first: int, negations: frozenset[str], reach: int = 3) -> bool:
    """A negation in the same clause at most ``reach`` words before token ``i``."""
    for back in range(i - 1, max(first, i - reach) - 1, -1):
        if tokens[back].norm in negations:
            return True
    return False


def _span_text(text: str, tokens: Sequence[Token], first: int, last: int) -> str:
    return " ".join(text[tokens[first].start : tokens[last].end].split())


def clause_text(text: str, tokens: Sequence[Token], i: int) -> str:
    """The whole clause around token ``i`` (for quoting the student's words without cutting them)."""
    first, end = next(((f, e) for f, e in _clauses(tokens) if f <= i < e), (i, i + 1))
    return _span_text(text, tokens, first, end - 1)


#: How far back from a particle at the end of its clause its verb may stand ('zeggen hun les ... af').
SPLIT_VERB_REACH = 14


def separable(tokens: Sequence[Token], cfg: _Config) -> list[tuple[str, str]]:
    """(key, words) for split verbs: 'geven ... door' also counts as 'doorgeven', 'komt ... terug' as
    'terugkomen' (a particle at the end of its clause, or before a preposition)."""
    out = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if tok.norm not in cfg.particles or not (i + 1 == n or tokens[i + 1].clause_break
                                                  or tokens[i + 1].norm in cfg.after_particle):
            continue
        for back in range(i - 1, max(-1, i - SPLIT_VERB_REACH), -1):
            prev = tokens[back]
            if prev.norm.isalpha() and len(prev.norm) >= 3 and prev.norm not in cfg.negations:
                out.append((stem(tok.norm + prev.norm), f"{prev.surface} ... {tok.surface}"))
            if prev.clause_break:
                break
    return out


class _Index:
    """Content words of a text, for linear-time matching: keys, and compound prefixes/suffixes."""

    def __init__(self, tokens: Sequence[Token], cfg: _Config) -> None:
        self.keys: dict[str, str] = {}
        self.parts: set[str] = set()
        #: Heads and tails of compound words ('partytent' -> 'tent', 'wijkverpleegkundige' -> 'verpleegkundige').
        self.pieces: dict[str, str] = {}
        for key, words in separable(tokens, cfg):
            self.keys.setdefault(key, words)
            group = cfg.synonyms.get(key)
            if group:
                self.keys.setdefault(group, words)
        for tok in tokens:
            if not _content(tok, cfg):
                continue
            norm = tok.norm
            for k in range(3, len(norm) - 2):  # 'planningsapp' ends with 'app', 'spinningles' with 'les'
                self.pieces.setdefault("=" + norm[len(norm) - k :], tok.surface)
            for key in variants(norm):
                self.keys.setdefault(key, tok.surface)
                if len(key) >= 4 and not key.startswith("#"):
                    self.parts.add(key)
                    n = len(key)
                    for k in range(4, n - 2):
                        self.pieces.setdefault(key[:k], tok.surface)
                        self.pieces.setdefault(key[n - k :], tok.surface)

    def match(self, norm: str) -> str:
        """The story word that ``norm`` shares a key or a compound part with, or ''."""
        for key in variants(norm):
            found = self.keys.get(key)
            if found:
                return found
        key = stem(norm)
        n = len(key)
        for k in range(4, n - 2):  # compound: 'ziekmelding' starts with 'ziek', 'winkelmandje' ends with 'mandje'
            head, tail = key[:k], key[n - k :]
            if head in self.parts:
                return self.keys.get(head, head)
            if tail in self.parts:
                return self.keys.get(tail, tail)
        if n >= 4 and key in self.pieces:
            return self.pieces[key]
        return self.pieces.get("=" + norm, "") if len(norm) >= 3 else ""


# --- the story ---------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Story:
    """What the customer said, analysed once: words, clauses, obligations, wishes and negated verbs."""

    text: str
    tokens: tuple[Token, ...]
    index: _Index
    clauses: _Clauses
    #: Content keys of each clause in which the customer names an obligation ("ik moet ...").
    obligations: tuple[frozenset[str], ...]
    #: (words, keys) of each clause in which the customer says what he wants.
    needs: tuple[tuple[str, frozenset[str]], ...]
    #: key -> the customer's words, for verbs the customer negated ("reageren niet").
    negated: dict[str, str]
    #: stem -> the customer's words, for what the customer does not have ("geen tijd", "geen overzicht").
    lacks: dict[str, str]
    #: Folded words of the story (for 'is this word the customer's own?').
    words: frozenset[str]
    #: All-is-well words the customer uses himself ('het werkt prima'), not negated and not as a wish.
    fine: frozenset[str]
    #: (words, keys) of the clauses in which the customer names a problem (a negation or problem word).
    problems: tuple[tuple[str, frozenset[str]], ...]
    #: (pair, side) -> the customer's words, for the opposite-pair words the customer used (not negated).
    said: dict[tuple[int, int], str]
    #: Parroting keys of the story, as n-grams.
    ngrams: frozenset[tuple[str, ...]]
    #: The customer's vague words in order ('de hele dag', 'regelmatig'), for a follow-up example.
    vague: tuple[str, ...]
    #: The first thing the customer names with 'de', 'het' or a possessive: (determiner, noun), for
    #: an example question when there is no vague word ('mijn', 'printer').
    thing: tuple[str, str] = ("", "")

    @property
    def empty(self) -> bool:
        return not self.index.keys


def _keys_of(tokens: Sequence[Token], first: int, end: int, cfg: _Config) -> frozenset[str]:
    out: set[str] = set()
    for i in range(first, end):
        if _content(tokens[i], cfg):
            out |= variants(tokens[i].norm)
    return frozenset(out)


def _verbish(tokens: Sequence[Token], i: int, first: int, cfg: _Config) -> bool:
    norm = tokens[i].norm
    if i > first and tokens[i - 1].norm in _DETERMINERS:
        return False
    if norm in cfg.finite:
        return True
    return i > first and len(norm) >= 4 and norm.endswith(("en", "t", "de", "te"))


def _predicate(tokens: Sequence[Token], i: int, first: int, cfg: _Config) -> bool:
    """A verb that carries the story: a content verb, or a key verb such as 'weten' or 'werkt'."""
    if tokens[i].norm in cfg.key_verbs:
        return True
    return _content(tokens[i], cfg) and tokens[i].norm not in cfg.all_is_well and _verbish(tokens, i, first, cfg)


def _negated_predicates(tokens: Sequence[Token], clauses: _Clauses, cfg: _Config) -> dict[str, str]:
    """Verbs the customer negated: 'reageren niet', 'rekenen dan niet af', 'niet goed scanden'."""
    out: dict[str, str] = {}
    for j, tok in enumerate(tokens):
        if tok.norm not in cfg.negations:
            continue
        first, end = clauses(j)
        found = -1
        for back in range(j - 1, max(first, j - 3) - 1, -1):
            if _predicate(tokens, back, first, cfg):
                found = back
                break
            if _content(tokens[back], cfg):
                break
        if found < 0:
            for ahead in range(j + 1, min(end, j + 3)):
                if _predicate(tokens, ahead, first, cfg):
                    found = ahead
                    break
                if _content(tokens[ahead], cfg) and tokens[ahead].norm not in cfg.all_is_well:
                    break
        if found >= 0:
            lo, hi = min(found, j), max(found, j)
            words = " ".join(t.surface for t in tokens[lo : hi + 1])
            for key in variants(tokens[found].norm):
                if not key.startswith("#"):
                    out.setdefault(key, words)
    return out


def _pkey(norm: str) -> str:
    key = _PRONOUN_KEYS.get(norm) or _VERB_KEYS.get(norm)
    if key:
        return key
    s = stem(norm)
    return s[:-1] if len(s) > 3 and s.endswith("t") else s


def _ngrams(keys: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(keys[i : i + n]) for i in range(len(keys) - n + 1)}


@lru_cache(maxsize=64)
def _story_cached(text: str) -> Story:
    cfg = config()
    tokens = tokenize(clean_text(text))[:_MAX_TOKENS]
    clauses = _Clauses(tokens)
    obligations = []
    for first, end in clauses.bounds:
        if any(tokens[i].norm in cfg.customer_obligation for i in range(first, end)):
            obligations.append(_keys_of(tokens, first, end, cfg))
    needs = []
    for first, last, _p in cfg.customer_need.finditer(tokens):
        cf, ce = clauses(first)
        if tokens[cf].norm in ("want", "omdat", "doordat"):
            continue  # 'want ik wil goed bereikbaar zijn': a reason behind the problem, not the core
        if ce < len(tokens) and not tokens[ce].clause_break:
            ce = clauses(ce)[1]  # the wish runs on: 'Ik wil best dat mensen online kunnen boeken'
        needs.append((_span_text(text, tokens, first, ce - 1), _keys_of(tokens, last + 1, ce, cfg)))
    vague: list[str] = []
    for first, last, _p in cfg.vague.finditer(tokens):
        nxt = last + 1
        if (nxt < len(tokens) and (tokens[last].norm in cfg.quantity or (first == last and tokens[last].norm.endswith("e")))
                and not tokens[nxt].clause_break and _content(tokens[nxt], cfg) and tokens[nxt].norm not in cfg.finite):
            last = nxt  # 'enorme rijen', 'veel patiënten': the word with its noun
        phrase = _span_text(text, tokens, first, last)
        phrase = phrase[:1].lower() + phrase[1:]  # 'Veel patiënten ...' -> 'veel'
        if phrase.lower() not in (v.lower() for v in vague):
            vague.append(phrase)
    fine = set()
    for i, tok in enumerate(tokens):
        if tok.norm in cfg.all_is_well:
            cf, ce = clauses(i)
            if not _negated_around(tokens, i, cf, ce, cfg.negations) and not _wish_clause(tokens, cf, i, _NONE, ce):
                fine.add(tok.norm)
    said: dict[tuple[int, int], str] = {}
    for first, last, pattern in cfg.opposites.finditer(tokens):
        if not _negated(tokens, first, clauses(first)[0], cfg.negations):
            said.setdefault(pattern.payload, _span_text(text, tokens, first, last))
    lacks = {stem(tokens[i + 1].norm): f"{tokens[i].surface} {tokens[i + 1].surface}"
             for i in range(len(tokens) - 1)
             if tokens[i].norm == "geen" and not tokens[i + 1].clause_break and len(tokens[i + 1].norm) >= 3}
    thing = next(((tokens[i - 1].norm, tokens[i].surface) for i in range(1, len(tokens))
                  if tokens[i - 1].norm in _THING_DETERMINERS and not tokens[i].clause_break
                  and _content(tokens[i], cfg) and not _verbish(tokens, i, i, cfg)
                  and not any(len(p.elems) == 1 for p in cfg.problem.candidates(tokens[i].norm))), ("", ""))
    problems = tuple((_clause_quote(text, tokens, first, end, _NONE), _keys_of(tokens, first, end, cfg))
                     for first, end in clauses.bounds
                     if any(tokens[k].norm in cfg.negations for k in range(first, end)) or too_much(tokens, first, end)
                     or any(True for _ in cfg.problem.finditer(tokens[first:end])))
    return Story(
        text=text,
        thing=thing,
        problems=problems,
        tokens=tuple(tokens),
        index=_Index(tokens, cfg),
        clauses=clauses,
        obligations=tuple(obligations),
        needs=tuple(needs),
        negated=_negated_predicates(tokens, clauses, cfg),
        lacks=lacks,
        words=frozenset(t.norm for t in tokens),
        fine=frozenset(fine),
        said=said,
        ngrams=frozenset(_ngrams([_pkey(t.norm) for t in tokens], cfg.parrot_n)),
        vague=tuple(vague),
    )


def story(text: str) -> Story:
    """The analysed story (cached: one story is judged against many answers)."""
    return _story_cached(text)


def vague_phrase(st: Story) -> str:
    """The customer's first vague word or phrase ('regelmatig', 'de hele dag'), or ''."""
    return st.vague[0] if st.vague else ""


# --- clause helpers ----------------------------------------------------------------------------

_NONE: frozenset[int] = frozenset()
_THING_DETERMINERS = frozenset({"de", "het", "mijn", "onze", "ons"})
_SUBCLAUSE = frozenset({"als", "dat", "die", "wat", "waar", "omdat", "doordat", "zodat", "terwijl", "wanneer", "of"})
_SUBORDINATE = _SUBCLAUSE | frozenset({"hoe", "hoeveel", "wie", "welke", "welk", "waardoor", "waarmee", "voordat",
                                       "nadat", "zodra", "totdat"})
_LEADING = _SPLIT_WORDS | frozenset({"ok", "oke", "dus", "samengevat", "kortom"})


def _wish_clause(tokens: Sequence[Token], cf: int, i: int, masked: Set[int], ce: int = -1) -> bool:
    """A wish, purpose or condition before token ``i`` in its clause ('u wilt dat het snel gaat'), or a
    wish verb after it up to ``ce`` ('omdat u goed bereikbaar wilt zijn')."""
    cfg = config()
    if any(tokens[k].norm in cfg.wish_before for k in range(cf, i) if k not in masked):
        return True
    return any(tokens[k].norm in cfg.wish_after for k in range(i + 1, ce) if k not in masked)


def _negated_around(tokens: Sequence[Token], i: int, cf: int, ce: int, negations: frozenset[str]) -> bool:
    """Negated before ('niet goed') or, in a main clause, after the verb ('klopt de voorraad niet')."""
    if _negated(tokens, i, cf, negations):
        return True
    k = i + 1
    while k < ce:
        norm = tokens[k].norm
        if norm == "die" and k > i + 1:  # a relative clause ('klopt de inschatting die u maakt vaak niet'):
            k = next((j for j in range(k + 2, ce) if _verb_like(tokens[j].norm)), ce) + 1  # skip to its verb
            continue
        if norm in _SUBCLAUSE:
            return False
        if norm in negations:
            return True
        k += 1
    return False


def _verb_like(norm: str) -> bool:
    """A rough test for the finite verb that closes a relative clause ('maakt', 'kwamen', 'deed')."""
    return len(norm) >= 3 and norm.endswith(("t", "en", "de", "te", "d"))


def too_much(tokens: Sequence[Token], first: int = 0, end: int = -1) -> bool:
    """'te veel', 'te laat', 'te vol': 'te' before a word that is no infinitive."""
    end = len(tokens) if end < 0 else end
    for k in range(first, end - 1):
        if tokens[k].norm == "te" and not tokens[k + 1].norm.endswith("en") and tokens[k + 1].norm.isalpha():
            return True
    return False


def _clause_quote(text: str, tokens: Sequence[Token], first: int, end: int, masked: Set[int]) -> str:
    """The clause's words (without masked opener/check words and a leading 'dus'/'en'), whole words."""
    keep = [i for i in range(first, end) if i not in masked]
    while keep and tokens[keep[0]].norm in _LEADING:
        keep.pop(0)
    return _span_text(text, tokens, keep[0], keep[-1]) if keep else ""


# --- the summary -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryMeaning:
    """The verdict on what a summary says: ``reason`` is 'ok' or the first fault found."""

    reason: str
    #: The student's words that decided it.
    phrase: str = ""
    #: The customer's words it is compared with (the opposite, the wish that is missing).
    theirs: str = ""
    shared: tuple[str, ...] = ()
    emotion: str = ""


class _Summary:
    """One summary, tokenised, with its clauses and the matches of every rule (one pass)."""

    def __init__(self, st: Story, text: str, tokens: Sequence[Token], masked: Set[int], cfg: _Config) -> None:
        self.st, self.text, self.cfg = st, text, cfg
        self.tokens = list(tokens[:_MAX_TOKENS])
        self.masked = masked
        self.clauses = _Clauses(self.tokens)
        self.hits: dict[str, list[tuple[int, int]]] = {}
        for first, last, pattern in cfg.summary.finditer(self.tokens):
            if first not in masked:
                self.hits.setdefault(str(pattern.payload), []).append((first, last))
        self.body = [i for i in range(len(self.tokens)) if i not in masked]
        self.content = [i for i in self.body if _content(self.tokens[i], cfg)]

    def span(self, first: int, last: int) -> str:
        return _span_text(self.text, self.tokens, first, last)

    def clause(self, i: int) -> str:
        return _clause_quote(self.text, self.tokens, *self.clauses(i), self.masked)

    def first_clause(self) -> str:
        for first, end in self.clauses.bounds:
            quote = _clause_quote(self.text, self.tokens, first, end, self.masked)
            if quote:
                return quote
        return ""

    def in_range(self, key: str, first: int, end: int) -> bool:
        return any(first <= f < end for f, _la in self.hits.get(key, ()))

    def negative(self, first: int, end: int) -> bool:
        """A negation, a problem word or 'te veel' in tokens[first:end]."""
        tokens = self.tokens
        if any(tokens[k].norm in self.cfg.negations for k in range(first, end)):
            return True
        return self.in_range("problem_words", first, end) or too_much(tokens, first, end)

    def signals(self, feelings: bool = True) -> bool:
        """A problem (negation, problem word) or, with ``feelings``, also a wish, feeling or cause."""
        tokens = self.tokens
        if any(tokens[i].norm in self.cfg.negations for i in self.body):
            return True
        keys = (("problem_words", "need_words", "need_frames", "emotion_words", "cause_words") if feelings
                else ("problem_words",))
        if any(self.hits.get(key) for key in keys):
            return True
        return any(too_much(tokens, i, i + 2) for i in self.body)


def _mirrored(words: Iterable[str], st: Story) -> bool:
    """True when every word of a phrase (except the customer pronouns) is the customer's own."""
    rest = [w for w in words if w not in _CUSTOMER]
    return bool(rest) and all(w in st.words for w in rest)


def _judging(sm: _Summary) -> str:
    for first, _last in sm.hits.get("judging", ()):
        return sm.clause(first)
    tokens, cfg = sm.tokens, sm.cfg
    for first, last in sm.hits.get("judging_near_customer", ()):
        words = [tokens[i].norm for i in range(first, last + 1)]
        if _mirrored(words, sm.st):
            continue
        cf, ce = sm.clauses(first)
        if not any(tokens[i].norm in _CUSTOMER for i in range(cf, ce) if i not in sm.masked):
            continue
        if words == ["niet", "goed"] and any(tokens[i].norm in cfg.ability for i in range(cf, first)):
            continue  # 'u weet niet goed hoeveel': a difficulty, no verdict
        return sm.clause(first)
    return ""


def _advice(sm: _Summary) -> str:
    for first, _last in sm.hits.get("advice", ()):
        return sm.clause(first)
    tokens, cfg, st, masked = sm.tokens, sm.cfg, sm.st, sm.masked
    for i in sm.body:
        if tokens[i].norm not in cfg.obligation:
            continue
        cf, ce = sm.clauses(i)
        if any(tokens[k].norm in _SUBORDINATE for k in range(cf, i) if k not in masked):
            continue  # 'hoeveel brood u moet bakken', 'waardoor u moet rijden': a description
        near = {tokens[k].norm for k in range(max(cf, i - 3), min(ce, i + 2)) if k != i}
        if not near & _CUSTOMER_SUBJECT:
            # Someone else must: a description ('ze moeten lang wachten', 'moeten uw planners om negen uur klaar
            # zijn'), unless a new thing comes in ('klanten moeten eerst een foto sturen', 'via een formulier').
            if not any(tokens[k - 1].norm in cfg.new_thing and _content(tokens[k], cfg)
                       and not st.index.match(tokens[k].norm) for k in range(cf + 1, ce)):
                continue
        keys = _keys_of(tokens, cf, ce, cfg)
        if any(keys & ob for ob in st.obligations):
            continue  # the customer's own obligation, mirrored
        if all(st.index.match(tokens[k].norm) for k in range(cf, ce) if _content(tokens[k], cfg)):
            continue  # says nothing the customer did not say
        lo = max(cf, i - 2)
        while lo < i and tokens[lo].norm not in _CUSTOMER:
            lo += 1
        return sm.span(lo, i + 1 if i + 1 < ce and tokens[i + 1].norm in _CUSTOMER else i)
    return ""


def _names_need(sm: _Summary) -> bool:
    """True when two or more words of the summary belong to a wish the customer named ('Ik wil de drukte beter
    over de week spreiden' -> 'drukte verdelen over de week'): the core, even without a verb or 'u wilt'."""
    found = 0
    for keys in (keys for _, keys in sm.st.needs if keys):
        found = max(found, sum(1 for i in sm.content if variants(sm.tokens[i].norm) & keys))
    return found >= 2


def _other_wish(sm: _Summary) -> str:
    """'Dus u zoekt meer vrijwilligers ...' when the customer named another wish: the summary puts a wish in
    the customer's mouth that shares nothing with what the customer wants (two or more new words)."""
    st, tokens, cfg = sm.st, sm.tokens, sm.cfg
    wanted = frozenset().union(*(keys for _, keys in st.needs)) if st.needs else frozenset()
    if not wanted:
        return ""
    for first, last in sm.hits.get("customer_wish", ()):
        cf, ce = sm.clauses(first)
        if ce < len(tokens) and tokens[ce].norm == "dat":
            ce = sm.clauses(ce)[1]
        words = [k for k in range(last + 1, ce) if k not in sm.masked and _content(tokens[k], cfg)]
        if any(variants(tokens[k].norm) & wanted for k in words):
            continue
        new = [k for k in words if not st.index.match(tokens[k].norm) and not sm.in_range("emotion_words", k, k + 1)]
        # A new thing ('meer vrijwilligers', 'een app'); 'het klanten makkelijk maken' may paraphrase the wish.
        extra = any(tokens[k].norm in _MORE and tokens[k - 1].norm not in cfg.negations  # not 'niet meer'
                    for k in range(first + 1, min(ce, last + 3)))  # 'u wilt ook ...', 'u wilt meer ...'
        if len(new) >= 2 and (extra or any(tokens[k - 1].norm in cfg.new_thing for k in new)
                              or any(tokens[k - 1].norm in _MORE and tokens[k - 2].norm not in cfg.negations
                                     for k in new)):
            return _clause_quote(sm.text, tokens, first, ce, sm.masked)
    return ""


_MORE = frozenset({"meer", "minder", "extra", "ook"})


def _new_wish(sm: _Summary) -> str:
    """'Dus u wilt een app waarmee ...' when the customer named no wish: a solution put in the
    customer's mouth (the words after 'u wilt' are new to the story)."""
    st, tokens, cfg = sm.st, sm.tokens, sm.cfg
    if st.needs:
        return ""
    for first, last in sm.hits.get("customer_wish", ()):
        cf, ce = sm.clauses(first)
        if ce < len(tokens) and tokens[ce].norm == "dat":
            ce = sm.clauses(ce)[1]  # 'u wilt dat klanten online ...'
        new = [k for k in range(last + 1, ce) if k not in sm.masked and _content(tokens[k], cfg)
               and not st.index.match(tokens[k].norm) and not sm.in_range("emotion_words", k, k + 1)]
        # A new thing ('een app', 'een nieuwe functie') or several new words; one new verb on the
        # customer's own subject ('u wilt de eigenaren geruststellen') is a paraphrase of the story.
        if len(new) >= 2 or any(tokens[k - 1].norm in cfg.new_thing for k in new):
            return _clause_quote(sm.text, tokens, first, ce, sm.masked)
    return ""


def _story_problem(st: Story, keys: frozenset[str]) -> str:
    """The customer's clause with a problem that shares the most words with ``keys`` ('' if none)."""
    best, best_score = "", 0
    for words, clause_keys in st.problems:
        score = len(clause_keys & keys)
        if score > best_score:
            best, best_score = words, score
    return best


def missed_problem(st: Story, keys: Iterable[str] = ()) -> str:
    """The customer's first clause with a problem that shares no word with ``keys`` (else the first one)."""
    have = set(keys)
    for words, clause_keys in st.problems:
        if not clause_keys & have:
            return words
    return st.problems[0][0] if st.problems else ""


def _opposite(sm: _Summary) -> tuple[str, str]:
    tokens, cfg, st, masked = sm.tokens, sm.cfg, sm.st, sm.masked
    if sm.hits.get("need_frames"):
        return "", ""  # the student names what the customer wants ('duidelijk vooraf, daar gaat het om')
    # 1. An all-is-well word the customer did not use: 'de tickets werkten prima', 'rustig qua mail'.
    for i in sm.body:
        if tokens[i].norm not in cfg.all_is_well or tokens[i].norm in st.fine:
            continue
        cf, ce = sm.clauses(i)
        if _negated_around(tokens, i, cf, ce, cfg.negations) or _wish_clause(tokens, cf, i, masked, ce):
            continue
        return sm.clause(i), _story_problem(st, _keys_of(tokens, cf, ce, cfg))
    # 2. An opposite word: the customer said 'leeg', the summary says 'vol'.
    #    Or the same word negated: the customer said 'vaak', the summary says 'niet vaak'.
    if st.said:
        for first, last, pattern in cfg.opposites.finditer(tokens):
            if first in masked:
                continue
            number, side = pattern.payload
            cf, ce = sm.clauses(first)
            if _wish_clause(tokens, cf, first, masked):
                continue
            if _negated(tokens, first, cf, cfg.negations):
                theirs = st.said.get((number, side))  # 'niet vaak' against 'vaak'
            elif all(tokens[k].norm in st.words for k in range(first, last + 1)):
                continue  # the customer used this word too
            elif any(tokens[k].norm in cfg.negations for k in range(last + 1, min(ce, last + 3))):
                continue  # negated right after: 'die vaak nergens op uitlopen' says 'nooit'
            else:
                theirs = st.said.get((number, 1 - side))
            if theirs and any(st.index.match(tokens[k].norm) for k in range(cf, ce)
                              if k not in masked and _content(tokens[k], cfg)):
                return sm.clause(first), theirs
    # 3. Something the customer does not have ('geen tijd'), which the summary says there is plenty of.
    if st.lacks:
        for i in sm.body:
            hit = st.lacks.get(stem(tokens[i].norm))
            if not hit:
                continue
            cf, _ce = sm.clauses(i)
            if any(tokens[k].norm in cfg.plenty for k in range(max(cf, i - 2), i)) and not _negated(tokens, i, cf, cfg.negations):
                return sm.clause(i), hit
    # 4. A verb the customer negated, affirmed: 'de ouders reageren niet' -> 'de ouders reageren snel'.
    if st.negated:
        for i in sm.body:
            tok = tokens[i]
            if not (_content(tok, cfg) or tok.norm in cfg.key_verbs):
                continue
            hit = next((st.negated[k] for k in variants(tok.norm) if k in st.negated), "")
            if not hit:
                continue
            cf, ce = sm.clauses(i)
            if _after_comparison(tokens, i):
                continue  # 'meer jongeren dan er echt komen': a comparison, not 'they come'
            if _predicate(tokens, i, cf, cfg) and not sm.negative(cf, ce) and not _wish_clause(tokens, cf, i, masked):
                return sm.clause(i), hit
    return "", ""


#: Comparative words before 'dan' ('meer ... dan er komen', 'vaker dan').
_COMPARATIVES = frozenset({"meer", "minder", "vaker", "eerder", "later", "langer", "groter", "kleiner", "liever",
                           "sneller", "trager", "hoger", "lager", "duurder", "goedkoper", "zoveel", "evenveel"})


def _after_comparison(tokens: Sequence[Token], i: int) -> bool:
    """True when token ``i`` stands after 'dan' that closes a comparison ('meer jongeren ... dan er komen')."""
    for back in range(i - 1, max(-1, i - 5), -1):
        if tokens[back].norm == "dan":
            return any(tokens[k].norm in _COMPARATIVES for k in range(max(0, back - 6), back))
    return False


def _parroting(sm: _Summary) -> str:
    cfg, body = sm.cfg, sm.body
    n = cfg.parrot_n
    if len(body) < max(cfg.parrot_min, n):
        return ""
    keys = [_pkey(sm.tokens[i].norm) for i in body]
    covered = [False] * len(keys)
    for k in range(len(keys) - n + 1):
        if tuple(keys[k : k + n]) in sm.st.ngrams:
            for m in range(k, k + n):
                covered[m] = True
    if sum(covered) < cfg.parrot_share * len(keys):
        return ""
    # Quote the longest copied run, widened to whole clauses.
    best, run_start, best_span = 0, -1, (0, 0)
    for k, flag in enumerate([*covered, False]):
        if flag and run_start < 0:
            run_start = k
        elif not flag and run_start >= 0:
            if k - run_start > best:
                best, best_span = k - run_start, (run_start, k - 1)
            run_start = -1
    first, end = sm.clauses(body[best_span[0]])[0], sm.clauses(body[best_span[1]])[1]
    return _clause_quote(sm.text, sm.tokens, first, end, sm.masked)


def judge_summary(st: Story, text: str, tokens: Sequence[Token], masked: Set[int]) -> SummaryMeaning:
    """What the summary says compared with the story; ``masked`` are the opener and check words."""
    cfg = config()
    sm = _Summary(st, text, tokens, masked, cfg)
    shared: dict[str, None] = {}
    for i in sm.content:
        found = st.index.match(sm.tokens[i].norm)
        if found:
            shared.setdefault(found)
    for key, _words in separable(sm.tokens, cfg):
        if key in st.index.keys:
            shared.setdefault(st.index.keys[key])
    emotion = next((sm.span(f, la) for f, la in sm.hits.get("emotion_words", ())), "")
    base = {"shared": tuple(shared), "emotion": emotion}
    if st.empty:
        return SummaryMeaning("ok", **base)
    # An announced topic the customer never mentioned ('Dus het gaat over de prijzen ...').
    for first, last in sm.hits.get("summary_topic_frames", ()):
        head = next((k for k in range(last + 1, min(len(sm.tokens), last + 5)) if _content(sm.tokens[k], cfg)), -1)
        if head >= 0 and not st.index.match(sm.tokens[head].norm):
            return SummaryMeaning("off_topic", sm.clause(first), missed_problem(st), **base)
    judged = _judging(sm)
    if judged:
        return SummaryMeaning("judging", judged, **base)
    advice = _advice(sm)
    if advice:
        return SummaryMeaning("advice", advice, **base)
    # Off topic: no word of the story at all. A named feeling about a problem ('Ik merk dat het u
    # bezighoudt: ... niet ...') is a paraphrase of the story, not another subject.
    feeling_only = all(sm.in_range("emotion_words", i, i + 1) for i in sm.content)
    if sm.content and not shared and not (emotion and (feeling_only or sm.signals(feelings=False))):
        return SummaryMeaning("off_topic", sm.first_clause(), missed_problem(st), **base)
    wish = _new_wish(sm)
    if wish:
        return SummaryMeaning("advice", wish, **base)
    other = _other_wish(sm)
    if other:
        return SummaryMeaning("off_topic", other, missed_problem(st), **base)
    phrase, theirs = _opposite(sm)
    if phrase:
        return SummaryMeaning("wrong_or_opposite", phrase, theirs, **base)
    copied = _parroting(sm)
    if copied:
        return SummaryMeaning("parroting", copied, **base)
    keys = frozenset(k for i in sm.content for k in variants(sm.tokens[i].norm))
    if not sm.content:
        return SummaryMeaning("missing_core", "", missed_problem(st, keys), **base)
    if _names_need(sm):
        return SummaryMeaning("ok", **base)  # the customer's wish in other words ('drukte beter verdelen')
    if not sm.signals():
        return SummaryMeaning("missing_core", sm.first_clause(), missed_problem(st, keys), **base)
    if not sm.hits.get("need_words") and not sm.hits.get("need_frames"):
        for words, keys in st.needs:
            if keys and not any(variants(sm.tokens[i].norm) & keys for i in sm.content):
                return SummaryMeaning("missing_core", sm.first_clause(), words, **base)
    return SummaryMeaning("ok", **base)
