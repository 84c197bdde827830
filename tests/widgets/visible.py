"""What a student reads in a widget's HTML, for assertions on whole sentences."""

from __future__ import annotations

import html
import re

_STYLE = re.compile(r"<style>.*?</style>", re.S)
_INLINE = re.compile(r"</?(?:strong|em|code|span|a)\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")


def visible(value: str) -> str:
    """Styles and tags dropped (inline tags without a space, block tags as one), entities decoded, spaces collapsed."""
    text = _TAG.sub(" ", _INLINE.sub("", _STYLE.sub("", value)))
    return " ".join(html.unescape(text).split())
