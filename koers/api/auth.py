from ninja.security import HttpBearer

from koers.accounts.services import user_for_token


class BearerToken(HttpBearer):
    """Authorization: Bearer <token>; the user becomes request.auth (and request.user)."""

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user
