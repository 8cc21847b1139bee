from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def hello(request):
    return HttpResponse("xin chào", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello), *project_urlpatterns]
