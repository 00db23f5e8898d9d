"""Running Koers: back-ups that can be restored (`koers backup`, `koers restore`; docs/operations.md).

Imports no Koers app: it works on the database and the private media folder as a whole.
"""
