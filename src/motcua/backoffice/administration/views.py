"""The administration's home: the agencies the caller administers, each with its sections."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.accounts.selectors import administered_agencies
from motcua.backoffice.administration.common import administrator_required


@administrator_required
def home(request: HttpRequest) -> HttpResponse:
    context = {"agencies": administered_agencies(request.user)}
    return render(request, "backoffice/administration/home.html", context)
