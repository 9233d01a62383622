"""How much a soft-phase decoder reads through its training quantizer that rounding destroys.

    python scripts/quantizer_leak.py checkpoints/r69-q2/state.pt checkpoints/r72-q3/state.pt \\
        --val-images 'data/photos/val/*.png'

For each training checkpoint, on the held-out photos (mean PSNR over the centre
crops the training validation uses): PSNR of its soft-phase
decoder fed the decoder-path approximation (at full anneal, as at the end of
training) and fed hard-rounded latents (what the bitstream gives), and the
share of latents within 0.05 of a rounding boundary (0.10 if spread evenly
over the step). A deterministic soft quantizer such as DSQ passes a latent on
the ramp between two integers as its exact position; an encoder that learns
to put latents there gains quality in training that real bitstreams lose
(docs/quantizers.md; docs/evaluation.md, round 76).
"""

from __future__ import annotations

import argparse
import dataclasses
import glob
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from codec.train import TrainConfig, build_model, hard_rd, psnr_of_mse, soft_phase_weights, validation_images


def load_soft_model(path: str) -> torch.nn.Module:
    state = torch.load(path, map_location="cpu", weights_only=False)
    fields = {f.name for f in dataclasses.fields(TrainConfig)}
    model = build_model(TrainConfig(**{k: v for k, v in state["config"].items() if k in fields}))
    model.load_state_dict(soft_phase_weights(state), strict=False)
    return model.eval()


@torch.no_grad()
def measure(model, images: list[torch.Tensor]) -> dict[str, float]:
    """Mean PSNR through rounding and through the decoder-path approximation; share of latents near a boundary."""
    quantizer = model.eval().decoder_quantizer
    quantizer.set_progress(1.0)
    hard_psnr, soft_psnr, near, count = [], [], 0, 0
    for x in images:
        hard_psnr.append(psnr_of_mse(hard_rd(model, x, "soft")[2]))
        quantizer.train()  # only the decoder's path: the entropy model still rounds
        soft_psnr.append(psnr_of_mse(float(torch.mean((model(x)["x_hat"].clamp(0, 1) - x) ** 2))))
        quantizer.eval()
        y, y_hat, _, _ = model.frozen_latents(x)  # |y - ŷ| is ½ at a rounding boundary
        near += int(((y - y_hat).abs() > 0.45).sum())
        count += y.numel()
    return {"hard_psnr": sum(hard_psnr) / len(images), "soft_psnr": sum(soft_psnr) / len(images),
            "near_boundary": near / count}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoints", nargs="+", help="training checkpoints (state.pt)")
    parser.add_argument("--val-images", default="data/photos/val/*.png")
    parser.add_argument("--seed", type=int, default=0, help="for noisy decoder-path quantizers")
    args = parser.parse_args(argv)
    images = validation_images(sorted(glob.glob(args.val_images)))
    if not images:
        parser.error(f"no images match {args.val_images!r}")
    print("| checkpoint | decoder quantizer | PSNR through it | PSNR through rounding | gap dB | near a boundary |")
    print("|---|---|---|---|---|---|")
    for path in args.checkpoints:
        if not Path(path).is_file():
            parser.error(f"no checkpoint at {path}: pass the state.pt of a training run")
        torch.manual_seed(args.seed)
        model = load_soft_model(path)
        m = measure(model, images)
        print(f"| {path} | {model.decoder_quantizer.name} | {m['soft_psnr']:.2f} | {m['hard_psnr']:.2f} "
              f"| {m['soft_psnr'] - m['hard_psnr']:+.2f} | {m['near_boundary']:.1%} |")


if __name__ == "__main__":
    main()
