"""Helpers for the signature tests: a demo PKI made once per run, real PDFs, poppler."""

import re
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from html import unescape
from pathlib import Path

from motcua.documents.pdf import render_pdf
from motcua.signatures import keys, pki

PASSPHRASE = b"mat-khau-thu"
SIGNED_AT = datetime(2026, 12, 3, 2, 41, tzinfo=UTC)  # 09:41 03/12/2026 in Vietnam


@dataclass(frozen=True)
class Pki:
    root: pki.Issued
    leader: pki.Issued
    seal: pki.Issued
    other_root: pki.Issued
    tsa: pki.Issued


@cache
def demo_pki() -> Pki:
    """Certificates valid from yesterday, so validation 'now' finds them in force."""
    start = datetime.now(UTC) - timedelta(days=1)
    root = pki.make_root(
        common_name="Cơ quan chứng thực thử nghiệm",
        organisation="Ban Cơ yếu Chính phủ",
        valid_from=start,
    )
    other = pki.make_root(common_name="CA khác", organisation="Tổ chức khác", valid_from=start)
    leader = pki.make_leaf(
        issuer=root,
        common_name="Trần Thị Bình",
        organisation="UBND xã Tân Phú",
        title="Phó Chủ tịch",
        personal_number="001190123456",
        email="binh@tanphu.gov.vn",
        valid_from=start,
    )
    seal = pki.make_leaf(
        issuer=root,
        common_name="UBND xã Tân Phú",
        organisation="UBND xã Tân Phú",
        valid_from=start,
        organisation_seal=True,
    )
    tsa = pki.make_tsa(
        issuer=root,
        common_name="TSA thử nghiệm",
        organisation="Ban Cơ yếu Chính phủ",
        valid_from=start,
    )
    return Pki(root=root, leader=leader, seal=seal, other_root=other, tsa=tsa)


def key_of(issued: pki.Issued) -> keys.Pkcs12Key:
    return keys.Pkcs12Key(data=issued.pkcs12(passphrase=PASSPHRASE), passphrase=PASSPHRASE)


@cache
def decision_pdf() -> bytes:
    """A real two-page WeasyPrint PDF, like a result the unit issues."""
    paragraphs = "".join(
        f"<p>Điều {n}. Cấp giấy phép xây dựng cho ông Nguyễn Văn Đức, thửa đất số {n}.</p>"
        for n in range(1, 40)
    )
    return render_pdf(f"<h1>QUYẾT ĐỊNH</h1><p>Về việc cấp giấy phép xây dựng</p>{paragraphs}")


def pdftotext(pdf: bytes, tmp_path: Path, *, page: int | None = None, crop=None) -> str:
    """The text poppler reads from `pdf` (optionally one 1-based page, a crop x, y, w, h in
    points from the page's top-left at 72 dpi)."""
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", "-layout", "-r", "72"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    if crop is not None:
        x, y, w, h = crop
        args += ["-x", str(int(x)), "-y", str(int(y)), "-W", str(int(w)), "-H", str(int(h))]
    return subprocess.run(
        [*args, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def word_boxes(pdf: bytes, tmp_path: Path, *, page: int) -> list[tuple[str, float, float]]:
    """Each word poppler finds on the 1-based `page` with its left and right x in points."""
    path = tmp_path / "words.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
    return [(unescape(w), float(x1), float(x2)) for x1, x2, w in re.findall(pattern, html)]


def render_page(pdf: bytes, tmp_path: Path, *, page: int, dpi: int = 72):
    """The page as a Pillow RGB image (1 pixel = 1 point at 72 dpi)."""
    from PIL import Image

    path = tmp_path / "render.pdf"
    path.write_bytes(pdf)
    prefix = tmp_path / "render"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-png",
            "-singlefile",
            str(path),
            str(prefix),
        ],
        check=True,
    )
    return Image.open(f"{prefix}.png").convert("RGB")
