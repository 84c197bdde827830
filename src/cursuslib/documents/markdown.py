"""Escaping for Markdown documents: a student's text never becomes markup; a teacher's keeps its inline markdown."""

from __future__ import annotations

import re

_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s\"'<>]+)\)")


def _entities(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown_escape(text: str) -> str:
    """Escape text so Markdown shows it literally: no HTML, links, emphasis, headings or lists come from it."""
    text = _MD_INLINE.sub(r"\\\1", _entities(text))
    lines = []
    for line in text.split("\n"):
        line = line.lstrip()  # leading spaces would turn a line into a code block
        match = _MD_LINE_START.match(line)
        if match:
            if match.group(2)[0].isdigit():  # '1.' or '1)' starts a numbered list
                end = match.end(2)
                line = line[:end] + "\\" + line[end:]
            else:
                line = "\\" + line
        lines.append(line)
    return "\n".join(lines)


def _teacher_plain(text: str) -> str:
    return re.sub(r"([\[\]])", r"\\\1", _entities(text))


def teacher_markdown(text: str) -> str:
    """Teacher text keeps its inline markdown and https links; HTML and other links are shown as text."""
    out, last = [], 0
    for match in _MD_LINK.finditer(text):
        out.append(_teacher_plain(text[last:match.start()]))
        out.append(f"[{_teacher_plain(match.group(1))}]({match.group(2)})")
        last = match.end()
    out.append(_teacher_plain(text[last:]))
    return "".join(out)


def inline(text: str, teacher: bool) -> str:
    """A paragraph's text: a teacher's markdown kept, a student's escaped; line breaks stay line breaks."""
    if teacher:
        return "  \n".join(teacher_markdown(line) for line in text.split("\n"))
    return "  \n".join(markdown_escape(text).split("\n"))


def one_line(text: str, teacher: bool = False) -> str:
    """Like :func:`inline` for a list item or heading: all white space folded into single spaces."""
    return inline(" ".join(text.split()), teacher)


def cell(text: str) -> str:
    """One table cell on one line: only inline markup can start here, so no line-start escapes."""
    return _MD_INLINE.sub(r"\\\1", _entities(" ".join(text.split())))


def quote(text: str) -> str:
    """A student's text as a Markdown quote, line by line."""
    return "\n".join("> " + line + "  " if line else ">" for line in markdown_escape(text).split("\n"))
