"""The compress worker: one WebDataset shard in, one Parquet file of bitstreams out.

Per image the row records the container (``bitstream``), its size and bpp,
PSNR and MS-SSIM of the encoder-side reconstruction against the source, and a
digest of that reconstruction, which the decode stage checks against. A bad
image is an ``error`` row with the reason; the shard goes on.
"""

from __future__ import annotations

import time
from pathlib import Path

import pyarrow as pa
import torch

from codec import images, metrics
from codec.errors import CodecError
from codec.image_codec import ImageCodec
from codec.refine import Refinement
from codec.registry import load_model, resolve

from .progress import ProgressClient
from .shards import Sample, Shard, ShardReadError, read_samples
from .sink import DEFAULT_ROW_GROUP_BYTES, ShardSink, archive_model
from .worker import prefetch, select_device, worker_identity

# Bumped when columns change, so that a run never resumes into a table of another layout.
TABLE_VERSION = 2
COMPRESS_SCHEMA = pa.schema(
    [
        ("key", pa.string()),
        ("shard", pa.string()),
        ("status", pa.string()),  # 'ok' | 'error'
        ("error", pa.string()),
        ("error_class", pa.string()),  # ImageError, ShardReadError, ... for grouping
        ("width", pa.int32()),
        ("height", pa.int32()),
        ("source_bytes", pa.int64()),
        ("source_format", pa.string()),
        ("source_mode", pa.string()),
        ("model", pa.string()),
        ("model_id", pa.string()),
        ("decoder", pa.string()),
        ("bitstream", pa.binary()),
        ("bitstream_bytes", pa.int64()),
        ("bpp", pa.float64()),
        ("psnr", pa.float64()),
        ("ms_ssim", pa.float64()),
        ("encode_seconds", pa.float64()),
        ("device", pa.string()),
        ("reconstruction_digest", pa.string()),
        ("reconstruction_thumbnail", pa.binary()),
        ("extras", pa.map_(pa.string(), pa.binary())),
    ]
)


class ShardCompressor:
    """Loads the model once; ``run(shard)`` compresses one shard into its Parquet file."""

    def __init__(self, output: str, model: str | None = None, quality: int | None = None,
                 decoder: str = "qr", threads: int = 0, device: str | None = None,
                 max_pixels: int = images.DEFAULT_MAX_PIXELS, refine_steps: int = 0,
                 row_group_bytes: int = DEFAULT_ROW_GROUP_BYTES, progress=None) -> None:
        if threads:
            torch.set_num_threads(threads)
        self.output = Path(output)
        self.device, self.gpu_ids = select_device(device)
        path = resolve(model, quality)
        self.model_name = path.stem
        self.decoder = decoder
        refinement = Refinement(refine_steps) if refine_steps else None
        self.codec = ImageCodec(load_model(str(path), decoder=decoder), self.device, refinement)
        archive_model(self.output, path, self.codec.model_id.hex())
        self.max_pixels = max_pixels
        self.row_group_bytes = row_group_bytes
        self.progress = ProgressClient(progress)

    def identity(self) -> dict:
        return {**worker_identity(self.device, self.gpu_ids), "model": self.model_name,
                "model_id": self.codec.model_id.hex()}

    def run(self, shard: Shard, attempt: int = 1) -> dict:
        started = time.time()
        sink = ShardSink(self.output, shard.name, COMPRESS_SCHEMA, self.row_group_bytes)
        counts = {"images": 0, "ok": 0, "errors": 0, "bytes_in": 0, "bytes_out": 0}
        shard_error = None
        try:
            for sample, prepared in prefetch(read_samples(shard.path), self._prepare):
                if isinstance(sample, ShardReadError) or sample is None:
                    shard_error = sample.message if sample is not None else str(prepared)
                    continue
                row = self._row(shard, sample, prepared)
                sink.add(row)
                self._count(counts, row)
            stats = {"shard": shard.path, "name": shard.name, **counts, "shard_error": shard_error,
                     "seconds": round(time.time() - started, 3), "attempt": attempt,
                     "worker": self.identity(), "finished_at": time.time()}
            sink.commit(stats)
            return stats
        except BaseException:
            sink.abort()
            raise
        finally:
            self.progress.flush()

    # -- per sample
    def _prepare(self, sample: Sample | ShardReadError):
        if isinstance(sample, ShardReadError) or sample.error or sample.image is None:
            return None
        return images.open_image(sample.image, self.max_pixels)

    def _row(self, shard: Shard, sample: Sample, prepared) -> dict:
        row = {"key": sample.key, "shard": shard.name, "source_format": sample.image_ext,
               "source_bytes": len(sample.image or b""), "model": self.model_name,
               "model_id": self.codec.model_id.hex(), "decoder": self.decoder, "device": str(self.device),
               "extras": sample.extras or None}
        if sample.error:
            return {**row, "status": "error", "error": sample.error, "error_class": "SampleError"}
        if isinstance(prepared, Exception):
            return {**row, "status": "error", "error": _describe(prepared), "error_class": type(prepared).__name__}
        try:
            encoded = self.codec.encode(prepared)
        except (CodecError, RuntimeError, ValueError, MemoryError) as exc:
            return {**row, "status": "error", "error": _describe(exc), "error_class": type(exc).__name__,
                    "width": prepared.width, "height": prepared.height, "source_mode": prepared.source_mode}
        return {
            **row,
            "status": "ok",
            "width": prepared.width,
            "height": prepared.height,
            "source_mode": prepared.source_mode,
            "bitstream": encoded.data,
            "bitstream_bytes": len(encoded.data),
            "bpp": metrics.bits_per_pixel(len(encoded.data), prepared.width, prepared.height),
            "psnr": metrics.finite_or_none(metrics.psnr(prepared.rgb, encoded.reconstruction)),
            "ms_ssim": metrics.ms_ssim(prepared.rgb, encoded.reconstruction, self.device),
            "encode_seconds": encoded.seconds,
            "reconstruction_digest": metrics.reconstruction_digest(encoded.reconstruction),
            "reconstruction_thumbnail": metrics.reconstruction_thumbnail(encoded.reconstruction),
        }

    def _count(self, counts: dict, row: dict) -> None:
        ok = row["status"] == "ok"
        counts["images"] += 1
        counts["ok" if ok else "errors"] += 1
        counts["bytes_in"] += row["source_bytes"] or 0
        counts["bytes_out"] += row.get("bitstream_bytes") or 0
        self.progress.add(images=1, errors=0 if ok else 1, bytes_in=row["source_bytes"] or 0,
                          bytes_out=row.get("bitstream_bytes") or 0)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, CodecError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"
