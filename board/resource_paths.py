"""The one place that knows where the resources (fonts, icons, translations, demo data) are.

In an installed wheel they sit inside the package (``board/resources``); in a source
checkout they are the repository's top-level ``resources/`` folder.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resource_root() -> Path:
    packaged = Path(__file__).parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    path = resource_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"missing resource: {'/'.join(parts)}")
    return path


def font_path(bold: bool = False) -> Path:
    return resource("fonts", "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
