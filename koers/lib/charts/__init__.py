"""Geometry of the server-rendered SVG charts: pure Python, the templates draw them."""
