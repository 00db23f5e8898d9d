"""Who may manage whose account (second factor, password link): shared by the account services."""

from koers.accounts.models import Role, User


def may_manage(actor: User, user: User) -> bool:
    """A platform operator, or a functional administrator of the account's organisation (never for
    a platform operator's account)."""
    if actor.is_superuser:
        return True
    return (
        actor.is_active
        and actor.role == Role.FUNCTIONAL_ADMIN
        and actor.organisation_id is not None
        and actor.organisation_id == user.organisation_id
        and not user.is_superuser
    )
