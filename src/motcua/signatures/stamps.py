"""Visible signature appearances (NĐ 30/2020 Phụ lục I; vn-rules "Signing an issued result").

An `Appearance` is plain data (a box on a page, centred text lines, an image); `stamp_style`
turns it into a pyHanko stamp. Text is set with pyHanko's OpenType engine
(`GlyphAccumulatorFactory`) on Noto Serif from `fontpkg-noto-serif` (unitsPerEm 1000, full
Vietnamese coverage), so that `pdftotext` reads the stamp back with its diacritics. The package
ships a variable font; pyHanko embeds static outlines only, so the regular and bold weights are
instanced once with fontTools and cached in the temporary directory. pyHanko's own
`TextStampStyle` left-aligns one text box; the decree's block is centred, so `LinesStampStyle`
lays out each line itself with the same font engine.
"""

import hashlib
import math
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

import fontpkg_noto_serif
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont
from pyhanko.pdf_utils import content, layout
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.stamp.base import BaseStamp, BaseStampStyle

from motcua.core.errors import ValidationFailed

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
VARIABLE_FONT = fontpkg_noto_serif.ROOT / "files" / "NotoSerif[wdth,wght].ttf"
MM = 72 / 25.4
TITLE_PT, NAME_PT, SMALL_PT, ATTACHMENT_PT = 13.0, 13.0, 8.0, 10.0
SIDE = 2.0  # points kept free at the box's left and right
BLUE, RED = (20, 45, 160), (215, 25, 30)


@dataclass(frozen=True)
class Appearance:
    """A visible signature: `lines` centred in `box` (top to bottom); an empty line marks where
    `image` goes (the image is fitted to the box when there is no empty line). `sizes` and
    `bold` give each line's size in points and weight (defaults 13 pt, regular)."""

    page: int  # 0-based; -1 = last page
    box: tuple[float, float, float, float]  # x1, y1, x2, y2 in PDF points from bottom-left
    lines: tuple[str, ...] = ()
    image: bytes | None = None  # transparent PNG
    sizes: tuple[float, ...] = ()
    bold: tuple[bool, ...] = ()


def vietnam_time(moment: datetime) -> datetime:
    return moment.astimezone(VIETNAM)


def personal(
    *,
    page: int,
    box: tuple[float, float, float, float],
    capacity: str,
    title: str,
    name: str,
    signed_at: datetime,
    image: bytes | None,
) -> Appearance:
    r"""The competent person's block: capacity and title in bold capitals, the signature image,
    the name in bold, and "Ký số: 09:41 03/12/2026" small.

    `title` is the signer's own title, or two lines "whom the signer acts for\nown title":
    `capacity="KT.", title="Chủ tịch\nPhó Chủ tịch"` gives "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH";
    with KT. a single "Phó Chủ tịch" gives the same (the head is the deputy's title without
    "Phó"); TM., TL. and TUQ. need the two lines ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")."""
    title_lines = [line.strip().upper() for line in title.split("\n") if line.strip()]
    capacity = capacity.strip().upper()
    if capacity == "KT." and len(title_lines) == 1 and title_lines[0].startswith("PHÓ "):
        title_lines.insert(0, title_lines[0].removeprefix("PHÓ ").strip())
    if capacity and title_lines:
        title_lines[0] = f"{capacity} {title_lines[0]}"
    when = vietnam_time(signed_at).strftime("%H:%M %d/%m/%Y")
    lines = (*title_lines, "", name, f"Ký số: {when}")
    return Appearance(
        page=page,
        box=box,
        lines=lines,
        image=image,
        sizes=(*[TITLE_PT] * len(title_lines), 0.0, NAME_PT, SMALL_PT),
        bold=(*[True] * len(title_lines), False, True, False),
    )


def seal_over(*, personal: Appearance, seal_image: bytes, diameter_mm: float = 36) -> Appearance:
    """The organisation's signature: the red seal at real size over the left third of the
    personal block, vertically centred on it (the seal's right edge a little past the first
    third, so the seal covers the left third of the signature)."""
    x1, y1, x2, y2 = personal.box
    diameter = diameter_mm * MM
    right = x1 + (x2 - x1) / 3 + diameter * 0.2
    middle = (y1 + y2) / 2
    box = (right - diameter, middle - diameter / 2, right, middle + diameter / 2)
    return Appearance(page=personal.page, box=box, lines=(), image=seal_image)


def attachment(
    *, number: str, signed_at: datetime, page_width: float, page_height: float
) -> Appearance:
    """The organisation's signature on an attachment: top right of the first page, no image,
    the document's number and symbol and the signing time (ISO 8601, Vietnam time), 10 pt."""
    width, height = 62 * MM, 12 * MM
    right, top = page_width - 15 * MM, page_height - 8 * MM
    when = vietnam_time(signed_at).replace(microsecond=0).isoformat()
    return Appearance(
        page=0,
        box=(right - width, top - height, right, top),
        lines=(number, when),
        sizes=(ATTACHMENT_PT, ATTACHMENT_PT),
    )


