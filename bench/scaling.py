"""Throughput of the compress job with more actors on a simulated multi-node cluster, and an estimate for N GPU nodes.

    python bench/scaling.py [--nodes 2] [--shards 8] [--per-shard 3] [--gpu-speedup 30] [--json out.json]

Measured: a ``ray.cluster_utils.Cluster`` of ``--nodes`` one-CPU nodes on this
machine, the job run with 1..nodes actors (one per node). On a machine with
fewer cores than nodes the simulated nodes share the cores, so the measured
curve flattens at the core count; that is the machine, not the scheduler.

Estimated: from the measured per-image costs in the run's own Parquet and
stats, the codec time (``encode_seconds``) and the rest (reading, image
decoding, metrics, Parquet; overlapped with the codec by the prefetch
thread). With a GPU the codec time is divided by ``--gpu-speedup`` (an
assumption, stated in the output: measure it on the real GPU with
bench/codec_speed.py); each node then delivers
``actors_per_node / max(codec / speedup, rest / cpus_per_actor)`` images/s.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyarrow.compute as pc
import pyarrow.dataset as ds
from pipeline_vs_loop import make_shards, source_images

from codec.registry import resolve
from pipeline.compress import ShardCompressor
from pipeline.scheduler import Job, Placement, run_job
from pipeline.sink import read_stats


def run_with(actors: int, shard_paths: list[str], model: str, output: Path) -> dict:
    from pipeline.shards import expand_specs

    job = Job("compress", ShardCompressor, {"output": str(output), "model": model}, expand_specs(shard_paths),
              output, {"job": "compress"}, Placement(num_actors=actors, use_gpus=False), show_progress=False)
    start = time.perf_counter()
    result = run_job(job)
    seconds = time.perf_counter() - start
    images = result.summary["images_ok"] + result.summary["images_failed"]
    table = ds.dataset(str(output), format="parquet").to_table(columns=["encode_seconds"])
    codec = pc.mean(table["encode_seconds"]).as_py()
    busy = sum(s["seconds"] for s in read_stats(output)) / images
    return {"actors": actors, "images": images, "seconds": round(seconds, 2),
            "images_per_s": round(images / seconds, 3), "codec_s_per_image": round(codec, 4),
            "rest_s_per_image": round(max(busy - codec, 0.0), 4)}


def estimate(codec: float, rest: float, speedup: float, gpus_per_node: int, cpus_per_actor: float) -> list[dict]:
    per_actor = 1 / max(codec / speedup, rest / cpus_per_actor)
    return [{"gpu_nodes": n, "images_per_s": round(n * gpus_per_node * per_actor, 1)} for n in (1, 2, 4, 8, 16, 32)]


def main() -> None:
    import ray
    from ray.cluster_utils import Cluster

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--images", help="folder of images (default: the bundled sample photos)")
    p.add_argument("--model")
    p.add_argument("--nodes", type=int, default=2)
    p.add_argument("--shards", type=int, default=8)
    p.add_argument("--per-shard", type=int, default=3)
    p.add_argument("--gpu-speedup", type=float, default=30.0, help="assumed codec speed-up of one GPU over one core")
    p.add_argument("--gpus-per-node", type=int, default=1)
    p.add_argument("--cpus-per-actor", type=float, default=3.0, help="CPU cores feeding each GPU actor")
    p.add_argument("--json")
    args = p.parse_args()
    model = str(resolve(args.model))
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    shard_paths = make_shards(source_images(args.images), args.shards, args.per_shard, work)
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 0})
    try:
        for _ in range(args.nodes):
            cluster.add_node(num_cpus=1)
        cluster.wait_for_nodes()
        ray.init(address=cluster.address, log_to_driver=False)
        measured = [run_with(a, shard_paths, model, work / f"out-{a}") for a in range(1, args.nodes + 1)]
    finally:
        ray.shutdown()
        cluster.shutdown()
    base = measured[0]
    projected = estimate(base["codec_s_per_image"], base["rest_s_per_image"], args.gpu_speedup,
                         args.gpus_per_node, args.cpus_per_actor)
    print("measured (simulated nodes on this machine):")
    for m in measured:
        print(f"  {m['actors']} actor(s): {m['images_per_s']} images/s  "
              f"(speed-up {m['images_per_s'] / base['images_per_s']:.2f}x)")
    print(f"per image on one core: codec {base['codec_s_per_image']} s, rest {base['rest_s_per_image']} s")
    print(f"estimate for GPU nodes (assumed GPU speed-up {args.gpu_speedup}x, {args.gpus_per_node} GPU/node, "
          f"{args.cpus_per_actor} CPUs per actor):")
    for e in projected:
        print(f"  {e['gpu_nodes']:>3} nodes: ~{e['images_per_s']} images/s")
    if args.json:
        Path(args.json).write_text(json.dumps({"measured": measured, "estimate": projected,
                                               "assumptions": vars(args)}, indent=2) + "\n")


if __name__ == "__main__":
    main()
