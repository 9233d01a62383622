"""Multi-node correctness: actors spread over GPU nodes, a node lost mid-run, every image exactly once."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
pytestmark = pytest.mark.ray


def test_compress_and_decode_survive_losing_a_node(tmp_path, tiny_model_file):
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}
    proc = subprocess.run([sys.executable, str(HERE / "multinode.py"), str(tmp_path), str(tiny_model_file)],
                          capture_output=True, text=True, timeout=600, env=env)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    assert proc.returncode == 0 and lines, proc.stdout[-5000:] + proc.stderr[-5000:]
    report = json.loads(lines[-1].removeprefix("RESULT "))
    for stage in ("compress", "decode"):
        seen = report[stage]
        assert seen["ok"], seen
        assert seen["rows"] == seen["unique"] == report["expected_rows"], seen  # each image exactly once
        assert seen["statuses"] == ["ok"], seen
        assert seen["shards"] == 12, seen
        assert len(seen["nodes"]) >= 2, seen  # spread over the GPU nodes
        assert seen["retries"] >= 1, seen  # the lost node's shard was redone elsewhere
