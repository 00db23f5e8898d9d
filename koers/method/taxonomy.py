"""Load the working-element taxonomy from method/data/working_elements.json (idempotent)."""

import json
from pathlib import Path

TAXONOMY_FILE = Path(__file__).parent / "data" / "working_elements.json"


def load_taxonomy(theme_model, element_model) -> int:
    """Create or update themes and elements; takes models so a data migration can use it."""
    count = 0
    for theme_position, theme_data in enumerate(json.loads(TAXONOMY_FILE.read_text("utf-8"))):
        theme, _ = theme_model.objects.update_or_create(
            code=theme_data["code"],
            defaults={"name": theme_data["name"], "position": theme_position},
        )
        for position, (code, name) in enumerate(theme_data["elements"]):
            element_model.objects.update_or_create(
                code=code, defaults={"theme": theme, "name": name, "position": position}
            )
            count += 1
    return count
