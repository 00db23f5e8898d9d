"""API fixtures live in tests/conftest.py (`api`), shared with tests that cross pages and API."""
