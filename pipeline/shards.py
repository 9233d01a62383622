"""Shard specs and tar reading, WebDataset conventions, errors per sample.

A *spec* is a path, a glob (``shards/*.tar``) or a brace range
(``shards/train-{000000..000099}.tar``); :func:`expand_specs` turns specs into
a sorted list of existing shard files and says which spec matched nothing.

Reading follows WebDataset: members are grouped by *key*, the member name up
to the first dot of its basename (``a/b.jpg`` and ``a/b.json`` are sample
``a/b``); the rest is the member's extension. A sample's image is its first
member with an image extension; every other member is carried along as
``extras`` so no data is lost. A tar that ends early or is corrupt yields the
samples read so far and then a :class:`ShardReadError` record, instead of
failing the whole shard.
"""

from __future__ import annotations

import glob
import hashlib
import os
import tarfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from braceexpand import braceexpand

from codec import images

from .errors import PipelineError

IMAGE_EXTENSIONS = images.EXTENSIONS


@dataclass
class Shard:
    """One input shard and the stem of its outputs."""

    path: str
    name: str  # unique output stem within a run

    @property
    def size(self) -> int:
        return os.path.getsize(self.path)


@dataclass
class Sample:
    key: str
    image: bytes | None
    image_ext: str | None
    extras: dict[str, bytes] = field(default_factory=dict)
    error: str | None = None  # a per-sample problem found while reading


@dataclass
class ShardReadError:
    """The tar could not be read to its end; samples before this point were yielded."""

    message: str


def expand_specs(specs: list[str]) -> list[Shard]:
    """Specs → existing shard files, in order, with unique output names."""
    if not specs:
        raise PipelineError("no input shards given")
    paths: list[str] = []
    for spec in specs:
        matched = []
        for pattern in braceexpand(spec):
            if glob.has_magic(pattern):
                matched.extend(sorted(glob.glob(pattern)))
            elif os.path.exists(pattern):
                matched.append(pattern)
        if not matched:
            raise PipelineError(f"input spec {spec!r} matches no file")
        paths.extend(matched)
    unique = [p for p in dict.fromkeys(os.path.abspath(p) for p in paths)]
    for path in unique:
        if os.path.isdir(path):
            raise PipelineError(f"{path} is a folder; give shard files or a glob such as {path}/*.tar")
    return [Shard(path, _output_name(path, unique)) for path in unique]


def _output_name(path: str, all_paths: list[str]) -> str:
    stem = Path(path).name
    for suffix in (".tar.gz", ".tgz", ".tar"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    stem = stem.lstrip("._") or "shard"
    if sum(Path(p).name == Path(path).name for p in all_paths) > 1:
        stem = f"{stem}-{hashlib.blake2b(path.encode(), digest_size=4).hexdigest()}"
    return stem


def split_member(name: str) -> tuple[str, str]:
    """``dir/key.ext.more`` → (``dir/key``, ``ext.more``), WebDataset's rule."""
    directory, base = os.path.split(name)
    key, _, ext = base.partition(".")
    return (f"{directory}/{key}" if directory else key), ext.lower()


def read_samples(path: str) -> Iterator[Sample | ShardReadError]:
    """Samples of a tar shard in order; a final :class:`ShardReadError` if it is damaged."""
    current_key: str | None = None
    members: dict[str, bytes] = {}
    try:
        with open(path, "rb") as raw, tarfile.open(fileobj=raw, mode="r:*") as tar:
            for info in tar:
                if not info.isfile():
                    continue
                key, ext = split_member(info.name)
                if key != current_key:
                    if current_key is not None:
                        yield _make_sample(current_key, members)
                    current_key, members = key, {}
                handle = tar.extractfile(info)
                members[ext] = handle.read() if handle else b""
            _check_end_of_archive(raw, tar)
    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
        if current_key is not None:
            yield _make_sample(current_key, members, truncated=True)
        yield ShardReadError(f"shard is truncated or corrupt: {exc}")
        return
    if current_key is not None:
        yield _make_sample(current_key, members)


def _check_end_of_archive(raw, tar: tarfile.TarFile) -> None:
    """tarfile stops quietly when a plain tar is cut at a header boundary; the
    end-of-archive marker (two zero blocks) must follow the last member."""
    if tar.fileobj is not raw:  # compressed: the gzip/bz2 layer checks its own end
        return
    raw.seek(tar.offset)
    marker = raw.read(2 * tarfile.BLOCKSIZE)
    if len(marker) < 2 * tarfile.BLOCKSIZE or any(marker):
        raise tarfile.ReadError("missing end-of-archive marker (the file is cut short)")


def _make_sample(key: str, members: dict[str, bytes], truncated: bool = False) -> Sample:
    image_ext = next((ext for ext in members if ext in IMAGE_EXTENSIONS), None)
    extras = {ext: data for ext, data in members.items() if ext != image_ext}
    image = members.get(image_ext) if image_ext else None
    if truncated:
        return Sample(key, image, image_ext, extras, error="sample was cut off by the end of a damaged shard")
    if image_ext is None:
        names = ", ".join(sorted(members)) or "none"
        return Sample(key, None, None, extras, error=f"sample has no image member (members: {names})")
    return Sample(key, image, image_ext, extras)
