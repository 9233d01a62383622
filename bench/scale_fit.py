"""Does a model fit the scales it was trained at better than the scales between?

    python bench/scale_fit.py [MODEL ...] [--threads 1]

`jobs/prepare_photos.py` gives training each photo at two sizes, short side
768 and 512 pixels. A model that has memorized those pixel grids codes them
better than the same photos a few percent larger or smaller, where a model
that generalizes sees nothing special. Per model (shipped names or model
files; default: the shipped ones), every photo of the recipe is resized from
its original (Lanczos) to short sides ``768·(1 ± 1/24)`` and ``512·(1 ± 1/24)``
as well as to 768 and 512, cropped to multiples of 64, and coded with hard
rounding (rate from the entropy model, the ``qr`` decoder). The *dip* at a
trained side is its rate–distortion loss ``R + λ·255²·MSE`` against the mean
of its two neighbours', in percent: negative where the model is better at
exactly the trained scale. Held-out photos give the dip of scale alone.
Needs the Debian packages the recipe installs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "jobs"))

import numpy as np
import torch
from PIL import Image
from prepare_photos import PHOTOS, VALIDATION

from codec.models import QRCodec
from codec.registry import model_from_blob, read_model_file, resolve, shipped_models
from codec.train import hard_rd

TRAINED_SIDES = (768, 512)
NEIGHBOUR = 1 / 24


def rd_loss(model: QRCodec, image: Image.Image, lmbda: float) -> float:
    rgb = np.asarray(image.convert("RGB"), dtype=np.float32) / 255
    h, w = rgb.shape[0] // 64 * 64, rgb.shape[1] // 64 * 64
    x = torch.from_numpy(rgb[:h, :w]).permute(2, 0, 1).unsqueeze(0).contiguous()
    _, bits, mse = hard_rd(model, x, "predictive")
    return bits / (h * w) + lmbda * 255**2 * mse


def dips(model: QRCodec, lmbda: float, path: str) -> list[float]:
    """The photo's dip at each trained side, in percent."""
    with Image.open(path) as im:
        im.load()
    w, h = im.size
    out = []
    for side in TRAINED_SIDES:
        losses = []
        for s in (side * (1 - NEIGHBOUR), side, side * (1 + NEIGHBOUR)):
            scale = s / min(w, h)
            losses.append(rd_loss(model, im.resize((round(w * scale), round(h * scale)), Image.LANCZOS), lmbda))
        out.append(100 * (losses[1] / ((losses[0] + losses[2]) / 2) - 1))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="*", help="shipped model names or model files (default: all shipped)")
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    missing = [p for p in PHOTOS.values() if not Path(p).exists()]
    if missing:
        raise SystemExit(f"{len(missing)} photos are missing (e.g. {missing[0]}): run jobs/prepare_photos.py")
    print("| model | photos | dip at 768 % | dip at 512 % |\n|---|---|---|---|")
    for name in args.models or shipped_models():
        blob = read_model_file(resolve(name))
        model = model_from_blob(blob, "qr").eval()
        lmbda = blob["card"]["lambda"]
        results = {photo: dips(model, lmbda, path) for photo, path in PHOTOS.items()}
        for label, held_out in (("training", False), ("held-out", True)):
            rows = np.array([d for photo, d in results.items() if (photo in VALIDATION) == held_out])
            cells = [f"{col.mean():+.2f} ± {col.std(ddof=1) / len(col) ** 0.5:.2f}" for col in rows.T]
            print(f"| {name} | {label} ({len(rows)}) | {' | '.join(cells)} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
