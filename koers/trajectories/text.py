"""Which text Koers accepts: the services' one set of rules for names, notes and descriptions.

The rules themselves are Django-free (koers.lib.text); this turns them into ValidationErrors that
name the field, so pages and the API show the message at the right place.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from koers.lib.text import TextError, clean_name, clean_text


def _check_length(field: str, text: str, max_length: int) -> None:
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("Deze tekst is te lang: %(length)s tekens, het maximum is %(max)s.")
                % {"length": len(text), "max": max_length}
            }
        )


def text_field(field: str, value: str, *, max_length: int, multiline: bool = False, required: bool = False) -> str:
    """Clean free text (see koers.lib.text) and check its length."""
    text = clean_text(value or "", multiline=multiline)
    if required and not text:
        raise ValidationError({field: _("Dit veld mag niet leeg zijn.")})
    _check_length(field, text, max_length)
    return text


def name_field(field: str, value: str, *, max_length: int) -> str:
    """A person's name: clean single-line text with at least one letter."""
    try:
        name = clean_name(value or "")
    except TextError:
        raise ValidationError({field: _("Vul een naam in met letters.")}) from None
    _check_length(field, name, max_length)
    return name
