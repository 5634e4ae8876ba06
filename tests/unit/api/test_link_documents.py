"""Link documents are typed by their first bytes, never by their name."""

from __future__ import annotations

import pytest

from api.supply_chain.documents import sniff_media_type


@pytest.mark.parametrize(
    ("content", "media"),
    [
        (b"%PDF-1.7\n...", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0JFIF", "image/jpeg"),
        (b"II*\x00....", "image/tiff"),
        (b"MZ\x90\x00 an executable named invoice.pdf", None),
        (b"PK\x03\x04 a zip (docx, xlsx) can hide anything", None),
        (b"<html>", None),
    ],
)
def test_the_content_says_the_type(content: bytes, media: str | None) -> None:
    assert sniff_media_type(content) == media
