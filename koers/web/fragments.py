"""Parts of a page that are the same for every youth, rendered once per process.

An empty contact form's agreements, self-rating and notes, and its working-element checkboxes
without a tick, come out the same on every youth file: the youth file rendered them on every
view (issue 18). A template wraps such a part in `{% call static_fragment("name", ...) %}`; the
key holds everything the part is made from besides the code (the language always, and e.g. the
elements' codes and names themselves), so a changed taxonomy or translation makes a new key,
never a stale form. Kept per process and not in the shared cache: the HTML is derived from the
code of this release, and a new release starts new processes.
"""

import threading
from collections.abc import Callable, Hashable

from django.utils.translation import get_language
from markupsafe import Markup

MAX_FRAGMENTS = 512  # a few KB each; full means "start again", not "grow"

_fragments: dict[tuple, Markup] = {}
_lock = threading.Lock()


def static_fragment(*key: Hashable, caller: Callable[[], str], cache: bool = True) -> Markup:
    """The HTML of the wrapped part: rendered by `caller` once per key and language; every time
    when `cache` is false (a form shown again with what was typed and its errors)."""
    if not cache:
        return Markup(caller())  # noqa: S704 (the template escaped what it rendered)
    full_key = (get_language(), *key)
    html = _fragments.get(full_key)
    if html is None:
        html = Markup(caller())  # noqa: S704 (the template escaped what it rendered)
        with _lock:
            if len(_fragments) >= MAX_FRAGMENTS:
                _fragments.clear()
            _fragments[full_key] = html
    return html
