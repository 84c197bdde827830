"""positivity, rewrite_feedback and reply_feedback on huge and odd input: the input limit (speed on hostile input is
measured in bench/bench_language.py), and the indexed pattern matcher giving exactly what trying every pattern
everywhere gives."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from cursuslib.language import positivity, reply_feedback, rewrite_feedback
from cursuslib.language.normalize import MAX_INPUT, tokenize
from cursuslib.language.positive_language import engine
from cursuslib.language.rewrite import clear_cache
from cursuslib.language.rules import Pattern, PatternSet, data, fill

TOO_LONG = fill(data("common")["messages"]["too_long"], max=f"{MAX_INPUT:,}".replace(",", "."))
NIET = "niet " * 20_000  # 100,000 characters

CALLS: dict[str, Callable[[str], object]] = {
    "positivity": lambda t: positivity(t),
    "rewrite_feedback": lambda t: (clear_cache(), rewrite_feedback(t, t))[1],
    "rewrite_feedback (long rewrite)": lambda t: (clear_cache(), rewrite_feedback("De app crasht.", t))[1],
    "reply_feedback": lambda t: reply_feedback(t, t),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_a_long_text_is_cut_and_the_feedback_says_so_first(name: str) -> None:
    result = CALLS[name](NIET)
    messages = result.messages  # type: ignore[attr-defined]
    assert messages[0] == TOO_LONG
    assert messages[-1].startswith("Volgende stap:")
    assert result.cut  # type: ignore[attr-defined]


def test_a_short_text_has_no_length_message() -> None:
    for result in (positivity("Ik bel u morgen."), rewrite_feedback("Dat kan niet.", "Ik bel u morgen."),
                   reply_feedback("Boos!", "Wat vervelend! Ik bel u morgen om 9.00 uur.")):
        assert TOO_LONG not in result.messages and not result.cut


# -- the indexed matcher ---------------------------------------------------------------------------------------


def _reference(patterns: list[Pattern], tokens: list) -> list[tuple[int, int, str]]:  # type: ignore[type-arg]
    """Every pattern tried at every token, in the order the pattern set promises (by first word, numbers, affixes)."""
    out = []
    for i, tok in enumerate(tokens):
        norm = tok.norm
        for p in patterns:
            if norm in p.elems[0].words:
                last = p.match_at(tokens, i)
                if last >= 0:
                    out.append((i, last, p.source))
        for p in patterns:
            if p.elems[0].numeric and norm.isdigit():
                last = p.match_at(tokens, i)
                if last >= 0:
                    out.append((i, last, p.source))
        for p in patterns:
            e = p.elems[0]
            if (e.prefixes and norm.startswith(e.prefixes)) or (e.suffixes and norm.endswith(e.suffixes)):
                last = p.match_at(tokens, i)
                if last >= 0:
                    out.append((i, last, p.source))
    return out


def test_the_indexed_matcher_finds_what_trying_everything_finds() -> None:
    eng = engine()
    patterns: list[Pattern] = []  # the patterns of the rule file, without their payloads
    d = data("positivity")
    macros = {str(k): str(v) for k, v in (d.get("macros") or {}).items()}
    for spec in d.get("rules") or ():
        patterns += [Pattern(str(s), None, macros) for s in spec.get("patterns") or ()]
    for kind in ("time", "offer", "possibility", "alternative", "action"):
        patterns += [Pattern(str(s), None, macros) for s in (d["constructive"].get(kind) or {}).get("patterns") or ()]
    patterns += [Pattern("12 uur"), Pattern("# uur"), Pattern("*provider ...3 storing"), Pattern("garandeer* [ik]")]
    words = sorted({w for p in patterns for e in p.elems for w in e.words} | {"12", "3", "betaalprovider", "garandeert",
                                                                                ",", ".", "?", "en", "de", "app"})
    rng = random.Random(14)
    matcher = PatternSet(patterns)
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 25))).replace(" ,", ",").replace(" .", ".")
        tokens = tokenize(text)
        got = [(i, last, p.source) for i, last, p in matcher.finditer(tokens)]
        assert got == _reference(patterns, tokens), text
    assert eng.patterns  # the engine's own set is built the same way
