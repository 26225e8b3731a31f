"""Small real files of each accepted type, and the private storage pointed at a test directory."""

import struct
import zlib

import pytest

from motcua.documents.sample_files import simple_pdf


def pdf_bytes(text: str = "Don dang ky khai sinh") -> bytes:
    """A one-page PDF whose cross-reference table points at its objects."""
    return simple_pdf([text], size=12)


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A grey PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x80" * width for _row in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    """A JFIF header and end marker: what a camera's file starts and ends with."""
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0 + b"\xff\xd9"


@pytest.fixture
def private_root(request, settings, tmp_path):
    """Stored files go to a directory of this test, never to var/private; with a demo seed
    shared by the module's tests, to the seed's (where the demo's own files are)."""
    if "_shared_demo" in request.fixturenames:
        return request.getfixturevalue("_shared_demo") / "private"
    root = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root},
        },
    }
    return root
