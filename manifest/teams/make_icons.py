"""Regenerate color.png (192x192) and outline.png (32x32, white on transparent) with the stdlib.

Why a script: the icons are reviewable code instead of opaque binaries, and no imaging
library is needed. Run: python manifest/teams/make_icons.py
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ACCENT = (0x2E, 0x5A, 0xAC, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)

Pixel = tuple[int, int, int, int]


def png(width: int, height: int, pixels: list[list[Pixel]]) -> bytes:
    """Minimal RGBA PNG: signature, IHDR, one zlib IDAT, IEND."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    raw = b"".join(b"\x00" + b"".join(bytes(p) for p in row) for row in pixels)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def document(size: int, ink: Pixel, paper: Pixel, stroke: int) -> list[list[Pixel]]:
    """A page outline with three text lines: the 'policy document' glyph, scaled to size."""
    grid = [[paper] * size for _ in range(size)]
    left, right = round(size * 0.22), round(size * 0.78)
    top, bottom = round(size * 0.12), round(size * 0.88)
    for y in range(top, bottom):
        for x in range(left, right):
            inside_x = left + stroke <= x < right - stroke
            inside_y = top + stroke <= y < bottom - stroke
            if not (inside_x and inside_y):
                grid[y][x] = ink
    for i in range(3):
        y0 = top + round((bottom - top) * (0.3 + 0.18 * i))
        for y in range(y0, y0 + stroke):
            for x in range(left + 2 * stroke, right - 2 * stroke - (i == 2) * 3 * stroke):
                grid[y][x] = ink
    return grid


def main() -> None:
    (HERE / "color.png").write_bytes(png(192, 192, document(192, WHITE, ACCENT, 8)))
    (HERE / "outline.png").write_bytes(png(32, 32, document(32, WHITE, CLEAR, 2)))


if __name__ == "__main__":
    main()
