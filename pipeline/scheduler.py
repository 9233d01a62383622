"""Runs a shard job on Ray: resume, actor placement, dynamic hand-out, retries.

* **Resume.** A shard whose stats marker exists is skipped and its files are
  not touched; partial files of unfinished shards are deleted and those
  shards redone. ``overwrite`` removes the run's own files first. A run
  refuses to resume into an output made with different settings (another
  model, say), since mixing them would corrupt the archive table.
* **Placement.** With GPUs in the cluster each actor asks for
  ``gpus_per_actor`` GPUs, so Ray pins it to its own device(s); otherwise each
  asks for ``cpus_per_actor`` CPUs and uses as many torch threads. Actors read
  their own shards (no separate read tasks that could starve for CPUs, the
  Ray Data ``map_batches`` deadlock seen on 2-CPU machines), and are spread
  over the nodes.
* **Hand-out.** Every actor holds one shard at a time; an idle actor gets the
  next pending shard, so fast and slow actors balance themselves.
* **Faults.** If an actor dies (process killed, node lost) its shard goes back
  to the queue and a replacement actor is started; a shard that fails
  ``max_retries`` times is reported as failed. Nothing half-written is ever
  visible: see :mod:`pipeline.sink`.
"""

from __future__ import annotations

import importlib.metadata
import math
import os
import platform
import shutil
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PipelineError
from .progress import ProgressBar, ProgressCounter, format_summary, summarize
from .restore import RESTORE_DIRS
from .shards import Shard
from .sink import MODELS_DIR, STATS_DIR, is_complete, read_stats, remove_partials, write_json_atomic

MANIFEST = "_manifest.json"
SUMMARY = "_summary.json"


@dataclass
class Placement:
    num_actors: int | None = None  # default: as many as the cluster's resources allow
    gpus_per_actor: float = 1.0
    cpus_per_actor: float = 1.0
    max_retries: int = 3
    use_gpus: bool | None = None  # default: when the cluster has GPUs


@dataclass
class Job:
    """A shard job: which worker, with which arguments, over which shards, into where."""

    name: str
    worker: type
    worker_kwargs: dict
    shards: list[Shard]
    output: Path
    fingerprint: dict  # settings that must match to resume into an existing output
    placement: Placement = field(default_factory=Placement)
    overwrite: bool = False
    show_progress: bool | None = None


@dataclass
class JobResult:
    summary: dict
    failed: dict[str, str]  # shard name -> last error

    @property
    def ok(self) -> bool:
        return not self.failed


# --------------------------------------------------------------------- ray
def connect_ray() -> None:
    """Join a running cluster (``RAY_ADDRESS``, ``ray job submit`` or ``ray start``), else start one."""
    import ray

    if ray.is_initialized():
        return
    if os.environ.get("RAY_ADDRESS"):
        ray.init(log_to_driver=False)
        return
    try:
        ray.init(address="auto", log_to_driver=False)
    except ConnectionError:
        ray.init(log_to_driver=False)


