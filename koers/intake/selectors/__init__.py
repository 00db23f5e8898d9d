"""Reads of the intake queue, one module per page area."""
