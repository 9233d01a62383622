"""Quantizer study: the same training budget with different (entropy, decoder) approximation pairs.

    python jobs/quantizer_study.py --shards 'data/photos/train/*.tar' --val-images 'data/photos/val/*.png' \\
        --steps 500 --output docs/quantizers.md

In the spirit of Tsubota & Aizawa (arXiv:2303.00587) at CPU scale: each pair
trains the soft phase from the same seed for ``--steps`` steps, then is
measured with *hard* rounding on the held-out photos (what a real bitstream
gives), so a surrogate that lets the model cheat (the decoder seeing
sub-step information the bitstream cannot carry) shows up as a gap between
its training and its hard numbers. Resumable: finished pairs are read back
from their checkpoints.
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from codec.train import TrainConfig, Trainer

PAIRS = [
    ("universal", "dsq"),  # the default (the pair the study recommends)
    ("universal", "ste"),
    ("noise", "noise"),  # Ballé et al. 2017
    ("noise", "ste"),  # "mixed", Minnen & Singh 2020
    ("universal", "universal"),
    ("noise", "dsq"),
    ("universal", "soft-then-hard"),
    ("ste", "ste"),
]


def run_pair(entropy: str, decoder: str, args) -> dict:
    config = TrainConfig(
        shards=args.shards, checkpoint_dir=str(Path(args.checkpoints) / f"{entropy}+{decoder}"), lmbda=args.lmbda,
        entropy_quantizer=entropy, decoder_quantizer=decoder, soft_steps=args.steps, predictive_steps=0,
        crop=args.crop, batch_size=args.batch_size, val_images=args.val_images, val_every=args.steps,
        threads=args.threads, log_every=max(1, args.steps // 4), seed=0,
    )
    trainer = Trainer(config, log=lambda line: print(f"[{entropy}+{decoder}] {line}", flush=True))
    trainer.run()
    train = [e for e in trainer.history if e["phase"] == "soft"][-1]
    hard = [e for e in trainer.history if e["phase"] == "val:soft"][-1]
    mse = 10 ** (-hard["psnr"] / 10)
    return {"entropy": entropy, "decoder": decoder, "train_bpp": train["bpp"], "train_psnr": train["psnr"],
            "hard_bpp": hard["bpp"], "hard_psnr": hard["psnr"],
            "hard_loss": round(hard["bpp"] + args.lmbda * 255**2 * mse, 4)}


def markdown(rows: list[dict], args) -> str:
    lines = [
        "# Quantizer study",
        "",
        f"Same budget for every pair: {args.steps} soft-phase steps, batch {args.batch_size}, {args.crop}² crops, "
        f"λ = {args.lmbda}, N=64/M=96 mbt2018-mean, seed 0, trained on the Debian wallpaper photos "
        "(jobs/prepare_photos.py). *train* is what the training surrogate reports; *hard* is measured with hard "
        "rounding on the 8 held-out photos (centre crops up to 512², rate from the entropy model's likelihoods, "
        "which real bitstreams match to within the rANS overhead). *hard loss* is R + λ·255²·MSE with the MSE of "
        "the mean PSNR; lower is better. Produced by:",
        "",
        "```",
        "python jobs/quantizer_study.py --shards 'data/photos/train/*.tar' --val-images 'data/photos/val/*.png' "
        f"--steps {args.steps} --crop {args.crop}" + (f" --pairs {' '.join(args.pairs)}" if args.pairs else ""),
        "```",
        "",
        "| entropy | decoder | train bpp | train PSNR | hard bpp | hard PSNR | hard loss |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in sorted(rows, key=lambda r: r["hard_loss"]):
        lines.append(f"| {r['entropy']} | {r['decoder']} | {r['train_bpp']:.3f} | {r['train_psnr']:.2f} | "
                     f"{r['hard_bpp']:.3f} | {r['hard_psnr']:.2f} | {r['hard_loss']:.3f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--shards", nargs="+", required=True)
    p.add_argument("--val-images", nargs="+", required=True)
    p.add_argument("--steps", type=int, default=500)
    p.add_argument("--lmbda", type=float, default=0.0067)
    p.add_argument("--crop", type=int, default=128)
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--pairs", nargs="+", metavar="ENTROPY+DECODER", help="default: the eight pairs in PAIRS")
    p.add_argument("--checkpoints", default="checkpoints/quantizer-study")
    p.add_argument("--output", default="docs/quantizers.md")
    args = p.parse_args(argv)
    args.shards = sorted({f for s in args.shards for f in glob.glob(s)})
    args.val_images = sorted({f for s in args.val_images for f in glob.glob(s)})
    if not args.shards or not args.val_images:
        print("quantizer_study: no training shards or validation images match", file=sys.stderr)
        return 2
    pairs = [tuple(p.split("+", 1)) for p in args.pairs] if args.pairs else PAIRS
    rows = []
    for entropy, decoder in pairs:
        rows.append(run_pair(entropy, decoder, args))
        print(json.dumps(rows[-1]), flush=True)
        Path(args.output).write_text(markdown(rows, args))
    print(Path(args.output).read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
