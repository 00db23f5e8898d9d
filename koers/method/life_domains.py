"""The life domains of the assessment: the seven of the 8-phase model, or the five pillars of
Mobility Mentoring's Bridge; an organisation chooses (Organisation.life_domain_set)."""

from django.utils.translation import gettext_lazy as _

LIFE_DOMAIN_SETS = {
    "self_reliance": (
        ("meaning", _("zingeving")),
        ("housing", _("wonen")),
        ("finances", _("financiën")),
        ("social", _("sociale relaties")),
        ("physical_health", _("lichamelijke gezondheid")),
        ("mental_health", _("psychische gezondheid")),
        ("work_activities", _("werk en dagbesteding")),
    ),
    "mobility_mentoring": (
        ("family_stability", _("stabiliteit in het gezin")),
        ("well_being", _("welzijn")),
        ("education", _("opleiding en training")),
        ("money", _("omgaan met geld")),
        ("employment", _("werk en loopbaan")),
    ),
}
SCORE_LABELS = {
    1: _("acute problematiek"),
    2: _("niet zelfredzaam"),
    3: _("beperkt zelfredzaam"),
    4: _("voldoende zelfredzaam"),
    5: _("volledig zelfredzaam"),
}


def domains_of(domain_set: str) -> tuple:
    return LIFE_DOMAIN_SETS.get(domain_set, LIFE_DOMAIN_SETS["self_reliance"])
