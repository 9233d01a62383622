"""Driver for the multi-node tests: a ``ray.cluster_utils.Cluster`` of GPU nodes on this machine.

Run as a subprocess by ``test_multinode.py`` (a process can hold only one Ray
cluster, and the test session already holds one):

    python tests/multinode.py WORKDIR MODEL_FILE

It starts a head (no GPUs) and three worker nodes declaring one GPU each,
runs the compress job and then the decode stage, removing a worker node in
the middle of each, and prints one JSON line of what it observed. Slow
workers (a pause per shard) make sure a node is lost while shards are in
flight.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyarrow.dataset as ds
from shardutil import photo_shards, small_photos

from pipeline.compress import ShardCompressor
from pipeline.decode import ShardValidator, archive_shards
from pipeline.scheduler import Job, Placement, run_job
from pipeline.shards import expand_specs
from pipeline.sink import read_stats

PAUSE = 1.0  # seconds per shard, so that shards are in flight when a node goes


class SlowCompressor(ShardCompressor):
    def run(self, shard, attempt=1):
        time.sleep(PAUSE)
        return super().run(shard, attempt)


class SlowValidator(ShardValidator):
    def run(self, shard, attempt=1):
        time.sleep(PAUSE)
        return super().run(shard, attempt)


def sample_photos() -> dict[str, bytes]:
    import tarfile

    sample = Path(__file__).resolve().parents[1] / "pipeline" / "samples" / "sample-000000.tar"
    with tarfile.open(sample) as tar:
        return {m.name[:-4]: tar.extractfile(m).read() for m in tar.getmembers() if m.name.endswith(".png")}


def run_removing_a_node(cluster, job: Job) -> tuple:
    """Run ``job`` in a thread; remove a worker node once two shards have committed."""
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("job", run_job(job)))
    thread.start()
    deadline = time.monotonic() + 120
    while len(read_stats(job.output)) < 2 and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    removed = next(iter(cluster.worker_nodes))
    cluster.remove_node(removed, allow_graceful=False)
    thread.join(timeout=300)
    return result.get("job"), removed.unique_id


def observe(job: Job, outcome, removed: str) -> dict:
    rows = ds.dataset(str(job.output), format="parquet").to_table(columns=["shard", "key", "status"]).to_pylist()
    stats = read_stats(job.output)
    return {
        "ok": bool(outcome and outcome.ok),
        "failed": outcome.failed if outcome else "no result",
        "rows": len(rows),
        "unique": len({(r["shard"], r["key"]) for r in rows}),
        "statuses": sorted({r["status"] for r in rows}),
        "shards": len(stats),
        "nodes": sorted({s["worker"]["node_id"] for s in stats}),
        "gpu_ids": sorted({tuple(s["worker"]["gpu_ids"]) for s in stats}),
        "retries": sum(s["attempt"] - 1 for s in stats),
        "removed_node": removed,
    }


def main(workdir: str, model_file: str) -> None:
    import ray
    from ray.cluster_utils import Cluster

    work = Path(workdir)
    shards = photo_shards(work / "in", small_photos(sample_photos(), side=96), count=24, per_shard=2)
    temp = tempfile.mkdtemp(prefix="rm", dir="/tmp")  # short: Ray's socket paths have a length limit
    # Cluster.add_node records the address in RAY_TMPDIR/ray/ray_current_cluster whatever the
    # nodes' temp_dir; without this it needs a /tmp/ray that a clean machine does not have.
    os.environ["RAY_TMPDIR"] = temp
    os.makedirs(os.path.join(temp, "ray"), exist_ok=True)
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "num_gpus": 0, "temp_dir": temp})
    try:
        for _ in range(3):
            cluster.add_node(num_cpus=1, num_gpus=1, temp_dir=temp)
        cluster.wait_for_nodes()
        ray.init(address=cluster.address, log_to_driver=False)
        placement = Placement(gpus_per_actor=1, cpus_per_actor=1, max_retries=3)
        compress = Job("compress", SlowCompressor, {"output": str(work / "archive"), "model": model_file},
                       expand_specs([str(s) for s in shards]), work / "archive", {"job": "compress"},
                       placement, show_progress=False)
        outcome, removed = run_removing_a_node(cluster, compress)
        report = {"compress": observe(compress, outcome, removed), "expected_rows": 24}
        cluster.add_node(num_cpus=1, num_gpus=1, temp_dir=temp)  # back to three GPU nodes
        cluster.wait_for_nodes()
        decode = Job("decode", SlowValidator, {"output": str(work / "validation"), "models": [model_file]},
                     archive_shards(work / "archive", work / "validation"), work / "validation",
                     {"job": "decode"}, placement, show_progress=False)
        outcome, removed = run_removing_a_node(cluster, decode)
        report["decode"] = observe(decode, outcome, removed)
        print("RESULT " + json.dumps(report), flush=True)
    finally:
        ray.shutdown()
        cluster.shutdown()
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
