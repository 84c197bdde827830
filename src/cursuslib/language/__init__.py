"""Dutch feedback engine for the course: open/closed questions, positive language, rewrites and LSD.

Pure Python (no widgets, no network); the rule files in ``data/`` are read on first use::

    from cursuslib.language import question_kind, positivity, rewrite_feedback
"""

from __future__ import annotations

from .lsd import followup_feedback, summary_feedback
from .positivity import positivity
from .questions import question_kind
from .reply import reply_feedback
from .results import (
    QUESTION_KINDS,
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
