"""Validate every bitstream of a compress run, and optionally restore the images, on Ray.

    python jobs/decode.py --input runs/compress --output runs/decode [--restore none|png|wds] [--source SPEC...]

Per image: container (magic, version, CRC32), entropy decoding (symbols
checksum), reconstruction against the encoder's digest (or its thumbnail
within a tolerance on other hardware), and with --source (the shards given to
compress) PSNR and MS-SSIM against the originals. Writes one validation
Parquet per shard, _summary.json, and restored images under OUTPUT/images
(png) or OUTPUT/restored (wds). Exits 0 when every archived image validated,
1 when any failed (or a shard could not be processed), 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.cli import add_placement_args, placement_from, run_cli
from pipeline.restore import RESTORE_MODES


def build_job(args: argparse.Namespace):
    from pipeline.decode import ShardValidator, archive_shards
    from pipeline.scheduler import Job
    from pipeline.shards import expand_specs
    from pipeline.sink import archived_models

    output = Path(args.output).resolve()
    sources = {s.name: s.path for s in expand_specs(args.source)} if args.source else {}
    return Job(
        name="decode",
        worker=ShardValidator,
        worker_kwargs={"output": str(output), "restore": args.restore, "sources": sources,
                       "models": [*(args.model or []), *archived_models(Path(args.input).resolve())],
                       "thumbnail_tolerance": args.thumbnail_tolerance,
                       "psnr_tolerance": args.psnr_tolerance},
        shards=archive_shards(Path(args.input), output),
        output=output,
        fingerprint={"job": "decode", "input": str(Path(args.input).resolve()), "restore": args.restore,
                     "source": sorted(sources.values())},
        placement=placement_from(args),
        overwrite=args.overwrite,
        show_progress=args.progress,
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--input", required=True, help="output folder of a compress run")
    p.add_argument("--output", required=True, help="folder for validation Parquet files and restored images")
    p.add_argument("--restore", default="none", choices=RESTORE_MODES, help="write the decoded images")
    p.add_argument("--source", nargs="+", help="the compress run's input shards, to score against the originals")
    p.add_argument("--model", nargs="+",
                   help="model files to search for bitstream ids (besides the run's own copies and the shipped ones)")
    p.add_argument("--thumbnail-tolerance", type=int, default=2,
                   help="max level difference of 16x16 block means when not bit-exact (default 2)")
    p.add_argument("--psnr-tolerance", type=float, default=0.1,
                   help="allowed PSNR drop in dB against the encoder's record, with --source (default 0.1)")
    add_placement_args(p)
    return run_cli(p, build_job, argv, failed_exit=lambda summary: summary.get("images_failed", 0) > 0)


if __name__ == "__main__":
    sys.exit(main())
