"""Summarize a run (or compare two) from its Parquet files, with DuckDB.

    python jobs/report.py RUN_DIR [RUN_DIR2] [--format table|json|csv] [--worst N] [--plot scatter.png]

One run: counts ok and failed by error class, bytes in and out, compression
ratio, bpp / PSNR / MS-SSIM mean and percentiles per shard and per model, and
the worst images. Two runs: the same keys compared (another model or quality).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline import report
from pipeline.errors import PipelineError


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("runs", nargs="+", metavar="RUN_DIR", help="one run, or two to compare")
    p.add_argument("--format", default="table", choices=["table", "json", "csv"])
    p.add_argument("--worst", type=int, default=10, help="list the N images with the lowest PSNR")
    p.add_argument("--plot", metavar="PNG", help="write a bpp-versus-PSNR scatter plot of the first run")
    args = p.parse_args(argv)
    if len(args.runs) > 2:
        p.error("give one run, or two to compare")
    try:
        result = report.summarize_run(args.runs[0], args.worst)
        if len(args.runs) == 2:
            result = {"comparison": report.compare_runs(*args.runs), "a": result,
                      "b": report.summarize_run(args.runs[1], args.worst)}
        print(report.render(result, args.format), end="")
        if args.plot:
            report.scatter_plot(args.runs[0], args.plot)
    except (PipelineError, OSError) as exc:
        print(f"report: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
