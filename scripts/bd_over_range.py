"""A codec's BD-rate against the others over a fixed quality range of an evaluation.

    python scripts/bd_over_range.py runs/evaluate/rd.parquet 26.3 31.2 [--codec qr] [--metric psnr]

The summary of `jobs/evaluate.py` averages each BD-rate over the range both
curves cover, so moving one rate point changes the range, and the interpolated
shape between points, as well as the points. Fixing the range, or looking at
one stretch of the curve at a time, separates those effects
(docs/evaluation.md, session 45).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from codec import evaluation
from codec.errors import CodecError


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("rd", metavar="RD_PARQUET", help="rows written by jobs/evaluate.py")
    p.add_argument("low", type=float, help="lower end of the quality range (dB for PSNR)")
    p.add_argument("high", type=float, help="upper end of the quality range")
    p.add_argument("--codec", default="qr", help="the codec measured against every other (default qr)")
    p.add_argument("--metric", default="psnr", choices=["psnr", "ms_ssim"])
    args = p.parse_args(argv)
    if args.high <= args.low:
        p.error(f"the range is empty: {args.low} to {args.high}")
    try:
        curves = evaluation.rd_curves(evaluation.read_rows(args.rd), args.metric)
    except (CodecError, OSError) as exc:
        print(f"bd_over_range: {exc}", file=sys.stderr)
        return 1
    if args.codec not in curves:
        print(f"bd_over_range: no codec {args.codec!r} in {args.rd} (it has {', '.join(sorted(curves))})",
              file=sys.stderr)
        return 1
    for other in sorted(set(curves) - {args.codec}):
        delta = evaluation.bd_rate(curves[other], curves[args.codec], within=(args.low, args.high))
        print(f"{args.codec} against {other}: " + ("no overlap" if delta is None else f"{delta:+.1f} %"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
