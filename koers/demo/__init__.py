"""Synthetic demo data for `koers demo`: organisations, staff and youths with full histories.

Everything is made up: names come from hand-written lists (koers.demo.names), dates are drawn
relative to today, and the same seed always gives the same people.
"""
