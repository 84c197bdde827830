"""Safe HTML from teacher text (a little markdown) and from student text (always escaped)."""

from __future__ import annotations

import re

_BOLD = re.compile(r"\*\*([^*\n]+)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*([^*\n]+)\*(?![*\w])")
_CODE = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s\"'<>]+)\)")


def number(value: int) -> str:
    """A whole number as Dutch readers write it: 399.950, not 399950 or 399,950."""
    return f"{value:,}".replace(",", ".")


def escape(text: str) -> str:
    """Escape ``text`` for HTML, keeping line breaks visible.

    The same replacements as ``html.escape(text, quote=True)``, without importing :mod:`html` (its table
    of entities costs more to import than the rest of this module).
    """
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("'", "&#x27;").replace("\n", "<br>"))


def inline_markdown(text: str) -> str:
    """Turn teacher text with **bold**, *italic*, `code` and [links](https://...) into safe HTML.

    Everything is escaped first, so HTML in an exercise file is shown as text.
    """
    out = escape(text)
    out = _CODE.sub(r"<code>\1</code>", out)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    out = _ITALIC.sub(r"<em>\1</em>", out)
    return _LINK.sub(r'<a href="\2" target="_blank" rel="noopener">\1</a>', out)


def highlight(text: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...], *,
              css_class: str = "cursus-mark") -> str:
    """Escape ``text`` and wrap each (start, end) span in ``<mark>``; overlapping spans are merged."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        out.append(escape(text[last:start]))
        out.append(f'<mark class="{css_class}">{escape(text[start:end])}</mark>')
        last = end
    out.append(escape(text[last:]))
    return "".join(out)
