"""What encoder-side latent refinement buys per step: rate, PSNR, R-D cost and encode time.

    python bench/refine_effort.py [--images DIR] [--models NAME ...] [--steps 0 5 10 20 50] [--json out.json]

Per model and step count, over the images: mean bpp (real bytes), mean PSNR,
the R-D cost ``bpp + λ·255²·MSE`` the search minimizes (real bytes, 8-bit
pixels), its change against the first ``--steps`` value, and encode seconds per
megapixel.
Decoding is the unchanged ``qr`` decoder; how to choose ``--refine-steps``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import torch
from codec_speed import common_parser, load

from codec import images, metrics
from codec.image_codec import ImageCodec
from codec.refine import Refinement
from codec.registry import load_model, shipped_models


def measure(name: str, steps: int, dataset: list[images.PreparedImage]) -> dict:
    codec = ImageCodec(load_model(name), refinement=Refinement(steps) if steps else None)
    lmbda = codec.model.lmbda
    bpp, psnr, cost, seconds, megapixels = [], [], [], 0.0, 0.0
    for im in dataset:
        encoded = codec.encode(im)
        rate = metrics.bits_per_pixel(len(encoded.data), im.width, im.height)
        mse = float(np.mean((encoded.reconstruction.astype(np.float64) - im.rgb) ** 2)) / 255**2
        bpp.append(rate)
        psnr.append(metrics.psnr(im.rgb, encoded.reconstruction))
        cost.append(rate + lmbda * 255**2 * mse)
        seconds += encoded.seconds
        megapixels += im.width * im.height / 1e6
    return {"model": name, "steps": steps, "bpp": round(float(np.mean(bpp)), 4),
            "psnr": round(float(np.mean(psnr)), 3), "rd_cost": round(float(np.mean(cost)), 4),
            "encode_s_per_mp": round(seconds / megapixels, 2)}


def main() -> None:
    p = common_parser(__doc__)
    p.add_argument("--steps", nargs="+", type=int, default=[0, 5, 10, 20, 50])
    args = p.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    dataset = load(args.images)
    print(f"{'model':24}{'steps':>6}{'bpp':>8}{'PSNR':>8}{'R-D cost':>10}{'Δ cost':>8}{'enc s/MP':>10}")
    rows = []
    for name in args.models or shipped_models():
        base = None
        for steps in args.steps:
            row = measure(name, steps, dataset)
            base = base or row["rd_cost"]
            rows.append(row)
            print(f"{name:24}{steps:>6}{row['bpp']:>8.4f}{row['psnr']:>8.3f}{row['rd_cost']:>10.4f}"
                  f"{row['rd_cost'] / base - 1:>8.1%}{row['encode_s_per_mp']:>10}", flush=True)
    print(f"device cpu, {torch.get_num_threads()} threads, {len(dataset)} images")
    if args.json:
        Path(args.json).write_text(json.dumps({"threads": torch.get_num_threads(), "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