def placement(appearance: Appearance, writer) -> tuple[int, tuple[int, int, int, int]]:
    """The 0-based page and the integer box pyHanko's field spec wants."""
    count = int(writer.root["/Pages"]["/Count"])
    page = appearance.page if appearance.page >= 0 else count + appearance.page
    if not 0 <= page < count:
        raise ValueError(f"page {appearance.page} outside a {count}-page document")
    x1, y1, x2, y2 = appearance.box
    return page, (math.floor(x1), math.floor(y1), math.ceil(x2), math.ceil(y2))


# Fonts ------------------------------------------------------------------------------------


def font_file(*, bold: bool) -> Path:
    """A static Noto Serif (regular or bold) cut from the variable font (a few seconds, once),
    cached in the temporary directory (looked for at each use: a /tmp cleaner may remove it);
    if that cannot be written, the variable font itself (its default instance: regular, so the
    bold lines come out regular)."""
    try:
        return _static_font(bold=bold)
    except OSError:
        return VARIABLE_FONT


# Unicode ranges a stamp may write: ASCII, Latin-1 and Latin Extended, combining marks, Latin
# Extended Additional (Vietnamese letters with two marks), general punctuation, the đồng sign.
STAMP_LETTERS = (
    (0x20, 0x7F),
    (0xA0, 0x250),
    (0x300, 0x370),
    (0x1E00, 0x1F00),
    (0x2000, 0x2070),
    (0x20AB, 0x20AC),
)


def _static_font(*, bold: bool) -> Path:
    source = VARIABLE_FONT
    stat = source.stat()
    key = hashlib.sha256(
        f"{source}:{stat.st_size}:{stat.st_mtime_ns}:{STAMP_LETTERS}".encode()
    ).hexdigest()[:12]
    weight = 700 if bold else 400
    target = Path(tempfile.gettempdir()) / "motcua-fonts" / f"NotoSerif-{weight}-{key}.ttf"
    if not target.exists():
        from fontTools import subset
        from fontTools.ttLib import TTFont
        from fontTools.varLib import instancer

        target.parent.mkdir(parents=True, exist_ok=True)
        # Only the letters a stamp writes (Latin and Vietnamese): a third of the glyphs, so
        # each signature reads the font three times faster.
        font = TTFont(source)
        options = subset.Options(layout_features=["*"], name_IDs=["*"], notdef_outline=True)
        cutter = subset.Subsetter(options)
        cutter.populate(
            unicodes=[code for start, end in STAMP_LETTERS for code in range(start, end)]
        )
        cutter.subset(font)
        static = instancer.instantiateVariableFont(
            font, {"wght": weight, "wdth": 100}, updateFontNames=False
        )
        partial = target.with_suffix(f".{os.getpid()}.part")
        static.save(partial)
        os.replace(partial, target)  # atomic: concurrent workers never read half a file
    return target


# The stamp ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinesStampStyle(BaseStampStyle):
    """pyHanko stamp style drawing an `Appearance` (centred lines, an image in the gap)."""

    appearance: Appearance = field(default_factory=lambda: Appearance(page=0, box=(0, 0, 1, 1)))
    border_width: int = 0
    background_opacity: float = 1.0

    def create_stamp(self, writer, box: layout.BoxConstraints, text_params: dict) -> "LinesStamp":
        return LinesStamp(writer=writer, style=self, box=box)


