from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from koers.api.urls import api

# Under /api/ the API's JSON error shape; elsewhere Django's pages (404.html, 500.html).
handler404 = "koers.api.errors.not_found_view"
handler500 = "koers.api.errors.server_error_view"

admin.site.site_header = "Koers — beheer"
admin.site.site_title = "Koers beheer"
admin.site.index_title = "Beheer"
# No "Website bekijken": administrators have no access to youth files, so Koers's pages answer 403.
admin.site.site_url = None

urlpatterns = [
    # One sign-in for everyone, with throttling and the second factor; not Django admin's own form.
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", RedirectView.as_view(url=static("koers/favicon.svg"), permanent=True)),
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("", include("koers.accounts.urls")),
    path("", include("koers.web.urls")),
    path("mijn/", include("koers.portal.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
