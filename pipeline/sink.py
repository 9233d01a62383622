"""Per-shard Parquet outputs with an atomic commit and a stats file as the marker.

For each input shard ``NAME`` a run writes::

    OUTPUT/.tmp-NAME-<uuid>.parquet.partial   while the shard is in progress
    OUTPUT/NAME.parquet                       renamed into place when complete
    OUTPUT/_stats/NAME.json                   written last: the commit marker
    OUTPUT/_models/ID/MODEL.pt                the model file that wrote the bitstreams

A shard is complete iff its stats file exists (and its Parquet file with it).
Readers that take every visible ``*.parquet`` under OUTPUT (pyarrow.dataset,
DuckDB ``read_parquet('OUTPUT/*.parquet')``) never see a partial file:
pyarrow ignores names starting with ``_`` or ``.``, and the partial file's
suffix is not ``.parquet``. Row groups are flushed when their buffered size
reaches a byte budget, so a shard of large images does not make one huge
row group.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

STATS_DIR = "_stats"
MODELS_DIR = "_models"
TMP_PREFIX = ".tmp-"
DEFAULT_ROW_GROUP_BYTES = 64 * 2**20


def parquet_path(output: Path, name: str) -> Path:
    return output / f"{name}.parquet"


def stats_path(output: Path, name: str) -> Path:
    return output / STATS_DIR / f"{name}.json"


def is_complete(output: Path, name: str) -> bool:
    return stats_path(output, name).exists() and parquet_path(output, name).exists()


def read_stats(output: Path) -> list[dict]:
    """Stats of every committed shard, sorted by name."""
    folder = output / STATS_DIR
    if not folder.exists():
        return []
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]


def remove_partials(output: Path, name: str | None = None) -> int:
    """Delete temporary files and folders of unfinished shards (all, or those of ``name``),
    in ``output`` and in its subfolders (restored images)."""
    pattern = f"{TMP_PREFIX}{name}-*" if name else f"{TMP_PREFIX}*"
    removed = 0
    for path in [*output.glob(pattern), *output.glob(f"*/{pattern}")]:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed += 1
    return removed


def archive_model(output: Path, model_file: Path, model_id: str) -> Path:
    """Keep a copy of the model file that writes a run's bitstreams inside the run.

    Shipped weights are retrained and replaced between releases, and a
    bitstream decodes only with the exact model whose id it carries; with its
    model inside, an archive restores on any later install. Idempotent and
    atomic, so every actor of a run may call it.
    """
    target = output / MODELS_DIR / model_id / model_file.name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        for source in (model_file, model_file.with_suffix(".json")):  # the weights, then the card if any
            if source.exists():
                tmp = output / MODELS_DIR / f"{TMP_PREFIX}{model_id}-{uuid.uuid4().hex[:8]}"
                shutil.copyfile(source, tmp)
                os.replace(tmp, target.with_suffix(source.suffix))
    return target


def archived_models(output: Path) -> list[str]:
    """The model files kept in a run by :func:`archive_model`."""
    return sorted(str(p) for p in (Path(output) / MODELS_DIR).glob("*/*.pt"))


def write_json_atomic(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with open(tmp, "w") as f:
        json.dump(payload, f, indent=2, default=str)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class ShardSink:
    """Collects the rows of one shard and commits them atomically."""

    def __init__(self, output: Path, name: str, schema: pa.Schema,
                 row_group_bytes: int = DEFAULT_ROW_GROUP_BYTES) -> None:
        self.output, self.name, self.schema = Path(output), name, schema
        self.row_group_bytes = row_group_bytes
        self.output.mkdir(parents=True, exist_ok=True)
        self.tmp = self.output / f"{TMP_PREFIX}{name}-{uuid.uuid4().hex[:12]}.parquet.partial"
        # Opened at once, so a shard in progress is visible as its partial file.
        self._writer: pq.ParquetWriter | None = pq.ParquetWriter(self.tmp, schema, compression="zstd")
        self._rows: list[dict] = []
        self._buffered = 0
        self.rows_written = 0

    def add(self, row: dict) -> None:
        self._rows.append(row)
        self._buffered += _approximate_size(row)
        if self._buffered >= self.row_group_bytes:
            self._flush()

    def _flush(self) -> None:
        assert self._writer is not None, "sink already committed or aborted"
        if self._rows:
            table = pa.Table.from_pylist(self._rows, schema=self.schema)
            self._writer.write_table(table, row_group_size=len(self._rows))
            self.rows_written += len(self._rows)
        self._rows, self._buffered = [], 0

    def commit(self, stats: dict) -> None:
        """Rename the Parquet file into place, then write the stats marker."""
        self._flush()
        assert self._writer is not None
        self._writer.close()
        self._writer = None
        with open(self.tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(self.tmp, parquet_path(self.output, self.name))
        write_json_atomic(stats_path(self.output, self.name), {**stats, "rows": self.rows_written})

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self.tmp.unlink(missing_ok=True)


def _approximate_size(row: dict) -> int:
    size = 64
    for value in row.values():
        if isinstance(value, (bytes, str)):
            size += len(value)
        elif isinstance(value, dict):
            size += sum(len(k) + len(v) for k, v in value.items())
        else:
            size += 8
    return size
