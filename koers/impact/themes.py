"""The themes of added value and points of attention, in words (koers.impact.defaults.THEMES)."""

from koers.impact.defaults import THEMES


def theme_label(kind: str, theme: str) -> str:
    return str(dict(THEMES.get(kind, ())).get(theme, theme))


def theme_choices(kind: str) -> tuple[tuple[str, str], ...]:
    return THEMES.get(kind, ())
