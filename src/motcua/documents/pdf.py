"""Official papers as A4 PDF (NĐ 30/2020: Times New Roman family, A4, the decree's margins), from
HTML templates an administrator may edit.

Templates are Django template text rendered by an engine of their own: no loaders (so no
`{% include %}` or `{% extends %}` reaches a file), autoescaping on, and a context of plain data
the caller built — a template cannot reach the database or the disk. WeasyPrint then lays the
page out with a URL fetcher that serves only the bundled fonts: a template asking for
`file:///etc/passwd` or any web address gets nothing. The font is Noto Serif from PyPI's
`fontpkg-noto-serif` (no root needed, full Vietnamese coverage), named first so that every
machine prints the same page: Times New Roman itself is not ours to ship, and fontconfig answers
a request for it with Liberation Serif, whose version in Debian's `fonts-liberation` lacks
Vietnamese letters (a page would mix fonts within words).
"""

from collections.abc import Mapping
from typing import Any

import fontpkg_noto_serif
from django.template import Context, Engine, TemplateDoesNotExist, TemplateSyntaxError
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from motcua.core.errors import ValidationFailed

FONT_SCHEME = "motcua-font:"
FONTS = {
    "NotoSerif.ttf": fontpkg_noto_serif.ROOT / "files" / "NotoSerif[wdth,wght].ttf",
    "NotoSerif-Italic.ttf": fontpkg_noto_serif.ROOT / "files" / "NotoSerif-Italic[wdth,wght].ttf",
}
# NĐ 30/2020 Phụ lục I: A4; margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm;
# body text 13–14 pt.
PAGE_CSS = f"""
@font-face {{ font-family: "Noto Serif"; src: url("{FONT_SCHEME}NotoSerif.ttf"); }}
@font-face {{ font-family: "Noto Serif"; font-style: italic;
             src: url("{FONT_SCHEME}NotoSerif-Italic.ttf"); }}
@page {{ size: A4; margin: 20mm 15mm 20mm 30mm; }}
html {{ font-family: "Noto Serif", "Times New Roman", serif; font-size: 13pt;
       line-height: 1.3; }}
"""

_ENGINE = Engine(autoescape=True, loaders=[], debug=False)


def render_html(template_text: str, context: Mapping[str, Any]) -> str:
    """`template_text` filled with `context` (plain data), or `ValidationFailed` saying where
    the template is wrong."""
    try:
        template = _ENGINE.from_string(template_text)
        return template.render(Context(dict(context), autoescape=True))
    except (TemplateSyntaxError, TemplateDoesNotExist) as exc:
        message = _("Mẫu văn bản có lỗi: %(error)s") % {"error": exc}
        raise ValidationFailed(message, code="template_error", fields={"body": [message]}) from exc


class BundledOnly(URLFetcher):
    """Serves the bundled fonts and refuses every other address (files, the web, data: URLs)."""

    def fetch(self, url, headers=None) -> URLFetcherResponse:
        name = url.removeprefix(FONT_SCHEME)
        if not url.startswith(FONT_SCHEME) or name not in FONTS:
            raise ValueError(f"refused: {url[:80]}")
        return URLFetcherResponse(
            url, FONTS[name].read_bytes(), headers={"Content-Type": "font/ttf"}
        )


def render_pdf(html: str) -> bytes:
    """The A4 PDF of `html`, with the project's fonts and nothing fetched from elsewhere."""
    fetcher, fonts = BundledOnly(), FontConfiguration()
    return HTML(string=html, url_fetcher=fetcher, base_url=FONT_SCHEME).write_pdf(
        stylesheets=[CSS(string=PAGE_CSS, url_fetcher=fetcher, font_config=fonts)],
        font_config=fonts,
    )


# WeasyPrint lays out in CSS pixels (96 per inch); PDF user space is in points (72 per inch).
POINTS_PER_PX = 72 / 96

Box = tuple[float, float, float, float]


def render_pdf_with_anchors(html: str) -> tuple[bytes, dict[str, tuple[int, Box]]]:
    """The PDF of `html` as `render_pdf` makes it, and where each element with an `id` landed:
    its page index and its border box `(x1, y1, x2, y2)` in PDF points from the bottom-left of
    that page — what a signature field's rectangle needs. An id on several pages counts once,
    where it first appears."""
    fetcher, fonts = BundledOnly(), FontConfiguration()
    document = HTML(string=html, url_fetcher=fetcher, base_url=FONT_SCHEME).render(
        stylesheets=[CSS(string=PAGE_CSS, url_fetcher=fetcher, font_config=fonts)],
        font_config=fonts,
    )
    anchors: dict[str, tuple[int, Box]] = {}
    for index, page in enumerate(document.pages):
        # WeasyPrint 70 gives each anchor its hit area, (x1, y1, x2, y2) from the top-left.
        for name, (x1, y1, x2, y2) in page.anchors.items():
            if name not in anchors:
                anchors[name] = (
                    index,
                    (
                        x1 * POINTS_PER_PX,
                        (page.height - y2) * POINTS_PER_PX,
                        x2 * POINTS_PER_PX,
                        (page.height - y1) * POINTS_PER_PX,
                    ),
                )
    return document.write_pdf(), anchors
