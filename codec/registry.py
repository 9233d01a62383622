"""Model files and the registry of shipped weights.

A model file (``*.pt``: an xz-compressed ``torch.save`` archive, loaded with
``weights_only=True``; uncompressed files of earlier releases load too) holds::

    {"format": "qr-codec-model", "version": 1,
     "config": {...},                       # QRCodec constructor arguments
     "state_dict": {...},                   # base model incl. CDF tables + rectifier
     "decoders": {"soft": {...}, "qr-off": {...}},  # alternative g_s weights
     "card": {...}}                         # data, steps, λ, quantizers, R-D

The CDF tables are stored, not recomputed at load time: they come out of
floating-point ``erfc`` evaluations that could differ between machines, and
the bitstream depends on them bit for bit.

The shipped models live in ``codec/weights/NAME.pt`` with a model card
``NAME.json`` beside each; ``--quality Q`` selects ``qr-mbt2018-mean-qQ``.
"""

from __future__ import annotations

import io
import json
import lzma
import os
import pickle
from functools import lru_cache
from pathlib import Path

import torch
from torch import Tensor

from .errors import ModelError
from .models import DECODERS, QRCodec
from .rectifier import RectifierConfig

WEIGHTS_DIR = Path(__file__).with_name("weights")
FORMAT = "qr-codec-model"
FILE_VERSION = 1
SHIPPED_PREFIX = "qr-mbt2018-mean-q"
DEFAULT_QUALITY = 3  # ~0.46 bpp on photos: the archive default
XZ_MAGIC = b"\xfd7zXZ\x00"


def shipped_models() -> list[str]:
    """Names of the models shipped in the package, sorted."""
    return sorted(p.stem for p in WEIGHTS_DIR.glob("*.pt"))


def name_for_quality(quality: int) -> str:
    name = f"{SHIPPED_PREFIX}{quality}"
    if name not in shipped_models():
        shipped = [n for n in shipped_models() if n.startswith(SHIPPED_PREFIX)]
        available = sorted(int(n.removeprefix(SHIPPED_PREFIX)) for n in shipped)
        raise ModelError(f"no shipped model for quality {quality}; available qualities: {available}")
    return name


def resolve(name_or_path: str | None = None, quality: int | None = None) -> Path:
    """A model file from a shipped name, a path, or a quality (default: the shipped default)."""
    if name_or_path is None:
        name_or_path = name_for_quality(quality if quality is not None else DEFAULT_QUALITY)
    path = Path(name_or_path)
    if path.suffix == ".pt" and path.exists():
        return path
    shipped = WEIGHTS_DIR / f"{name_or_path}.pt"
    if shipped.exists():
        return shipped
    raise ModelError(
        f"no model {name_or_path!r}: not a file, and not one of the shipped models "
        f"({', '.join(shipped_models()) or 'none'})"
    )


def _load(path: str | Path) -> object:
    """``torch.load`` of a model file, xz-compressed or not."""
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(XZ_MAGIC):
        try:
            data = lzma.decompress(data)
        except lzma.LZMAError as exc:
            raise ModelError(f"model file {path} is damaged: {exc}") from exc
    return torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)


def _store(blob: dict, path: Path) -> None:
    """Write ``blob`` xz-compressed and atomically (the CDF tables shrink ~10×, fp16 weights ~15 %)."""
    buffer = io.BytesIO()
    torch.save(blob, buffer)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(lzma.compress(buffer.getvalue(), preset=9 | lzma.PRESET_EXTREME))
    os.replace(tmp, path)


def read_model_file(path: str | Path) -> dict:
    try:
        blob = _load(path)
    except (OSError, RuntimeError, EOFError) as exc:
        raise ModelError(f"cannot read model file {path}: {exc}") from exc
    if not isinstance(blob, dict) or blob.get("format") != FORMAT:
        raise ModelError(f"{path} is not a QR codec model file")
    if blob.get("version", 0) > FILE_VERSION:
        raise ModelError(f"{path} has model-file version {blob['version']}; upgrade the codec")
    return blob


def model_from_blob(blob: dict, decoder: str = "qr", device: str | torch.device = "cpu") -> QRCodec:
    """Instantiate a model with one of its decoders: ``qr``, ``qr-off`` or ``soft``."""
    if decoder not in DECODERS:
        raise ModelError(f"unknown decoder {decoder!r}; choose one of {DECODERS}")
    cfg = dict(blob["config"])
    model = QRCodec(
        architecture=cfg["architecture"],
        N=cfg["N"],
        M=cfg["M"],
        rectifier=RectifierConfig(**cfg["rectifier"]),
        entropy_quantizer=cfg.get("entropy_quantizer", "noise"),
        decoder_quantizer=cfg.get("decoder_quantizer", "noise"),
    )
    state = {k: v.float() if v.is_floating_point() else v for k, v in blob["state_dict"].items()}
    base = {k.removeprefix("base."): v for k, v in state.items() if k.startswith("base.")}
    model.base.load_state_dict(base)
    model.rectifier.load_state_dict(
        {k.removeprefix("rectifier."): v for k, v in state.items() if k.startswith("rectifier.")}
    )
    if decoder != "qr":
        alt = blob.get("decoders", {}).get(decoder)
        if alt is None:
            raise ModelError(f"this model file has no {decoder!r} decoder")
        model.base.g_s.load_state_dict({k: v.float() for k, v in alt.items()})
        model.use_rectifier = False
    model.lmbda = blob.get("card", {}).get("lambda")
    return model.to(device).eval()


