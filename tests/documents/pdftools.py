"""Reading rendered PDFs back as a reader's viewer would: poppler's `pdftotext`, `pdffonts`,
`pdfinfo`, and `pdftoppm` with zxing-cpp for the QR codes printed on a page."""

import subprocess

import PIL.Image
import zxingcpp


def poppler(tool: str, pdf: bytes, tmp_path) -> str:
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [tool, str(path), *(["-"] if tool == "pdftotext" else [])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def words(pdf: bytes, tmp_path) -> str:
    """The page's text as one line (lines wrap where the layout breaks them)."""
    return " ".join(poppler("pdftotext", pdf, tmp_path).split())


def font_names(pdf: bytes, tmp_path) -> set[str]:
    """The embedded fonts' names without their subset prefix ("ABCDEF+")."""
    lines = poppler("pdffonts", pdf, tmp_path).splitlines()[2:]
    return {line.split()[0].split("+", 1)[-1] for line in lines}


def qr_texts(pdf: bytes, tmp_path) -> list[str]:
    """The text of every QR code on the first page, rendered at 150 dpi."""
    path = tmp_path / "qr.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "qr")],
        check=True,
    )
    (image,) = tmp_path.glob("qr*.png")
    with PIL.Image.open(image) as page:
        return [found.text for found in zxingcpp.read_barcodes(page)]
