"""Safe HTML from teacher text (a little markdown) and from student text (always escaped)."""

from __future__ import annotations

import html
import re

_BOLD = re.compile(r"\*\*([^*\n]+)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*([^*\n]+)\*(?![*\w])")
_CODE = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s\"'<>]+)\)")


def escape(text: str) -> str:
    """Escape ``text`` for HTML, keeping line breaks visible."""
    return html.escape(text, quote=True).replace("\n", "<br>")


def inline_markdown(text: str) -> str:
    """Turn teacher text with **bold**, *italic*, `code` and [links](https://...) into safe HTML.

    Everything is escaped first, so HTML in an exercise file is shown as text.
    """
    out = escape(text)
    out = _CODE.sub(r"<code>\1</code>", out)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    out = _ITALIC.sub(r"<em>\1</em>", out)
    return _LINK.sub(r'<a href="\2" target="_blank" rel="noopener">\1</a>', out)
