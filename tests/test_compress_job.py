"""The compress job on a real local Ray cluster (CPU, with two fake GPUs)."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from shardutil import photo_shards, small_photos, write_tar

from pipeline.compress import ShardCompressor
from pipeline.scheduler import Job, Placement, run_job
from pipeline.shards import expand_specs

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.ray


def make_job(shards, output, model_file, **placement) -> Job:
    return Job(
        name="compress",
        worker=ShardCompressor,
        worker_kwargs={"output": str(output), "model": str(model_file)},
        shards=expand_specs([str(s) for s in shards]),
        output=Path(output),
        fingerprint={"job": "compress", "model": "tiny"},
        placement=Placement(**placement),
        show_progress=False,
    )


def table(output):
    return ds.dataset(str(output), format="parquet").to_table().to_pylist()


def test_actors_are_pinned_to_distinct_gpus(ray_cluster, tmp_path, sample_photos, tiny_model_file):
    shards = photo_shards(tmp_path / "in", small_photos(sample_photos), count=8, per_shard=2)
    result = run_job(make_job(shards, tmp_path / "out", tiny_model_file, num_actors=2))
    assert result.ok
    from pipeline.sink import read_stats

    gpu_sets = {tuple(s["worker"]["gpu_ids"]) for s in read_stats(tmp_path / "out")}
    assert gpu_sets == {(0,), (1,)}
    rows = table(tmp_path / "out")
    assert len(rows) == 8 and all(r["status"] == "ok" for r in rows)
    assert all(r["extras"] and dict(r["extras"])["json"].startswith(b'{"i"') for r in rows)


def test_bad_images_and_a_truncated_tar(ray_cluster, tmp_path, sample_photos, tiny_model_file):
    photos = small_photos(sample_photos)
    good = write_tar(tmp_path / "in" / "mixed-000000.tar", [
        ("ok.png", photos["coffee"]), ("ok.txt", b"a caption"),
        ("garbage.jpg", b"not a jpeg at all"),
        ("onlytext.txt", b"no image"),
    ])
    cut = write_tar(tmp_path / "in" / "mixed-000001.tar", [(f"p{i}.png", photos["chelsea"]) for i in range(3)])
    data = cut.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    result = run_job(make_job([good, cut], tmp_path / "out", tiny_model_file, use_gpus=False))
    assert result.ok  # per-image and per-shard data errors do not fail the run
    rows = {(r["shard"], r["key"]): r for r in table(tmp_path / "out")}
    assert rows[("mixed-000000", "ok")]["status"] == "ok"
    assert dict(rows[("mixed-000000", "ok")]["extras"]) == {"txt": b"a caption"}
    assert "not an image" in rows[("mixed-000000", "garbage")]["error"]
    assert "no image member" in rows[("mixed-000000", "onlytext")]["error"]
    readable = [r for (shard, _), r in rows.items() if shard == "mixed-000001" and r["status"] == "ok"]
    assert len(readable) >= 1
    assert "truncated or corrupt" in result.summary["shard_errors"]["mixed-000001"]


def _wait_for(predicate, timeout=120.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_resume_after_the_job_is_killed(ray_cluster, tmp_path, sample_photos, tiny_model_file):
    shards = photo_shards(tmp_path / "in", small_photos(sample_photos), count=24, per_shard=4)
    out = tmp_path / "out"
    cmd = [sys.executable, str(ROOT / "jobs" / "compress.py"), "--input", str(tmp_path / "in" / "*.tar"),
           "--output", str(out), "--model", str(tiny_model_file), "--actors", "1", "--cpu"]
    first = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        stats = out / "_stats"
        # Generous: on a slow or busy CPU the driver takes minutes to start Ray's actor and commit
        assert _wait_for(lambda: stats.exists() and len(list(stats.glob("*.json"))) >= 2, timeout=600)
        first.send_signal(signal.SIGKILL)
    finally:
        first.wait()
    committed = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.glob("*.parquet")}
    assert 2 <= len(committed) < len(shards)
    second = subprocess.run(cmd, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    for name, identity in committed.items():
        path = out / name
        assert (path.stat().st_ino, path.stat().st_mtime_ns) == identity  # not rewritten
    rows = table(out)
    keys = [(r["shard"], r["key"]) for r in rows]
    assert len(keys) == len(set(keys)) == 24
    assert not list(out.glob(".tmp-*"))
    # The killed driver's actor may still commit the shard it was coding before Ray reaps it,
    # so the second run can skip more shards than were on disk when the driver died.
    skipped = int(re.search(r"shards_skipped: (\d+)", second.stdout).group(1))
    assert len(committed) <= skipped < len(shards)


def test_an_actor_killed_mid_shard_is_retried(ray_cluster, tmp_path, sample_photos, tiny_model_file):
    from ray.util.state import list_actors

    shards = photo_shards(tmp_path / "in", small_photos(sample_photos), count=24, per_shard=6)
    out = tmp_path / "out"
    killed = []
    job_done = threading.Event()

    def killer():
        # No fixed timeout: under load the actor may take minutes to start its first shard.
        _wait_for(lambda: job_done.is_set() or any(out.glob(".tmp-*.partial")), timeout=900)
        if job_done.is_set():
            return
        for actor in list_actors(filters=[("class_name", "=", "ShardCompressor"), ("state", "=", "ALIVE")]):
            os.kill(actor.pid, signal.SIGKILL)
            killed.append(actor.pid)
            return

    thread = threading.Thread(target=killer)
    thread.start()
    try:
        result = run_job(make_job(shards, out, tiny_model_file, num_actors=1, use_gpus=False))
    finally:
        job_done.set()
        thread.join()
    assert killed, "no actor was killed"
    assert result.ok
    assert result.summary["retries"] >= 1
    keys = [(r["shard"], r["key"]) for r in table(out)]
    assert len(keys) == len(set(keys)) == 24


def test_ray_job_submit_end_to_end(ray_cluster, tmp_path, sample_photos, tiny_model_file):
    shards = photo_shards(tmp_path / "in", small_photos(sample_photos), count=4, per_shard=2)
    out = tmp_path / "out"
    ray_cli = Path(sys.executable).with_name("ray")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    runtime_env = '{"excludes": [".venv", ".venv-ci", "data", "checkpoints", "runs", ".git"]}'
    result = subprocess.run(
        [str(ray_cli), "job", "submit", "--address", ray_cluster["dashboard"], "--working-dir", str(ROOT),
         "--runtime-env-json", runtime_env, "--",
         sys.executable, "jobs/compress.py", "--input", str(shards[0].parent / "*.tar"),
         "--output", str(out), "--model", str(tiny_model_file)],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "images_ok: 4" in result.stdout
    assert len(table(out)) == 4


def test_refinement_settings_are_checked_before_any_actor_starts_and_recorded(tmp_path, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("compress_job", ROOT / "jobs" / "compress.py")
    job = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(job)
    argv = ["--output", str(tmp_path / "run")]
    assert job.main([*argv, "--refine-steps", "-1"]) == 2
    assert "0 or more" in capsys.readouterr().err
    built = job.build_job(job.build_parser().parse_args([*argv, "--refine-steps", "20"]))
    assert built.fingerprint["refine_steps"] == 20 and built.worker_kwargs["refine_steps"] == 20
    # without refinement the fingerprint is what it was before refinement existed: old runs resume
    assert "refine_steps" not in job.build_job(job.build_parser().parse_args(argv)).fingerprint
