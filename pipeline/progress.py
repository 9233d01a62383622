"""Live progress and the final summary of a run.

Workers send counter increments, batched about once a second, to a tiny
``ProgressCounter`` actor (``num_cpus=0``, so it never competes for a CPU);
the driver polls it and draws a tqdm bar. Live counters may count a retried
shard twice; the final summary is computed from the committed stats files
only, so it is exact.
"""

from __future__ import annotations

import sys
import time
from collections import Counter

from tqdm import tqdm

FIELDS = ("images", "errors", "bytes_in", "bytes_out")


class ProgressCounter:
    """Ray actor holding the live counters of a run."""

    def __init__(self) -> None:
        self.counts: Counter = Counter()

    def add(self, increments: dict) -> None:
        self.counts.update(increments)

    def snapshot(self) -> dict:
        return dict(self.counts)


class ProgressClient:
    """Batches increments and sends them to a counter actor (or nowhere)."""

    def __init__(self, counter=None, interval: float = 1.0) -> None:
        self.counter, self.interval = counter, interval
        self.pending: Counter = Counter()
        self.last = time.monotonic()

    def add(self, **increments: int) -> None:
        self.pending.update(increments)
        if time.monotonic() - self.last >= self.interval:
            self.flush()

    def flush(self) -> None:
        if self.counter is not None and self.pending:
            self.counter.add.remote(dict(self.pending))
        self.pending.clear()
        self.last = time.monotonic()


class ProgressBar:
    """The driver's view: shards done, images, images/s, MB in and out, errors."""

    def __init__(self, total_shards: int, done_shards: int, enabled: bool | None = None) -> None:
        enabled = sys.stderr.isatty() if enabled is None else enabled
        self.bar = tqdm(total=total_shards, initial=done_shards, unit="shard", disable=not enabled,
                        dynamic_ncols=True, file=sys.stderr)
        self.started = time.monotonic()

    def update(self, counts: dict, shards_finished: int = 0) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        self.bar.set_postfix_str(
            f"images={counts.get('images', 0)} {counts.get('images', 0) / elapsed:.2f} img/s "
            f"in={counts.get('bytes_in', 0) / 1e6:.1f}MB out={counts.get('bytes_out', 0) / 1e6:.2f}MB "
            f"errors={counts.get('errors', 0)}",
            refresh=False,
        )
        self.bar.update(shards_finished)

    def close(self) -> None:
        self.bar.close()


def summarize(stats: list[dict], wall_seconds: float, extra: dict | None = None) -> dict:
    """Run totals from the committed shards' stats (and their Parquet metrics)."""
    totals, statuses = Counter(), Counter()
    for s in stats:
        totals.update({k: s.get(k, 0) or 0 for k in ("images", "ok", "errors", "bytes_in", "bytes_out")})
        statuses.update(s.get("statuses", {}))
    summary = {
        "shards": len(stats),
        "shard_errors": {s["name"]: s["shard_error"] for s in stats if s.get("shard_error")},
        "images_ok": totals["ok"],
        "images_failed": totals["errors"],
        "statuses": dict(statuses),
        "bytes_in": totals["bytes_in"],
        "bytes_out": totals["bytes_out"],
        "compression_ratio": round(totals["bytes_in"] / totals["bytes_out"], 3) if totals["bytes_out"] else None,
        "wall_seconds": round(wall_seconds, 3),
        "images_per_second": round(totals["images"] / wall_seconds, 3) if wall_seconds > 0 else None,
    }
    summary.update(extra or {})
    return summary


def format_summary(summary: dict) -> str:
    lines = [f"{k}: {v}" for k, v in summary.items() if not isinstance(v, dict) or v]
    return "\n".join(lines)
