"""Writes of koers.retention: destruction lists and their anonymisation."""
