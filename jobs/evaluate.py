"""Rate-distortion evaluation of the shipped QR models against JPEG, WebP, AVIF and JPEG XL.

    python jobs/evaluate.py --images data/photos/val --output runs/evaluate [--refine-steps 20]

Writes OUTPUT/rd.parquet (one row per codec, quality and image; bpp from real
bytes, PSNR and MS-SSIM on 8-bit RGB), OUTPUT/summary.md and summary.json
(mean R-D points, QR decoder gains on identical bitstreams, qr's rate against
every other codec's at equal quality at qr's own points, BD-rate of every codec
against every other for PSNR and MS-SSIM) and OUTPUT/rd.png.

With --baseline OLD/rd.parquet, the summary also gives each codec's BD-rate
against its own curve in that earlier evaluation: how retrained weights are
judged before they replace the shipped ones. With --merge OLD/rd.parquet, only
what is named is evaluated and the rest of the rows come from OLD: after one
rate point is retrained,

    python jobs/evaluate.py --images data/photos/val --output runs/evaluate-new \
        --models codec/weights/qr-mbt2018-mean-q4.pt --codecs \
        --merge runs/evaluate-old/rd.parquet --baseline runs/evaluate-old/rd.parquet
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from codec import evaluation
from codec.errors import CodecError
from codec.registry import quality_of, shipped_models, update_card


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--images", required=True, help="folder of test images")
    p.add_argument("--output", required=True, help="output folder")
    p.add_argument("--models", nargs="*", help="QR model names or files (default: every shipped model)")
    p.add_argument("--codecs", nargs="*", default=list(evaluation.CLASSIC_CODECS),
                   choices=list(evaluation.CLASSIC_CODECS), help="conventional codecs to compare")
    p.add_argument("--limit", type=int, help="use only the first N images")
    p.add_argument("--refine-steps", type=int, default=0, metavar="N",
                   help="also encode with N steps of latent refinement (codec 'qr-refined')")
    p.add_argument("--no-plot", action="store_true")
    p.add_argument("--baseline", metavar="RD_PARQUET",
                   help="an earlier rd.parquet on the same images: report the BD-rate of each codec against it")
    p.add_argument("--merge", metavar="RD_PARQUET",
                   help="an earlier rd.parquet on the same images: keep its rows of every model and codec "
                        "not evaluated now")
    p.add_argument("--update-cards", action="store_true",
                   help="write the measured R-D of each QR model into its model card")
    args = p.parse_args(argv)
    try:
        baseline = evaluation.read_rows(args.baseline) if args.baseline else None
        earlier = evaluation.read_rows(args.merge) if args.merge else None
        dataset = evaluation.load_images(args.images, args.limit)
        for other in (baseline, earlier):  # refused now, not after minutes of encoding
            if other is not None:
                evaluation.require_same_images(other, [name for name, _ in dataset])
        rows: list[dict] = []
        models = args.models if args.models is not None else shipped_models()
        for model in models:
            print(f"evaluate: {model}", flush=True)
            rows += evaluation.evaluate_learned(model, quality_of(model), dataset,
                                                refine_steps=args.refine_steps)
        for name in args.codecs:
            print(f"evaluate: {name}", flush=True)
            rows += evaluation.evaluate_classic(evaluation.CLASSIC_CODECS[name], dataset)
        if earlier is not None:
            rows = evaluation.merge_rows(earlier, rows)
        out = Path(args.output)
        out.mkdir(parents=True, exist_ok=True)
        evaluation.write_results(rows, out, plot=not args.no_plot, baseline=baseline)
    except CodecError as exc:
        print(f"evaluate: {exc}", file=sys.stderr)
        return 2
    if args.update_cards:
        for model in models:
            measured = evaluation.measured_rd(rows, quality_of(model))
            update_card(model, {"measured": {"images": args.images, **measured}})
    print((out / "summary.md").read_text())
    print(json.dumps({"rows": len(rows), "output": str(out)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
