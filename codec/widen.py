"""Widening a trained codec's latent: more channels ``M`` without starting over.

At high rates a narrow latent caps quality: the N=64/M=96 model at λ=0.25
reconstructed only 32.9 dB even from the *unquantized* latent (32.5 dB from
the quantized one; ``bench/latent_ceiling.py``), so more bits could not buy
more PSNR. Training a wider model from scratch costs many CPU-hours; instead
the trained weights are widened in the manner of Net2Net (Chen et al.,
"Net2Net: Accelerating Learning via Knowledge Transfer", ICLR 2016), so that
the widened model decodes exactly as the narrow one did and training
continues from there:

- new latent channel ``j`` starts as a copy of old channel ``j mod M``
  scaled by ``NEW_CHANNEL_SCALE`` (analysis rows, and the hyper-synthesis rows
  predicting its scale and mean, so its prior fits it just as well), costing
  a few bits but giving the soft quantizer's gradient values to work with
  (a constant-zero channel would never receive any);
- the synthesis, hyper-analysis and rectifier read the new channels with zero
  weights, so the reconstruction and the hyper-latent are unchanged;
- new hidden units of the hyper-synthesis keep their fresh initialisation on
  the way in and have zero weights on the way out.

Only ``mbt2018-mean`` is supported: the layer roles below are its layout.
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from .errors import CodecError
from .models import QRCodec

NEW_CHANNEL_SCALE = 0.25

# module -> (how its inputs grow, how its outputs grow):
#   "latent": the M latent channels; "hidden": hyper-synthesis hidden units;
#   "params": the hyper-synthesis output, [scales (M) | means (M)]; None: fixed.
MBT2018_MEAN_LAYERS: dict[str, tuple[str | None, str | None]] = {
    "base.g_a.6": (None, "latent"),
    "base.g_s.0": ("latent", None),
    "base.h_a.0": ("latent", None),
    "base.h_s.0": (None, "hidden"),
    "base.h_s.2": ("hidden", "hidden"),
    "base.h_s.4": ("hidden", "params"),
    "rectifier.embed": ("latent", None),
    "rectifier.project": (None, "latent"),
}


@torch.no_grad()
def widen_weights(weights: dict[str, Tensor], target: QRCodec) -> dict[str, Tensor]:
    """``weights`` of a model with fewer latent channels, widened to ``target``'s M.

    Returns a state dict for ``target`` (its entropy coder tables excepted,
    which ``update()`` recomputes); parameters that do not change shape are
    copied, new ones come from ``target``'s own initialisation.
    """
    if target.architecture != "mbt2018-mean":
        raise CodecError(f"widening supports mbt2018-mean only, not {target.architecture}")
    source_M = latent_channels(weights)
    if target.M < source_M:
        raise CodecError(f"cannot narrow a latent from M={source_M} to M={target.M}")
    modules = dict(target.named_modules())
    out = {k: v.detach().clone() for k, v in target.state_dict().items()}
    for name, (grows_in, grows_out) in MBT2018_MEAN_LAYERS.items():
        layer = modules[name]
        if not isinstance(layer, nn.Conv2d | nn.ConvTranspose2d):
            raise CodecError(f"unexpected layer {name}: {type(layer).__name__}")
        transposed = isinstance(layer, nn.ConvTranspose2d)
        old_w = weights[f"{name}.weight"].float()
        new_w = out[f"{name}.weight"]
        # view both as [out, in, k, k] (transposed convolutions store [in, out, k, k])
        old_oi, new_oi = (old_w.transpose(0, 1), new_w.transpose(0, 1)) if transposed else (old_w, new_w)
        rows = _row_map(grows_out, old_oi.shape[0], source_M, target.M)
        old_in = old_oi.shape[1]
        if grows_in:  # new inputs are read with zero weights
            new_oi[:, old_in:] = 0
        bias = out[f"{name}.bias"]
        old_bias = weights[f"{name}.bias"].float()
        for new_row, (old_row, scale) in rows.items():
            new_oi[new_row, :old_in] = scale * old_oi[old_row]
            new_oi[new_row, old_in:] = 0
            bias[new_row] = scale * old_bias[old_row]
    for key, value in weights.items():  # everything else keeps its shape
        if key in out and out[key].shape == value.shape and not _is_widened(key):
            out[key] = value.detach().clone()
    return out


def _is_widened(key: str) -> bool:
    return key.rsplit(".", 1)[0] in MBT2018_MEAN_LAYERS


def _row_map(kind: str | None, old_rows: int, old_M: int, new_M: int) -> dict[int, tuple[int, float]]:
    """new output row -> (old row it copies, factor); rows not listed stay freshly initialised."""
    if kind is None or kind == "hidden":  # old units keep their place; new hidden units stay fresh
        return {r: (r, 1.0) for r in range(old_rows)}
    halves = {"latent": 1, "params": 2}[kind]  # params: [scales | means], each M wide
    return {half * new_M + c: (half * old_M + c % old_M, 1.0 if c < old_M else NEW_CHANNEL_SCALE)
            for half in range(halves) for c in range(new_M)}


def latent_channels(weights: dict[str, Tensor]) -> int:
    """M of a state dict, read off the analysis transform's last layer."""
    key = "base.g_a.6.weight"
    if key not in weights:
        raise CodecError("these weights have no mbt2018-mean analysis transform (base.g_a.6)")
    return int(weights[key].shape[0])
