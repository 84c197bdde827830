"""Dutch feedback engine for the course: open/closed questions, positive language, rewrites and LSD.

Pure Python (no widgets, no network); the rule files in ``data/`` are read on first use, and the
engine's modules are imported on first use of a name, so importing this package is cheap::

    from cursuslib.language import question_kind, positivity, rewrite_feedback
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

#: The kinds of question, as :func:`question_kind` names them; the course uses only these names.
QUESTION_KINDS: tuple[str, ...] = ("open", "closed")

#: Each public name and the module that defines it (imported when the name is first used).
_HOMES = {
    "followup_feedback": "lsd",
    "summary_feedback": "lsd",
    "positivity": "positive_language",
    "question_kind": "questions",
    "reply_feedback": "reply",
    "rewrite_feedback": "rewrite",
    **dict.fromkeys(("Finding", "FollowupResult", "PositivityResult", "QuestionResult", "ReplyResult",
                     "RewriteResult", "SummaryResult"), "results"),
}

if TYPE_CHECKING:
    from .lsd import followup_feedback, summary_feedback
    from .positive_language import positivity
    from .questions import question_kind
    from .reply import reply_feedback
    from .results import (
        Finding,
        FollowupResult,
        PositivityResult,
        QuestionResult,
        ReplyResult,
        RewriteResult,
        SummaryResult,
    )
    from .rewrite import rewrite_feedback

__all__ = [
    "QUESTION_KINDS",
    "Finding",
    "FollowupResult",
    "PositivityResult",
    "QuestionResult",
    "ReplyResult",
    "RewriteResult",
    "SummaryResult",
    "followup_feedback",
    "positivity",
    "question_kind",
    "reply_feedback",
    "rewrite_feedback",
    "summary_feedback",
]


__getattr__ = lazy_names(__name__, _HOMES)
