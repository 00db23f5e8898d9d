"""Writes of the insights, one module per concern: the practice summary (filled by the worker),
the verbetertool and what a consultant shares. Import from here or from the module."""

from koers.insights.services.practice import practice_counts_fill, practice_counts_rebuild
from koers.insights.services.self_assessment import insight_sharing_set, self_assessment_save

__all__ = ["insight_sharing_set", "practice_counts_fill", "practice_counts_rebuild", "self_assessment_save"]
