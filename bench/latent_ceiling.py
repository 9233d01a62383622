"""How much quality a model's transforms allow at all: decoding the *unquantized* latent.

    python bench/latent_ceiling.py [MODEL ...] --images 'data/photos/val/*.png' [--decoder qr-off]

Per model (shipped names or model files; default: the shipped ones): PSNR of
``g_s(y)`` with no quantization, of ``g_s(ŷ)`` with hard rounding (what the
bitstream gives, before QR), the latent's rate from the entropy model, and how
many of the M latent channels carry more than 0.1 bit per 16×16 block. When
the unquantized PSNR is barely above the quantized one, more bits cannot buy
more quality: the transforms are the limit (the reason q4's latent was widened).

It also says whether the model's rectifier does what QR is for:
``qr_latent_error_change_pct`` is ``‖QR(ŷ) − y‖² / ‖ŷ − y‖² − 1`` in percent,
negative when QR moves the latent toward the unquantized one.
``prior_table_latent_error_change_pct`` is the same for ``ŷ`` plus the mean
residual ``y − ŷ`` of its (symbol ``ŷ − μ`` clipped to ±3, ``log σ`` bin),
looked up in a table fitted on the same images: an optimistic bound on what
the hyperprior alone, element by element, tells about ``y`` (docs/evaluation.md,
round 9).
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import torch
from PIL import Image

from codec.registry import model_from_blob, read_model_file, resolve, shipped_models


def load_images(pattern: str, limit: int) -> list[torch.Tensor]:
    """RGB images as [1, 3, H, W] in [0, 1], cropped to multiples of 64 (no padding to skew PSNR)."""
    out = []
    for path in sorted(glob.glob(pattern))[:limit]:
        with Image.open(path) as im:
            rgb = np.asarray(im.convert("RGB"), dtype=np.float32) / 255
        h, w = rgb.shape[0] // 64 * 64, rgb.shape[1] // 64 * 64
        out.append(torch.from_numpy(rgb[:h, :w]).permute(2, 0, 1).unsqueeze(0).contiguous())
    if not out:
        raise SystemExit(f"no images match {pattern}")
    return out


def prior_table_error(symbols: torch.Tensor, log_scales: torch.Tensor, residuals: torch.Tensor) -> float:
    """``Σ (r − table[bin])²`` with ``table`` each bin's mean residual (bins: symbol × log σ)."""
    scale_bins = torch.bucketize(log_scales, torch.linspace(-2.2, 3.0, 24))
    bins = (symbols.clamp(-3, 3) + 3).long() * 25 + scale_bins
    count = torch.bincount(bins, minlength=7 * 25).double()
    table = torch.bincount(bins, weights=residuals.double(), minlength=7 * 25) / count.clamp_min(1)
    return float(torch.sum((residuals.double() - table[bins]) ** 2))


def psnr(a: torch.Tensor, b: torch.Tensor) -> float:
    return float(-10 * torch.log10(torch.mean((a.clamp(0, 1) - b) ** 2)))


@torch.no_grad()
def measure(name: str, images: list[torch.Tensor], decoder: str) -> dict:
    model = model_from_blob(read_model_file(resolve(name)), decoder=decoder)
    unquantized, quantized, bits, pixels = [], [], 0.0, 0
    rectified_error = quantized_error = 0.0
    prior_stats: list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]] = []
    for x in images:
        out = model(x, phase="predictive")  # the exact ŷ of the bitstream, decoded without QR
        bits = bits + (-torch.log2(out["likelihoods"]["y"])).sum(dim=(0, 2, 3))
        pixels += x.shape[2] * x.shape[3]
        unquantized.append(psnr(model.base.g_s(out["y"]), x))
        quantized.append(psnr(out["x_hat"], x))
        rectified_error += float(torch.sum((model.rectify(out["y_hat"], out["prior"]) - out["y"]) ** 2))
        quantized_error += float(torch.sum((out["y_hat"] - out["y"]) ** 2))
        prior = out["prior"]
        means = prior.means if prior.means is not None else torch.zeros_like(out["y_hat"])
        prior_stats.append((torch.round(out["y_hat"] - means).flatten(), prior.log_scales().flatten(),
                            (out["y"] - out["y_hat"]).flatten()))
    per_block = bits / pixels * 256  # bits per channel per 16×16 block
    return {"model": name, "M": model.M, "decoder": decoder,
            "psnr_unquantized_db": round(float(np.mean(unquantized)), 3),
            "psnr_quantized_db": round(float(np.mean(quantized)), 3),
            "latent_bpp": round(float(bits.sum()) / pixels, 4),
            "channels_over_0.1_bit_per_block": int((per_block > 0.1).sum()),
            "qr_latent_error_change_pct": round(100 * (rectified_error / quantized_error - 1), 2),
            "prior_table_latent_error_change_pct":
                round(100 * (prior_table_error(*map(torch.cat, zip(*prior_stats))) / quantized_error - 1), 2)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("models", nargs="*", help="shipped model names or model files (default: all shipped)")
    p.add_argument("--images", default="data/photos/val/*.png", help="glob of test images")
    p.add_argument("--limit", type=int, default=8, help="at most this many images")
    p.add_argument("--decoder", default="qr-off", choices=["qr-off", "soft"], help="synthesis transform to use")
    p.add_argument("--threads", type=int, default=0)
    args = p.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    images = load_images(args.images, args.limit)
    for name in args.models or shipped_models():
        print(json.dumps(measure(name, images, args.decoder)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
