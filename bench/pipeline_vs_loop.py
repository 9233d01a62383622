"""Images/s of the compress job against a plain single-process loop of the same codec.

    python bench/pipeline_vs_loop.py [--images DIR] [--shards 8] [--per-shard 4] [--json out.json]

Both do the same work per image (decode the source, encode, score PSNR and
MS-SSIM, digest the reconstruction); the loop uses every core as torch
threads in one process, the job one actor per core with one thread each. The
Ray start-up is excluded from the job's time (a cluster is started first), as
it is paid once per cluster, not per run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from codec import images, metrics
from codec.image_codec import ImageCodec
from codec.registry import resolve
from pipeline.compress import ShardCompressor
from pipeline.scheduler import Job, Placement, run_job
from pipeline.shards import expand_specs, read_samples
from pipeline.shardwriter import write_shards
from pipeline.sink import read_stats

SAMPLE = Path(__file__).resolve().parents[1] / "pipeline" / "samples" / "sample-000000.tar"


def source_images(folder: str | None) -> list[Path]:
    """Image files to benchmark on: a folder, or the bundled sample shard unpacked."""
    if folder:
        return sorted(p for p in Path(folder).iterdir() if p.suffix.lower().lstrip(".") in images.EXTENSIONS)
    out = Path(tempfile.mkdtemp(prefix="bench-src-"))
    for sample in read_samples(str(SAMPLE)):
        (out / f"{sample.key}.{sample.image_ext}").write_bytes(sample.image)
    return sorted(out.iterdir())


def make_shards(files: list[Path], shards: int, per_shard: int, folder: Path) -> list[str]:
    """``shards × per_shard`` samples cycling through ``files``."""
    staging = folder / "staging"
    staging.mkdir(parents=True)
    for i in range(shards * per_shard):
        src = files[i % len(files)]
        (staging / f"img{i:05d}{src.suffix}").symlink_to(src.resolve())
    return [str(p) for p in write_shards([staging], folder / "shards", "bench", max_count=per_shard)]


def plain_loop(shard_paths: list[str], model: str, threads: int) -> tuple[int, float]:
    import torch

    torch.set_num_threads(threads)
    codec = ImageCodec.load(model)
    count, start = 0, time.perf_counter()
    for path in shard_paths:
        for sample in read_samples(path):
            prepared = images.open_image(sample.image)
            encoded = codec.encode(prepared)
            metrics.psnr(prepared.rgb, encoded.reconstruction)
            metrics.ms_ssim(prepared.rgb, encoded.reconstruction)
            metrics.reconstruction_digest(encoded.reconstruction)
            count += 1
    return count, time.perf_counter() - start


def pipeline_job(shard_paths: list[str], model: str, output: Path, actors: int) -> tuple[int, float, float]:
    """(images, wall seconds, seconds the busiest actor spent inside shards)."""
    import ray

    ray.init(num_cpus=actors, log_to_driver=False, include_dashboard=False)
    try:
        job = Job("compress", ShardCompressor, {"output": str(output), "model": model},
                  expand_specs(shard_paths), output, {"job": "compress"},
                  Placement(num_actors=actors, cpus_per_actor=1, use_gpus=False), show_progress=False)
        start = time.perf_counter()
        result = run_job(job)
        seconds = time.perf_counter() - start
    finally:
        ray.shutdown()
    busy: dict[int, float] = {}
    for stats in read_stats(output):
        busy[stats["worker"]["pid"]] = busy.get(stats["worker"]["pid"], 0.0) + stats["seconds"]
    return result.summary["images_ok"] + result.summary["images_failed"], seconds, max(busy.values())


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--images", help="folder of images (default: the bundled sample photos)")
    p.add_argument("--model", help="model (default: the shipped default)")
    p.add_argument("--shards", type=int, default=8)
    p.add_argument("--per-shard", type=int, default=4)
    p.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    p.add_argument("--json", help="write the numbers here too")
    args = p.parse_args()
    model = str(resolve(args.model))
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    shard_paths = make_shards(source_images(args.images), args.shards, args.per_shard, work)
    loop_n, loop_s = plain_loop(shard_paths, model, args.cores)
    job_n, job_s, busiest = pipeline_job(shard_paths, model, work / "out", args.cores)
    result = {
        "model": Path(model).stem, "cores": args.cores, "images": loop_n,
        "loop_images_per_s": round(loop_n / loop_s, 3), "loop_seconds": round(loop_s, 2),
        "job_images_per_s": round(job_n / job_s, 3), "job_seconds": round(job_s, 2),
        "job_over_loop": round((job_n / job_s) / (loop_n / loop_s), 3),
        "job_seconds_outside_shards": round(job_s - busiest, 2),  # actor start-up (model load), scheduling
        "job_steady_over_loop": round((job_n / busiest) / (loop_n / loop_s), 3),
    }
    print(f"{'':22}{'plain loop':>12}{'compress job':>14}")
    print(f"{'images/s':22}{result['loop_images_per_s']:>12}{result['job_images_per_s']:>14}")
    print(f"{'seconds':22}{result['loop_seconds']:>12}{result['job_seconds']:>14}")
    print(f"job / loop: {result['job_over_loop']}x  ({loop_n} images, {args.cores} cores, {result['model']})")
    print(f"of the job's time, {result['job_seconds_outside_shards']} s is outside shards (actor start-up, "
          f"scheduling); inside shards the job runs at {result['job_steady_over_loop']}x the loop")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
