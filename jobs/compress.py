"""Compress WebDataset shards into Parquet with the QR codec, on Ray.

    python jobs/compress.py [--input SPEC...] [--output DIR] [--quality Q | --model NAME_OR_PATH]
    ray job submit --working-dir . -- python jobs/compress.py --input 's3-mounted/train-{000000..000099}.tar' ...

With no arguments it compresses the bundled sample shard into ./runs/compress.
SPEC: a path, a glob or a brace range of tar shards. Exits 0 when every shard
completed (per-image errors are rows in the table), 1 when shards failed, 2
on bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.cli import add_placement_args, placement_from, run_cli

SAMPLE = str(Path(__file__).resolve().parents[1] / "pipeline" / "samples" / "sample-*.tar")


def build_job(args: argparse.Namespace):
    from codec.refine import Refinement
    from codec.registry import model_id_of, quality_of, resolve
    from pipeline.compress import TABLE_VERSION, ShardCompressor
    from pipeline.scheduler import Job
    from pipeline.shards import expand_specs

    model_path = resolve(args.model, args.quality)
    if Refinement(args.refine_steps).steps:  # bad settings fail here, not in every actor
        quality_of(str(model_path))  # the search needs the model's λ
    output = Path(args.output).resolve()
    return Job(
        name="compress",
        worker=ShardCompressor,
        worker_kwargs={"output": str(output), "model": str(model_path), "decoder": args.decoder,
                       "max_pixels": int(args.max_megapixels * 2**20), "refine_steps": args.refine_steps,
                       "row_group_bytes": int(args.row_group_mb * 2**20)},
        shards=expand_specs(args.input),
        output=output,
        fingerprint={"job": "compress", "table_version": TABLE_VERSION, "model": model_path.stem,
                     "model_id": model_id_of(model_path).hex(), "decoder": args.decoder,
                     # absent when 0, so runs from before refinement existed still resume
                     **({"refine_steps": args.refine_steps} if args.refine_steps else {})},
        placement=placement_from(args),
        overwrite=args.overwrite,
        show_progress=args.progress,
    )


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--input", nargs="+", default=[SAMPLE], help="shard specs (default: the bundled sample shard)")
    p.add_argument("--output", default="runs/compress", help="output folder (default: runs/compress)")
    p.add_argument("--quality", "-q", type=int, help="shipped rate point (default: the shipped default)")
    p.add_argument("--model", help="shipped model name or model file")
    p.add_argument("--decoder", default="qr", choices=["qr", "qr-off", "soft"],
                   help="decoder used for the recorded reconstruction and metrics")
    p.add_argument("--refine-steps", type=int, default=0, metavar="N",
                   help="search each image's latent for N steps (codec/refine.py): slower encoding, "
                        "fewer bits, same decoder; 0 (default) is off")
    p.add_argument("--max-megapixels", type=float, default=64.0, help="refuse larger images (bomb guard)")
    p.add_argument("--row-group-mb", type=float, default=64.0, help="Parquet row-group budget")
    add_placement_args(p)
    return p


def main(argv: list[str] | None = None) -> int:
    return run_cli(build_parser(), build_job, argv)


if __name__ == "__main__":
    sys.exit(main())
