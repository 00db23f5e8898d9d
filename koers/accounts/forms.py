from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Gebruikersnaam of wachtwoord klopt niet. Let op hoofdletters."),
        "inactive": _("Dit account is niet actief. Neem contact op met functioneel beheer."),
    }


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code uit uw authenticator-app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Vul de 6 cijfers in uit uw authenticator-app.")},
        # The only field of the page: it has the focus, and phones offer the code from a message or app.
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "size": 8, "autofocus": True}
        ),
    )


class PasswordSetForm(SetPasswordForm):
    """Choosing one's own password behind the mailed link; Django's rules (10 characters, not
    common, not like the name), in Dutch."""

    error_messages = {"password_mismatch": _("De twee wachtwoorden zijn niet gelijk. Typ ze nog een keer.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Nieuw wachtwoord")
        self.fields["new_password1"].help_text = _(
            "Minstens 10 tekens. Geen wachtwoord dat veel mensen gebruiken, en niet alleen cijfers."
        )
        self.fields["new_password2"].label = _("Nog een keer hetzelfde wachtwoord")
        self.fields["new_password2"].help_text = ""
