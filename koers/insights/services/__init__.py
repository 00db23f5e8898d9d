"""Writes of the insights, one module per concern: the practice and throughput summaries (filled
by the worker), the verbetertool and what a consultant shares, the caseload experiment's groups.
Import from here or from the module."""

from koers.insights.services.experiment import experiment_group_delete, experiment_group_save
from koers.insights.services.practice import practice_counts_fill, practice_counts_rebuild
from koers.insights.services.self_assessment import insight_sharing_set, self_assessment_save
from koers.insights.services.throughput import trajectory_facts_fill, trajectory_facts_rebuild

__all__ = [
    "experiment_group_delete",
    "experiment_group_save",
    "insight_sharing_set",
    "practice_counts_fill",
    "practice_counts_rebuild",
    "self_assessment_save",
    "trajectory_facts_fill",
    "trajectory_facts_rebuild",
]
