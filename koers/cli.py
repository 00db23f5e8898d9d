"""The `koers` console script: Koers's manage.py (koers migrate, koers serve, koers demo, ...)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as problem:
        # A missing or wrong setting is the operator's to fix: say which, without a traceback.
        sys.exit(f"koers: {problem}\nSee README.md, 'Configuration'. For the local demo: KOERS_DEBUG=true koers ...")


if __name__ == "__main__":
    main()
