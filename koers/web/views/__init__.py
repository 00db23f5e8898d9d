"""Thin function views, one module per page or group of writes."""
