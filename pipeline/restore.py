"""Restored images: per-shard PNG folders or WebDataset shards, committed atomically.

Keys come from archives users did not write, so a key is never used as a
path as it is. :func:`safe_key` keeps ordinary keys (``dir/img_001``)
unchanged and rewrites anything that could leave the output folder or break
a file system (``..``, absolute paths, NUL and control characters,
backslashes, leading dots, over-long names); a rewritten key gets a short hash
of the original so that two crafted keys never collide. The original key is
kept in the validation table beside the name it was restored as.

Layout under the decode output folder::

    images/NAME/<key>.png (+ <key>.<ext> for the sample's other members)
    restored/NAME.tar     WebDataset shard: <key>.png + the other members

Both are written under a ``.tmp-NAME-<uuid>`` name and renamed into place
when the shard completes, before its stats marker.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import tarfile
import uuid
from pathlib import Path

from .errors import PipelineError
from .sink import TMP_PREFIX

RESTORE_MODES = ("none", "png", "wds")
RESTORE_DIRS = {"png": "images", "wds": "restored"}
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f\\:*?\"<>|]")
_SAFE_EXT = re.compile(r"[^A-Za-z0-9_-]+")
_MAX_COMPONENT = 150


def safe_key(key: str) -> str:
    """A relative path with no way out of its folder; ordinary keys are unchanged."""
    parts = [p for p in _UNSAFE_CHARS.sub("_", key).split("/") if p not in ("", ".", "..")]
    parts = [("_" + p.lstrip(".") if p.startswith(".") else p)[:_MAX_COMPONENT] for p in parts]
    if parts:
        parts[-1] = parts[-1].replace(".", "_")  # a dot there would split the WebDataset key
    safe = "/".join(parts) or "_"
    if safe != key:
        safe = f"{safe}~{hashlib.blake2b(key.encode('utf-8', 'surrogatepass'), digest_size=4).hexdigest()}"
    return safe


def safe_extension(ext: str) -> str:
    """A member extension (``json``, ``cls.txt``) made safe for a file name."""
    return ".".join(p for p in (_SAFE_EXT.sub("_", e) for e in ext.split(".")) if p) or "bin"


def inside(root: Path, relative: str) -> Path:
    """``root / relative``, refusing anything that resolves outside ``root``."""
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise PipelineError(f"refusing to write {relative!r} outside {root}")
    return target


class Restorer:
    """Base: no restore."""

    def add(self, key: str, png: bytes, extras: dict[str, bytes]) -> str | None:
        return None

    def commit(self) -> None:
        pass

    def abort(self) -> None:
        pass


class PngRestorer(Restorer):
    """Files under ``images/NAME/``; the folder appears when the shard completes."""

    def __init__(self, output: Path, name: str) -> None:
        self.root = Path(output) / RESTORE_DIRS["png"]
        self.root.mkdir(parents=True, exist_ok=True)
        self.final = self.root / name
        self.tmp = self.root / f"{TMP_PREFIX}{name}-{uuid.uuid4().hex[:12]}"
        self.tmp.mkdir()

    def add(self, key: str, png: bytes, extras: dict[str, bytes]) -> str:
        relative = safe_key(key)
        for ext, data in {"png": png, **{safe_extension(e): d for e, d in extras.items() if e != "png"}}.items():
            target = inside(self.tmp, f"{relative}.{ext}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return f"{RESTORE_DIRS['png']}/{self.final.name}/{relative}.png"

    def commit(self) -> None:
        if self.final.exists():  # left by an attempt that died between rename and marker
            shutil.rmtree(self.final)
        os.replace(self.tmp, self.final)

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


class WdsRestorer(Restorer):
    """One WebDataset shard ``restored/NAME.tar`` with the original keys (made safe)."""

    def __init__(self, output: Path, name: str) -> None:
        root = Path(output) / RESTORE_DIRS["wds"]
        root.mkdir(parents=True, exist_ok=True)
        self.final = root / f"{name}.tar"
        self.tmp = root / f"{TMP_PREFIX}{name}-{uuid.uuid4().hex[:12]}.tar.partial"
        self.tar: tarfile.TarFile | None = tarfile.open(self.tmp, "w")

    def add(self, key: str, png: bytes, extras: dict[str, bytes]) -> str:
        assert self.tar is not None, "restorer already closed"
        relative = safe_key(key)
        for ext, data in {"png": png, **{safe_extension(e): d for e, d in extras.items() if e != "png"}}.items():
            info = tarfile.TarInfo(f"{relative}.{ext}")
            info.size, info.mode = len(data), 0o644
            self.tar.addfile(info, io.BytesIO(data))
        return f"{RESTORE_DIRS['wds']}/{self.final.name}:{relative}"

    def commit(self) -> None:
        assert self.tar is not None
        self.tar.close()
        self.tar = None
        os.replace(self.tmp, self.final)

    def abort(self) -> None:
        if self.tar is not None:
            self.tar.close()
            self.tar = None
        self.tmp.unlink(missing_ok=True)


def make_restorer(mode: str, output: Path, name: str) -> Restorer:
    if mode == "png":
        return PngRestorer(output, name)
    if mode == "wds":
        return WdsRestorer(output, name)
    if mode == "none":
        return Restorer()
    raise PipelineError(f"unknown restore mode {mode!r}; choose one of {', '.join(RESTORE_MODES)}")
