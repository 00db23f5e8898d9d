from django.contrib import admin
from django.urls import include, path

from koers.api.urls import api

admin.site.site_header = "Koers — beheer"
admin.site.site_title = "Koers beheer"

urlpatterns = [
    path("", include("koers.accounts.urls")),
    path("", include("koers.web.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
