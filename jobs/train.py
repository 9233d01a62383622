"""Train one rate point of a QR codec with soft-to-predictive training.

    python jobs/train.py --shards 'data/photos/train/*.tar' --lmbda 0.0067 \\
        --checkpoint-dir checkpoints/q2 [--init-from checkpoints/q3/state.pt] [--export NAME]

Phases: soft (--soft-steps), predictive-off (--predictive-steps: the decoder
fine-tuned on hard latents without QR), rectifier (--rectifier-steps: the
rectifier alone learns to predict the unquantized latent), predictive-qr
(--predictive-steps: rectifier and decoder fine-tuned together).

Resumes from CHECKPOINT_DIR/state.pt when it exists. With --export, the
finished model is written to the package's shipped weights as NAME.
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from codec.errors import CodecError
from codec.rectifier import RectifierConfig
from codec.train import TrainConfig, Trainer


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--shards", required=True, nargs="+", help="training shards (paths or globs)")
    p.add_argument("--checkpoint-dir", required=True)
    p.add_argument("--lmbda", type=float, default=0.0067, help="rate-distortion trade-off λ")
    p.add_argument("--architecture", default="mbt2018-mean", choices=["mbt2018-mean", "bmshj2018-hyperprior"])
    p.add_argument("--N", type=int, default=64)
    p.add_argument("--M", type=int, default=96)
    p.add_argument("--entropy-quantizer", default="universal")
    p.add_argument("--decoder-quantizer", default="dsq")
    p.add_argument("--soft-steps", type=int, default=2000)
    p.add_argument("--predictive-steps", type=int, default=300)
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--crop", type=int, default=192)
    p.add_argument("--min-scale", type=float, default=1.0,
                   help="cut each crop at a random scale in [MIN_SCALE, 1] (downsampled; 1: no rescaling)")
    p.add_argument("--lr", type=float, default=3e-4, help="soft phase")
    p.add_argument("--predictive-lr", type=float, default=1e-4, help="synthesis fine-tuning, predictive phases")
    p.add_argument("--rectifier-lr", type=float, default=1e-3, help="rectifier, predictive-qr phase")
    p.add_argument("--rectifier-steps", type=int, default=0,
                   help="steps of the rectifier phase before predictive-qr: the rectifier alone learns to "
                   "predict the unquantized latent, min |QR(ŷ) - y|² (cheap: no synthesis pass)")
    p.add_argument("--rectifier-phase-lr", type=float, default=1e-3, help="rectifier, rectifier phase")
    p.add_argument("--rectifier-prior", action="store_true",
                   help="condition the rectifier on the hyperprior's means and scales, which the decoder "
                        "has and the synthesis never sees (codec/rectifier.py)")
    p.add_argument("--no-bf16", action="store_true", help="never use bf16 autocast")
    p.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    p.add_argument("--val-images", nargs="+", default=[],
                   help="held-out images (paths or globs) for hard-rounding validation")
    p.add_argument("--val-every", type=int, default=500, help="validate every this many steps")
    p.add_argument("--init-from",
                   help="warm-start from another run's state.pt or a model file (e.g. a copy of shipped weights)")
    p.add_argument("--fresh-rectifier", action="store_true",
                   help="start the rectifier from the identity, not from --init-from's")
    p.add_argument("--decoders-from", metavar="MODEL_FILE",
                   help="continue this model file's fine-tuned decoders (qr-off; qr with its rectifier) in the "
                   "predictive phases; with --soft-steps 0 and --init-from the file or the checkpoint its bitstream "
                   "came from, they are continued as they are; on another bitstream each phase starts from "
                   "whichever of these and the soft synthesis decodes it better")
    p.add_argument("--offer-off-synthesis", action="store_true",
                   help="offer the QR phase the qr-off decoder's synthesis as its start too; the start that "
                   "decodes a few training crops better wins")
    p.add_argument("--soft-ms-ssim-weight", type=float, default=0.0, metavar="W",
                   help="soft phase: distortion MSE + W·(1 − MS-SSIM) instead of MSE (crops of 161+ pixels)")
    p.add_argument("--decoder-ms-ssim-weight", type=float, default=0.0, metavar="W",
                   help="predictive phases: distortion MSE + W·(1 − MS-SSIM) instead of MSE (crops of 161+ pixels)")
    p.add_argument("--widen", action="store_true",
                   help="widen --init-from's latent to --M, decoding as before (codec/widen.py)")
    p.add_argument("--anneal-from", type=float, default=0.0,
                   help="start annealed quantizers at this progress in [0, 1]; 1 to continue weights "
                   "whose quantizers finished annealing (e.g. the next round of a shipped model)")
    p.add_argument("--export", metavar="NAME", help="export the finished model as shipped weights NAME")
    p.add_argument("--export-dir", metavar="DIR",
                   help="write the exported model file and card here instead of codec/weights (a trial)")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    if not 0.0 <= args.anneal_from <= 1.0:
        p.error("--anneal-from must be in [0, 1]")
    if not 0.0 < args.min_scale <= 1.0:
        p.error("--min-scale must be in (0, 1]")
    if min(args.soft_steps, args.predictive_steps, args.rectifier_steps) < 0:
        p.error("step counts must not be negative")
    if args.decoders_from and args.fresh_rectifier:
        p.error("--decoders-from continues the file's rectifier: drop --fresh-rectifier")
    if args.widen and not args.init_from:
        p.error("--widen needs --init-from: the weights to widen")
    shards = sorted({f for pattern in args.shards for f in glob.glob(pattern)})
    if not shards:
        print(f"train: no shards match {args.shards}", file=sys.stderr)
        return 2
    config = TrainConfig(
        shards=shards,
        checkpoint_dir=args.checkpoint_dir,
        lmbda=args.lmbda,
        architecture=args.architecture,
        N=args.N,
        M=args.M,
        entropy_quantizer=args.entropy_quantizer,
        decoder_quantizer=args.decoder_quantizer,
        soft_steps=args.soft_steps,
        predictive_steps=args.predictive_steps,
        batch_size=args.batch_size,
        crop=args.crop,
        min_scale=args.min_scale,
        lr=args.lr,
        predictive_lr=args.predictive_lr,
        rectifier_lr=args.rectifier_lr,
        rectifier_steps=args.rectifier_steps,
        rectifier_phase_lr=args.rectifier_phase_lr,
        rectifier=RectifierConfig(prior=args.rectifier_prior).to_dict(),
        bf16=not args.no_bf16,
        threads=args.threads,
        init_from=args.init_from,
        widen=args.widen,
        fresh_rectifier=args.fresh_rectifier,
        decoders_from=args.decoders_from,
        offer_off_synthesis=args.offer_off_synthesis,
        soft_ms_ssim_weight=args.soft_ms_ssim_weight,
        decoder_ms_ssim_weight=args.decoder_ms_ssim_weight,
        anneal_from=args.anneal_from,
        val_images=sorted({f for pattern in args.val_images for f in glob.glob(pattern)}),
        val_every=args.val_every,
        seed=args.seed,
    )
    try:
        trainer = Trainer(config, log=lambda line: print(line, flush=True))
        print(json.dumps({"device": str(trainer.device), "bf16": trainer.use_bf16}), flush=True)
        trainer.run()
        if args.export:
            from codec.train import export_trainer

            path = export_trainer(trainer, args.export, args.export_dir)
            print(f"exported {path}")
    except CodecError as exc:
        print(f"train: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
