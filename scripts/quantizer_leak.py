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
(docs/evaluation.md, round 77).
"""

from __future__ import annotations

import argparse
import dataclasses
import glob
import math
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from codec.train import TrainConfig, build_model, validation_images


def load_soft_model(path: str) -> torch.nn.Module:
    state = torch.load(path, map_location="cpu", weights_only=False)
    fields = {f.name for f in dataclasses.fields(TrainConfig)}
    model = build_model(TrainConfig(**{k: v for k, v in state["config"].items() if k in fields}))
    soft_decoder = {f"base.g_s.{k}": v for k, v in (state.get("soft_decoder") or {}).items()}
    model.load_state_dict({**state["model"], **soft_decoder}, strict=False)
    return model.eval()


def decoded_psnr(model, latents: torch.Tensor, x: torch.Tensor) -> float:
    return -10 * math.log10(float(torch.mean((model.base.g_s(latents).clamp(0, 1) - x) ** 2)))


@torch.no_grad()
def measure(model, images: list[torch.Tensor]) -> dict[str, float]:
    quantizer = model.decoder_quantizer
    quantizer.set_progress(1.0)
    hard_psnr, soft_psnr, near, count = [], [], 0, 0
    for x in images:
        y = model.base.g_a(x)
        z_hat = model.base.entropy_bottleneck.quantize(model.hyper_latent(y), "dequantize",
                                                       model.base.entropy_bottleneck._get_medians())
        _, means = model.split_params(model.base.h_s(z_hat))
        centred = y - means if means is not None else y
        step_position = centred - torch.floor(centred)
        near += int(((step_position - 0.5).abs() < 0.05).sum())
        count += centred.numel()
        hard = torch.round(centred) + (means if means is not None else 0)
        soft = quantizer.train()(y, means)
        quantizer.eval()
        hard_psnr.append(decoded_psnr(model, hard, x))
        soft_psnr.append(decoded_psnr(model, soft, x))
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
        torch.manual_seed(args.seed)
        model = load_soft_model(path)
        m = measure(model, images)
        print(f"| {path} | {model.decoder_quantizer.name} | {m['soft_psnr']:.2f} | {m['hard_psnr']:.2f} "
              f"| {m['soft_psnr'] - m['hard_psnr']:+.2f} | {m['near_boundary']:.1%} |")


if __name__ == "__main__":
    main()
