"""Helpers that build WebDataset shards inside tests."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path


def write_tar(path: Path, members: list[tuple[str, bytes]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "w") as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def photo_shards(
    folder: Path, photos: dict[str, bytes], count: int, per_shard: int, prefix: str = "train"
) -> list[Path]:
    """``count`` samples cycling through ``photos``, ``per_shard`` per shard, each with a json member."""
    names = sorted(photos)
    shards, members = [], []
    for i in range(count):
        key = f"s{i:05d}"
        members += [(f"{key}.png", photos[names[i % len(names)]]), (f"{key}.json", f'{{"i": {i}}}'.encode())]
        if len(members) == 2 * per_shard or i == count - 1:
            shards.append(write_tar(folder / f"{prefix}-{len(shards):06d}.tar", members))
            members = []
    return shards


def small_photos(photos: dict[str, bytes], side: int = 160) -> dict[str, bytes]:
    """The photos, downscaled so that coding a shard takes a fraction of a second."""
    from PIL import Image

    out = {}
    for name, data in photos.items():
        im = Image.open(io.BytesIO(data))
        im.thumbnail((side, side))
        buf = io.BytesIO()
        im.save(buf, format="PNG")
        out[name] = buf.getvalue()
    return out
