"""What each flag of koers.impact.estimate says on the page, in the report and in the API."""

from django.utils.translation import gettext as _

from koers.impact.estimate import Flag


def flag_message(flag: Flag) -> str:
    subject = flag.subject if flag.subject not in ("kosten", "periode") else ""
    messages = {
        "negative": _("%(s)s: een bedrag is negatief.") % {"s": subject or _("Gemaakte kosten")},
        "high_below_low": _("%(s)s: het hoge bedrag is lager dan het lage bedrag.") % {"s": subject},
        "no_source": _("%(s)s: er staat geen bron bij. Vul de bron in, met het jaar.") % {"s": subject},
        "breakdown_mismatch": _("Gemaakte kosten: de kostenposten tellen niet op tot het totaal (%(detail)s).")
        % {"detail": flag.detail},
        "incomplete": _("Gemaakte kosten: vul het bedrag en het aantal maanden in, of kies een andere manier."),
        "rounded": _("%(s)s: het bedrag is afgerond op hele centen.") % {"s": subject or _("Gemaakte kosten")},
        "horizon": _("Kies een periode van minstens 1 maand."),
    }
    return messages.get(flag.code, flag.code)


def flag_messages(flags: list[Flag]) -> list[str]:
    seen: list[str] = []
    for flag in flags:
        message = flag_message(flag)
        if message not in seen:
            seen.append(message)
    return seen
