from django.http import JsonResponse
from django.views.generic import TemplateView


class HomeView(TemplateView):
    template_name = "home.html"


def healthz(request):
    return JsonResponse({"status": "ok"})


def permission_denied(request, exception=None):
    from django.views.defaults import permission_denied as default

    return default(request, exception)


def page_not_found(request, exception=None):
    from django.views.defaults import page_not_found as default

    return default(request, exception)


def server_error(request):
    from django.views.defaults import server_error as default

    return default(request)
