"""Evaluation: labelled documents → per-case scores → metrics and run logs.

The library behind ``narrative-check eval``; the CLI only parses options and prints.
"""

from .cases import ERROR_KINDS, Case, Label, LabelError, LabelFile, find_cases, read_labels
from .match import COUNTED_SEVERITIES, CaseMatch, match_case, normalise
from .metrics import Scores, exact_matches, overall, per_kind
from .runner import CaseResult, Run, run_eval, score_case

__all__ = [
    "ERROR_KINDS", "Case", "Label", "LabelError", "LabelFile", "find_cases", "read_labels",
    "COUNTED_SEVERITIES", "CaseMatch", "match_case", "normalise",
    "Scores", "exact_matches", "overall", "per_kind",
    "CaseResult", "Run", "run_eval", "score_case",
]
