"""Vietnamese first: pages are in Vietnamese unless the visitor chose English.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a Vietnamese officer on
an English-language Windows would get English screens. Here pages follow only the language the
visitor picked (the language cookie set by `/i18n/setlang/`); the API, whose callers are
programs, also honours Accept-Language.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = self._choice(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response

    def _choice(self, request) -> str:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in self.supported:
            return chosen
        if request.path.startswith("/api/"):
            asked = translation.get_language_from_request(request)
            if asked in self.supported:
                return asked
        return settings.LANGUAGE_CODE
