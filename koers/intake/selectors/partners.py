"""The toolbox names its local partners as free text (koers.method `partners`); where such a
name is a chain partner of the organisation, this links the two by name, case and spaces aside."""

from koers.accounts.models import ChainPartner


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def chain_partners_named(*, organisation_id: int, names: list[str] | tuple[str, ...]) -> dict[str, ChainPartner]:
    """Each of `names` that is a chain partner's name, with that partner (one query)."""
    wanted = {_key(name): name for name in names if name.strip()}
    if not wanted:
        return {}
    found = {}
    for partner in ChainPartner.objects.filter(organisation_id=organisation_id):
        if (key := _key(partner.name)) in wanted:
            found[wanted[key]] = partner
    return found
