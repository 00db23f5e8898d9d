from django import template
from django.utils.html import format_html

from koers.web.once import ONCE_FIELD, new_key

register = template.Library()


@register.simple_tag
def once_field() -> str:
    """A hidden field with a fresh idempotency key: this rendered form saves at most once."""
    return format_html('<input type="hidden" name="{}" value="{}">', ONCE_FIELD, new_key())