class LinesStamp(BaseStamp):
    def _engine(self, bold: bool, size: float):
        key = (bold, size)
        if key not in self._engines:
            factory = GlyphAccumulatorFactory(str(font_file(bold=bold)), font_size=size)
            engine = factory.create_font_engine(self.writer)
            engine.font_size = size
            self._engines[key] = (f"F{len(self._engines) + 1}", engine)
        return self._engines[key]

    def _render_inner_content(self):
        appearance: Appearance = self.style.appearance
        self._engines: dict = {}
        width, height = self.box.width, self.box.height
        lines = list(appearance.lines)
        sizes = [
            appearance.sizes[i] if i < len(appearance.sizes) else TITLE_PT
            for i in range(len(lines))
        ]
        bold = [i < len(appearance.bold) and appearance.bold[i] for i in range(len(lines))]
        text_height = sum(1.25 * sizes[i] for i, line in enumerate(lines) if line)
        gap = max(height - text_height - 4, 0) if "" in lines else 0
        commands = [b"q 0 0 0 rg"]
        cursor = height - 2  # top margin
        for i, line in enumerate(lines):
            if not line:
                if appearance.image:
                    commands.append(self._image(appearance.image, 0, cursor - gap, width, gap))
                cursor -= gap
                continue
            size = sizes[i]
            name, engine = self._engine(bold[i], size)
            shaped = engine.shape(line)
            # A line wider than the box (a long name) is set smaller rather than cut off.
            fit = min(1.0, (width - 2 * SIDE) / max(shaped.x_advance * size, 1e-6))
            advance = shaped.x_advance * size * fit
            cursor -= 1.25 * size
            commands.append(
                b"BT /%s %g Tf %g 0 0 %g %g %g Tm %s ET"
                % (
                    name.encode(),
                    size,
                    fit,
                    fit,
                    (width - advance) / 2,
                    cursor + 0.25 * size,
                    shaped.graphics_ops,
                )
            )
        if appearance.image and "" not in lines:
            commands.append(self._image(appearance.image, 0, 0, width, height))
        commands.append(b"Q")
        for name, engine in self._engines.values():
            self.set_resource(
                category=content.ResourceType.FONT,
                name=pdf_name("/" + name),
                value=engine.as_resource(),
            )
        return commands

    def _image(self, png: bytes, x: float, y: float, width: float, height: float) -> bytes:
        """`png` scaled to fit (x, y, width, height), centred, keeping its proportions."""
        try:
            picture = Image.open(BytesIO(png))
            picture.load()
        except (OSError, ValueError) as exc:  # PIL's UnidentifiedImageError is an OSError
            raise ValidationFailed(
                _("Ảnh chữ ký hoặc con dấu không đọc được (cần tệp PNG)."), code="bad_image"
            ) from exc
        if width <= 0 or height <= 0:
            return b""
        if picture.mode not in ("RGB", "RGBA", "L", "LA"):
            picture = picture.convert("RGBA")  # palettes and odd modes: keep the transparency
        # About 300 dpi is plenty: a camera-sized scan would only make every signed copy heavy.
        picture.thumbnail((max(int(width * 4), 1), max(int(height * 4), 1)))
        scale = min(width / picture.width, height / picture.height)
        w, h = picture.width * scale, picture.height * scale
        image = PdfImage(picture, writer=self.writer, box=layout.BoxConstraints(w, h))
        drawn = image.render()
        self.import_resources(image.resources)
        return b"q 1 0 0 1 %g %g cm %s Q" % (x + (width - w) / 2, y + (height - h) / 2, drawn)


def stamp_style(appearance: Appearance) -> LinesStampStyle:
    return LinesStampStyle(appearance=appearance)


# Demo pictures ----------------------------------------------------------------------------


def _pil_font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_file(bold=bold)), size)


def demo_signature_png(name: str) -> bytes:
    """A blue handwriting-like stroke (a few loops and the last name) on a transparent ground."""
    width, height = 600, 240
    picture = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    seed = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)
    points = []
    for step in range(900):
        t = step / 899
        # x runs backwards for a moment on every turn of `loop`: the pen draws small loops.
        loop = t * math.pi * (9 + seed % 5)
        x = 50 + t * 480 + math.cos(loop) * 30
        y = height / 2 + math.sin(loop) * 45 * (1 - t * 0.6) + math.sin(t * math.pi * 2) * 25
        points.append((x, y))
    draw.line(points, fill=(*BLUE, 255), width=7, joint="curve")
    draw.line([(60, 195), (540, 175)], fill=(*BLUE, 255), width=5)
    return _png(picture)


def demo_seal_png(agency_name: str) -> bytes:
    """A red round seal: outer and inner rings, a star in the middle, the agency's name along the
    ring (each letter rotated) — transparent outside the ink."""
    size = 720
    picture = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    ink = (*RED, 235)
    c = size / 2
    draw.ellipse((8, 8, size - 8, size - 8), outline=ink, width=18)
    draw.ellipse((150, 150, size - 150, size - 150), outline=ink, width=8)
    star = [
        (
            c + (120 if k % 2 == 0 else 48) * math.sin(k * math.pi / 5),
            c - (120 if k % 2 == 0 else 48) * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=ink)
    text = agency_name.upper()
    font = _pil_font(44, bold=True)
    span = min(300.0, 12.0 * len(text))  # degrees of ring the text covers
    for k, letter in enumerate(text):
        angle = -span / 2 + span * (k + 0.5) / len(text)
        tile = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((32, 32), letter, font=font, fill=ink, anchor="mm")
        tile = tile.rotate(-angle, resample=Image.BICUBIC)
        radius = c - 80
        x = c + radius * math.sin(math.radians(angle))
        y = c - radius * math.cos(math.radians(angle))
        picture.alpha_composite(tile, (int(x - 32), int(y - 32)))
    return _png(picture)


def _png(picture: Image.Image) -> bytes:
    out = BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()
