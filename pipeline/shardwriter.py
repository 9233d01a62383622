"""Folders of images → WebDataset shards (``name-%06d.tar``).

Keys are file paths relative to their source folder with the extension
removed and every character WebDataset treats specially (``.``, ``/``) made
safe, so ``a/b.c.jpg`` becomes ``a_b_c``. The image bytes are stored as they
are (no re-encoding), under their own extension.
"""

from __future__ import annotations

import re
import tarfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import PipelineError
from .shards import IMAGE_EXTENSIONS

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def find_images(sources: Iterable[str | Path]) -> Iterator[tuple[Path, Path]]:
    """``(root, file)`` for every image under each source (a folder or a file), sorted."""
    for source in sources:
        root = Path(source)
        if root.is_file():
            yield root.parent, root
        elif root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.suffix.lower().lstrip(".") in IMAGE_EXTENSIONS:
                    yield root, path
        else:
            raise PipelineError(f"source {source!s} is neither a file nor a folder")


def sample_key(root: Path, path: Path) -> str:
    """A dot-free, slash-free WebDataset key for ``path`` relative to ``root``."""
    relative = path.relative_to(root).with_suffix("")
    return _UNSAFE.sub("_", str(relative)).strip("_") or "image"


def write_shards(
    sources: Iterable[str | Path],
    output: str | Path,
    prefix: str = "images",
    max_count: int = 1000,
    max_bytes: int = 256 * 2**20,
) -> list[Path]:
    """Write the images under ``sources`` into shards; returns the shard paths.

    A shard is closed when it holds ``max_count`` samples or would exceed
    ``max_bytes``. Duplicate keys get a numeric suffix rather than being lost.
    """
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    shards: list[Path] = []
    tar: tarfile.TarFile | None = None
    count = size = 0
    seen: set[str] = set()
    try:
        for root, path in find_images(sources):
            data = path.read_bytes()
            if tar is None or count >= max_count or (count and size + len(data) > max_bytes):
                if tar is not None:
                    tar.close()
                shards.append(out / f"{prefix}-{len(shards):06d}.tar")
                tar = tarfile.open(shards[-1], "w")
                count = size = 0
            key = _unique(sample_key(root, path), seen)
            _add_member(tar, f"{key}.{path.suffix.lower().lstrip('.')}", data)
            count, size = count + 1, size + len(data)
    finally:
        if tar is not None:
            tar.close()
    if not shards:
        raise PipelineError(f"no images found under {', '.join(map(str, sources))}")
    return shards


def _unique(key: str, seen: set[str]) -> str:
    candidate, n = key, 1
    while candidate in seen:
        candidate, n = f"{key}_{n}", n + 1
    seen.add(candidate)
    return candidate


def _add_member(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    import io

    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))
