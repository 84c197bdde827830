"""Rule files and the token-pattern matcher: lazy loading, readable YAML, pattern syntax."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cursuslib.language.normalize import normalised_text, stem, tokenize
from cursuslib.language.rules import Pattern, PatternSet, RuleError, data

SRC = Path(__file__).resolve().parents[2] / "src"


def test_import_does_not_parse_rule_files() -> None:
    code = "import sys, cursuslib.language as L; print('yaml' in sys.modules); L.positivity('niet'); print('yaml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONPATH": str(SRC)})
    assert out.stdout.split() == ["False", "True"]


@pytest.mark.parametrize("name", ["common", "questions", "positivity", "rewrite", "lsd"])
def test_rule_files_are_commented_yaml_mappings(name: str) -> None:
    assert isinstance(data(name), dict)
    text = (SRC / "cursuslib" / "language" / "data" / f"{name}.yaml").read_text(encoding="utf-8")
    assert text.lstrip().startswith("#")  # a Dutch explanation for the teacher comes first


def _match(pattern: str, text: str) -> list[str]:
    tokens = tokenize(text)
    return [text[tokens[a].start : tokens[b].end] for a, b, _p in PatternSet([Pattern(pattern)]).finditer(tokens)]


def test_pattern_syntax() -> None:
    assert _match("u|je moet", "Je moet nu bellen") == ["Je moet"]
    assert _match("verkeerd*", "de verkeerde maat") == ["verkeerde"]
    assert _match("had ...3 moeten", "U had het echt eerder moeten doen") == ["had het echt eerder moeten"]
    assert _match("had ...1 moeten", "U had het echt eerder moeten doen") == []
    assert _match("geen [enkel] probleem", "geen enkel probleem, geen probleem") == ["geen enkel probleem", "geen probleem"]
    assert _match("is op $", "Het is op. Het is op de kast") == ["is op"]
    assert _match("om # uur", "om 10 uur") == ["om 10 uur"]


def test_adjacent_words_do_not_match_across_a_comma_but_gaps_do() -> None:
    assert _match("is zoek", "Als het klaar is, zoek ik het op") == []
    assert _match("sorry ...2 maar", "Sorry, maar dat kan niet") == ["Sorry, maar"]


def test_a_pattern_must_start_with_a_word() -> None:
    with pytest.raises(RuleError):
        Pattern("...2 niet")


def test_normalisation_and_stems() -> None:
    assert normalised_text("  Oké,   HÈ?! ") == "oke he"
    assert stem("bestelling") == stem("bestellen") == stem("besteld")
    assert stem("regelt") == stem("regelen")
