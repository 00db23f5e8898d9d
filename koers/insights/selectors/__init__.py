"""Reads of the insights, one module per page family: practice (Mijn werk), and the others beside it.
Import from the module itself (koers.insights.selectors.practice)."""
