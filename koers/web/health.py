"""A bare view without database or session work: for load balancers, and as the benchmark's baseline."""

from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def health_view(request):
    return HttpResponse("ok", content_type="text/plain")