CODER_TABLES = ("_quantized_cdf", "_offset", "_cdf_length", "scale_table")


def model_file_or_none(path: str | Path) -> dict | None:
    """The contents of a model file, or None for anything else (e.g. a training checkpoint)."""
    try:
        blob = _load(path)
    except (pickle.UnpicklingError, RuntimeError, EOFError):  # a checkpoint's pickled objects
        return None
    if not isinstance(blob, dict) or blob.get("format") != FORMAT:
        return None
    return read_model_file(path) if blob.get("version", 0) > FILE_VERSION else blob  # raises a clear error


def training_weights(blob: dict, decoder: str = "soft") -> dict[str, Tensor]:
    """fp32 weights of a model file for further training, with ``decoder`` as synthesis.

    The entropy coder's tables are left out: they are sized by ``update()``
    and recomputed when the retrained model is exported.
    """
    weights = {k: v.float() if v.is_floating_point() else v for k, v in blob["state_dict"].items()
               if not k.endswith(CODER_TABLES)}
    if decoder == "qr":  # the file's own synthesis and rectifier
        return weights
    alt = blob.get("decoders", {}).get(decoder)
    if alt is None:
        raise ModelError(f"this model file has no {decoder!r} decoder")
    weights.update({f"base.g_s.{k}": v.float() for k, v in alt.items()})
    return weights


@lru_cache(maxsize=16)
def _cached_blob(path: str, mtime: float) -> dict:
    return read_model_file(path)


def load_model(
    name_or_path: str | None = None,
    decoder: str = "qr",
    device: str | torch.device = "cpu",
    quality: int | None = None,
) -> QRCodec:
    """Load a shipped model by name or quality, or a model file by path."""
    path = resolve(name_or_path, quality)
    return model_from_blob(_cached_blob(str(path), path.stat().st_mtime), decoder, device)


def model_card(name_or_path: str | None = None) -> dict:
    """The model card stored in a model file (data, steps, λ, quantizers, measured R-D)."""
    path = resolve(name_or_path)
    return dict(_cached_blob(str(path), path.stat().st_mtime).get("card", {}))


def update_card(name_or_path: str, updates: dict) -> Path:
    """Merge ``updates`` (e.g. measured rate–distortion) into a model file's card and its JSON copy."""
    path = resolve(name_or_path)
    blob = read_model_file(path)
    blob["card"] = {**blob.get("card", {}), **updates}
    _store(blob, path)
    path.with_suffix(".json").write_text(json.dumps(blob["card"], indent=2) + "\n")
    return path


def quality_of(name_or_path: str) -> float:
    """The rate–distortion λ a model was trained with: its position on the R-D curve."""
    card = model_card(name_or_path)
    if "lambda" not in card:
        raise ModelError(f"model {name_or_path} has no λ in its model card")
    return float(card["lambda"])


def find_model_for_id(model_id: bytes, extra: list[str] | None = None) -> Path:
    """The shipped (or extra) model file whose bitstream id is ``model_id``."""
    for candidate in [*(extra or []), *shipped_models()]:
        path = resolve(candidate)
        if model_id_of(path) == model_id:
            return path
    raise ModelError(
        f"no available model has id {model_id.hex()}; pass the model it was encoded with (--model; "
        f"a compress run keeps it as RUN/_models/{model_id.hex()}/*.pt)"
    )


@lru_cache(maxsize=64)
def _model_id_cached(path: str, mtime: float) -> bytes:
    return model_from_blob(_cached_blob(path, mtime)).model_id()


def model_id_of(path: str | Path) -> bytes:
    path = Path(path)
    return _model_id_cached(str(path), path.stat().st_mtime)


def save_model_file(
    model: QRCodec,
    path: str | Path,
    decoders: dict[str, dict[str, Tensor]] | None = None,
    card: dict | None = None,
    half: bool = True,
) -> Path:
    """Write a model file; transforms in fp16 when ``half`` (entropy models stay fp32).

    The model is reloaded from the written file to compute its id, so the id
    in the card is that of the stored (possibly fp16-rounded) weights.
    """
    path = Path(path)

    def pack(sd: dict[str, Tensor], prefix: str = "") -> dict[str, Tensor]:
        out = {}
        for k, v in sd.items():
            full = prefix + k
            keep = "entropy_bottleneck" in full or "gaussian_conditional" in full
            out[k] = v.detach().cpu().half() if half and v.is_floating_point() and not keep else v.detach().cpu()
        return out

    blob = {
        "format": FORMAT,
        "version": FILE_VERSION,
        "config": model.config(),
        "state_dict": pack(model.state_dict()),
        "decoders": {name: pack(sd, "base.g_s.") for name, sd in (decoders or {}).items()},
        "card": dict(card or {}),
    }
    blob["card"]["model_id"] = model_from_blob(blob).model_id().hex()
    path.parent.mkdir(parents=True, exist_ok=True)
    _store(blob, path)
    path.with_suffix(".json").write_text(json.dumps(blob["card"], indent=2) + "\n")
    return path
