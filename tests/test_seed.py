"""The seed article is byte-for-byte the one the gold was annotated on."""

from __future__ import annotations

import hashlib

from conftest import SEED_FILE, SEED_SHA256

from wiregold import paths


def test_seed_sha256() -> None:
    data = (paths.data_root() / SEED_FILE).read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256


def test_seed_is_utf8_without_bom_and_keeps_its_line_ends() -> None:
    data = (paths.data_root() / SEED_FILE).read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8")
    assert "\r" not in text
    assert len(text) == 4017  # code points, the unit of every offset
