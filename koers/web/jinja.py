"""The Jinja2 environment of Koers's pages (ADR 0006: Django's template language was the wall).

Pages use Jinja2 through Django's own backend; the admin keeps Django's templates. What the
templates need from Django is offered here: url() and static(), Dutch dates and texts through
Django's translation functions, the idempotency key of a form, and the `querystring` of a list.
"""

import datetime as dt
from functools import lru_cache

from django.contrib.staticfiles.storage import staticfiles_storage
from django.template import defaultfilters
from django.template.backends import jinja2 as django_jinja2
from django.test.signals import template_rendered
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from jinja2 import Environment
from markupsafe import Markup, escape

from koers.web.fragments import static_fragment
from koers.web.money import euro
from koers.web.once import ONCE_FIELD, new_key


@lru_cache(maxsize=16384)
def _reversed(name: str, args: tuple, prefix: str) -> str:
    return reverse(name, args=args)


def url(name: str, *args) -> str:
    """reverse(), remembered: a list of 50 rows links to the same few pages with other ids."""
    return _reversed(name, args, get_script_prefix())


def once_field() -> Markup:
    """A hidden field with a fresh idempotency key: this rendered form saves at most once."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(ONCE_FIELD, new_key())


def querystring(request, **changes) -> str:
    """The current query string with `changes` (None removes a key), as '?a=1&b=2'."""
    query = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode()


# Translations and formats do not change while the server runs, and a list repeats the same texts
# and dates on every row: looked up once per language, not per row (Vandaag: ~250 texts a page).


@lru_cache(maxsize=8192)
def _translated(message: str, language: str | None) -> str:
    return gettext(message)


@lru_cache(maxsize=1024)
def _translated_plural(singular: str, plural: str, number: int, language: str | None) -> str:
    return ngettext(singular, plural, number)


@lru_cache(maxsize=8192)
def _formatted_date(value: dt.date, format_string: str | None, language: str | None) -> str:
    return defaultfilters.date(value, format_string)


def cached_gettext(message: str) -> str:
    return _translated(message, get_language())


def cached_ngettext(singular: str, plural: str, number: int) -> str:
    return _translated_plural(singular, plural, number, get_language())


def date_filter(value, format_string: str | None = None) -> str:
    """Django's `date` filter; plain dates (not times, which depend on the time zone) cached."""
    if type(value) is dt.date:
        return _formatted_date(value, format_string, get_language())
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        # Django's engine converts to local time before its filter runs; Jinja2 does not.
        value = timezone.localtime(value)
    return defaultfilters.date(value, format_string)


def short_date(value: dt.date) -> str:
    """'8 december' this year, '8 december 2027' in any other: the year only when it is needed."""
    with_year = value.year != timezone.localdate().year
    return date_filter(value, "j F Y" if with_year else "j F")


def breakable_email(address: str) -> Markup:
    """A long e-mail address may wrap after '@' and '.', never inside a word."""
    escaped = str(escape(address))
    return Markup(escaped.replace("@", "@<wbr>").replace(".", ".<wbr>"))  # noqa: S704 (escaped above)


def environment(**options) -> Environment:
    options.pop("autoescape", None)  # always on, whatever the settings say
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(cached_gettext, cached_ngettext, newstyle=True)
    env.globals.update(
        url=url,
        static=staticfiles_storage.url,
        once_field=once_field,
        querystring=querystring,
        static_fragment=static_fragment,
    )
    env.filters.update(
        date=date_filter,
        short_date=short_date,
        breakable_email=breakable_email,
        euro=euro,
        time=defaultfilters.time,
        capfirst=defaultfilters.capfirst,
        linebreaksbr=lambda value: defaultfilters.linebreaksbr(value, autoescape=True),
    )
    return env


class Template(django_jinja2.Template):
    def render(self, context=None, request=None):
        html = super().render(context, request)
        # As Django's own templates do, so the test client can show what a page was given.
        # Without listeners (outside tests) sending costs next to nothing.
        if template_rendered.receivers:
            template_rendered.send(sender=self, template=self, context=context or {})
        return html


class Jinja2(django_jinja2.Jinja2):
    """Django's Jinja2 backend, with the test client's view of the context."""

    def get_template(self, template_name):
        template = super().get_template(template_name)
        return Template(template.template, self)
