"""Can the amortized encoder learn what latent refinement finds? Fine-tune ``g_a`` alone and see.

    python bench/encoder_gap.py MODEL [--steps 200] [--lr 3e-5] [--decoder qr] [--threads N]

Latent refinement (``codec/refine.py``) shows how far the analysis transform's
one-pass guess is from the best latent for each image: at q4 the search gains
0.73 dB (docs/refine.md). Part of that gap could be a training mismatch, not
the amortization itself: in the soft phase ``g_a`` learned against a decoder fed
soft-quantized latents, while real bitstreams carry hard-rounded ones and are
decoded by a decoder fine-tuned afterwards. This trial removes the mismatch:
it trains ``g_a`` alone (everything else frozen) for ``--steps`` on the
training shards' crops, on ``R + λ·255²·D`` with hard rounding (straight-through
gradient) and the model's final decoder, and reports the held-out photos'
rate, PSNR and R-D cost (hard quantization, real entropy parameters) every
100 steps. If the cost barely falls, the gap is the encoder's capacity and
only per-image search closes it. The model file is not changed.
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch

from codec.models import DECODERS, Prior, QRCodec
from codec.refine import rd_cost, trained_lambda
from codec.registry import load_model
from codec.train import TrainConfig, batches, hard_rd, validation_images

ROOT = Path(__file__).resolve().parents[1]


@torch.no_grad()
def held_out(model: QRCodec, images: list[torch.Tensor], lmbda: float) -> dict:
    """Rate (bits of ŷ and ẑ per pixel), PSNR and R-D cost with hard quantization."""
    bits = pixels = squared = 0.0
    psnrs = []
    for x in images:
        _, image_bits, mse = hard_rd(model, x, "predictive")
        bits += image_bits
        pixels += x.shape[2] * x.shape[3]
        squared += mse * x.shape[2] * x.shape[3]
        psnrs.append(-10 * math.log10(mse))
    bpp = bits / pixels
    return {"bpp": round(bpp, 4), "psnr": round(sum(psnrs) / len(psnrs), 3),
            "rd_cost": round(bpp + lmbda * 255**2 * squared / pixels, 4)}


def encoder_step(model: QRCodec, x: torch.Tensor, lmbda: float) -> torch.Tensor:
    """``R(ŷ) + λ·255²·D`` through the frozen hyperprior and decoder, ŷ rounded straight-through."""
    y = model.base.g_a(x)
    z_hat, _ = model.base.entropy_bottleneck(model.hyper_latent(y), training=False)  # rounded, as coded
    scales, means = model.split_params(model.base.h_s(z_hat))
    y_hat = y + (torch.round(y - means) + means - y).detach()
    return rd_cost(model, x, y_hat, Prior(scales, means), lmbda, (x.shape[2], x.shape[3]))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("model", help="shipped model name or model file")
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--lr", type=float, default=3e-5)
    p.add_argument("--decoder", default="qr", choices=DECODERS)
    p.add_argument("--shards", default=str(ROOT / "data/photos/train/*.tar"))
    p.add_argument("--val-images", default=str(ROOT / "data/photos/val/*.png"))
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--threads", type=int, help="torch threads (default: torch's choice)")
    args = p.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    model = load_model(args.model, decoder=args.decoder)
    lmbda = trained_lambda(model)
    images = validation_images(sorted(glob.glob(args.val_images)))
    print(json.dumps({"step": 0, **held_out(model, images, lmbda)}), flush=True)
    for param in model.parameters():
        param.requires_grad_(False)
    params = list(model.base.g_a.parameters())
    for param in params:
        param.requires_grad_(True)
    optimizer = torch.optim.Adam(params, lr=args.lr)
    data = batches(TrainConfig(shards=sorted(glob.glob(args.shards)), checkpoint_dir="",
                               batch_size=args.batch_size), seed=123)
    model.eval()  # stays so: the frozen entropy models round, as the real coder does
    for step in range(1, args.steps + 1):
        loss = encoder_step(model, next(data), lmbda)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        if step % 100 == 0 or step == args.steps:
            print(json.dumps({"step": step, **held_out(model, images, lmbda)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
