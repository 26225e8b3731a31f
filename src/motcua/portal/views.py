"""Citizen-facing pages. For now the home page, which says where things are."""

from django.shortcuts import render

from motcua.agencies.selectors import installation_root


def home(request):
    return render(request, "portal/home.html", {"province": installation_root()})