def library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for dist in ("torch", "compressai", "ray", "pyarrow", "numpy", "pillow", "webdataset", "qr-archive"):
        try:
            versions[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            versions[dist] = "not installed"
    return versions


# ----------------------------------------------------------------- output
def prepare_output(job: Job) -> list[Shard]:
    """Create or check the output folder; returns the shards still to do."""
    out = job.output
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / MANIFEST
    if job.overwrite:
        _remove_run_files(out)
    elif manifest_path.exists():
        import json

        previous = json.loads(manifest_path.read_text()).get("fingerprint", {})
        if previous != job.fingerprint:
            changed = sorted(k for k in {*previous, *job.fingerprint} if previous.get(k) != job.fingerprint.get(k))
            raise PipelineError(
                f"{out} holds a {previous.get('job', '?')} run with different settings ({', '.join(changed)}); "
                "use another --output, or --overwrite to replace it"
            )
    remove_partials(out)
    write_json_atomic(manifest_path, {
        "job": job.name,
        "fingerprint": job.fingerprint,
        "inputs": [s.path for s in job.shards],
        "versions": library_versions(),
        "placement": job.placement.__dict__,
        "started_at": time.time(),
    })
    return [s for s in job.shards if not is_complete(out, s.name)]


def _remove_run_files(out: Path) -> None:
    for path in out.glob("*.parquet"):
        path.unlink()
    for name in (MANIFEST, SUMMARY):
        (out / name).unlink(missing_ok=True)
    for folder in (STATS_DIR, MODELS_DIR, *RESTORE_DIRS.values()):
        shutil.rmtree(out / folder, ignore_errors=True)
    remove_partials(out)


# ----------------------------------------------------------------- actors
def plan_actors(placement: Placement, pending: int) -> tuple[int, dict, int]:
    """(number of actors, Ray options, torch threads per actor) for this cluster."""
    import ray

    resources = ray.cluster_resources()
    gpus = resources.get("GPU", 0)
    use_gpus = gpus > 0 if placement.use_gpus is None else placement.use_gpus
    if use_gpus and gpus <= 0:
        raise PipelineError("GPU actors requested but the cluster has no GPUs")
    if use_gpus:
        capacity = math.floor(gpus / placement.gpus_per_actor)
        options = {"num_gpus": placement.gpus_per_actor, "num_cpus": placement.cpus_per_actor}
    else:
        capacity = math.floor(resources.get("CPU", 1) / placement.cpus_per_actor)
        options = {"num_cpus": placement.cpus_per_actor}
    count = placement.num_actors or max(1, capacity)
    threads = max(1, int(placement.cpus_per_actor))
    return max(1, min(count, pending)), {**options, "scheduling_strategy": "SPREAD"}, threads


class ActorPool:
    """Creates actors and replaces dead ones."""

    def __init__(self, job: Job, options: dict, threads: int, counter) -> None:
        import ray

        self.remote_cls = ray.remote(job.worker).options(max_restarts=0, **options)
        self.kwargs = {**job.worker_kwargs, "threads": threads, "progress": counter}

    def new(self):
        return self.remote_cls.remote(**self.kwargs)


def run_job(job: Job) -> JobResult:
    """Run every pending shard of ``job``; returns the summary and the failed shards."""
    import ray

    started = time.monotonic()
    pending_shards = prepare_output(job)
    connect_ray()
    failed: dict[str, str] = {}
    done_before = len(job.shards) - len(pending_shards)
    bar = ProgressBar(len(job.shards), done_before, job.show_progress)
    if pending_shards:
        count, options, threads = plan_actors(job.placement, len(pending_shards))
        counter = _start_counter()
        pool = ActorPool(job, options, threads, counter)
        failed = _dispatch(job, pool, deque((s, 1) for s in pending_shards), count, counter, bar)
        ray.kill(counter)
    bar.close()
    stats = read_stats(job.output)
    summary = summarize(stats, time.monotonic() - started, {
        "job": job.name,
        "output": str(job.output),
        "shards_total": len(job.shards),
        "shards_skipped": done_before,
        "shards_failed": failed,
        "retries": sum(max(0, s.get("attempt", 1) - 1) for s in stats),
        **job.fingerprint,
        **_metric_means(job.output),
    })
    write_json_atomic(job.output / SUMMARY, summary)
    print(format_summary(summary), flush=True)
    return JobResult(summary, failed)


def _dispatch(job: Job, pool: ActorPool, queue: deque, count: int, counter, bar: ProgressBar) -> dict[str, str]:
    """Hand shards to idle actors until every shard is committed or has failed for good.

    The first actors take shards at once (Ray queues the call until the actor
    is up; :func:`plan_actors` sized them to the cluster). A replacement for a
    lost actor joins only once it is up, so one that waits for resources
    (its node gone) never holds a shard the surviving actors could take.
    """
    import ray

    idle = [pool.new() for _ in range(count)]
    starting: dict = {}  # readiness future -> replacement actor
    running: dict = {}  # future -> (actor, shard, attempt)
    failed: dict[str, str] = {}
    while queue or running:
        while queue and idle:
            shard, attempt = queue.popleft()
            actor = idle.pop()
            running[actor.run.remote(shard, attempt)] = (actor, shard, attempt)
        ready, _ = ray.wait([*running, *starting], num_returns=1, timeout=0.5)
        finished = 0
        for future in ready:
            if future in starting:
                _join_when_up(future, starting.pop(future), idle, pool, starting, running)
                continue
            actor, shard, attempt = running.pop(future)
            try:
                ray.get(future)
                finished += 1
                idle.append(actor)
            except ray.exceptions.RayError as exc:
                if isinstance(exc, ray.exceptions.RayTaskError):
                    idle.append(actor)  # the shard failed, the actor is fine
                else:  # the actor or its node is gone (died, unavailable, killed)
                    ray.kill(actor)
                    replacement = pool.new()
                    starting[replacement.identity.remote()] = replacement
                remove_partials(job.output, shard.name)
                if attempt <= job.placement.max_retries:
                    queue.append((shard, attempt + 1))
                else:
                    failed[shard.name] = _first_line(exc)
                    finished += 1
        bar.update(_snapshot(counter), finished)
    for actor in [*idle, *starting.values()]:
        ray.kill(actor)
    return failed


def _start_counter():
    """The live-progress actor, on the driver's node: a lost worker node must not take it along."""
    import ray
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    here = NodeAffinitySchedulingStrategy(ray.get_runtime_context().get_node_id(), soft=True)
    return ray.remote(ProgressCounter).options(num_cpus=0, scheduling_strategy=here).remote()


def _snapshot(counter) -> dict:
    """Live counters; none if the counter is unreachable (progress is cosmetic, the stats are exact)."""
    import ray

    try:
        return ray.get(counter.snapshot.remote(), timeout=5)
    except (ray.exceptions.RayError, TimeoutError):
        return {}


def _join_when_up(future, actor, idle: list, pool: ActorPool, starting: dict, running: dict) -> None:
    """A replacement that came up joins the idle actors; one that could not start is replaced once more,
    unless no other actor is left to make progress (then the error is the job's)."""
    import ray

    try:
        ray.get(future)
        idle.append(actor)
    except ray.exceptions.RayError as exc:
        if not idle and not running and not starting:
            raise PipelineError(f"no worker could start: {_first_line(exc)}") from None
        replacement = pool.new()
        starting[replacement.identity.remote()] = replacement


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[-1] if text else type(exc).__name__


def _metric_means(output: Path) -> dict:
    """Mean bpp / PSNR / MS-SSIM etc. of the ok rows, straight from the Parquet files."""
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    files = sorted(output.glob("*.parquet"))
    if not files:
        return {}
    dataset = ds.dataset([str(f) for f in files], format="parquet")
    columns = [c for c in ("bpp", "psnr", "ms_ssim", "max_abs_diff") if c in dataset.schema.names]
    table = dataset.to_table(filter=pc.field("status") == "ok", columns=columns)
    means = {}
    for name in table.column_names:
        value = pc.mean(table[name]).as_py()
        means[f"mean_{name}"] = round(value, 4) if value is not None else None
    return means


__all__ = ["Job", "JobResult", "Placement", "connect_ray", "run_job"]
