"""The officer's work: the inbox by role and unit."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.backoffice.decorators import officer_required


@officer_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/home.html", {})
