from django.core.exceptions import PermissionDenied
from ninja.security import HttpBearer

from koers.accounts.models import Role
from koers.accounts.services import user_for_token


class BearerToken(HttpBearer):
    """Authorization: Bearer <token>; the user becomes request.auth (and request.user).

    A chain partner's token opens only the endpoints that say so (`PartnerBearerToken`): every
    other endpoint (youths, trajectories, the method, insights) answers 403, whatever it checks."""

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            if user.role == Role.CHAIN_PARTNER:
                raise PermissionDenied("Met een sleutel van een ketenpartner kunt u alleen verwijzingen doen.")
            request.user = user
        return user


class PartnerBearerToken(HttpBearer):
    """Any valid token: the referral endpoints decide by role themselves."""

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user
