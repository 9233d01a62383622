"""The decode worker: one compress Parquet file in, one validation Parquet file out.

Per archived image, in order, each check naming what failed:

1. ``container``: magic, version, header and payload CRC32, and that the
   container's model id and size are the row's (``corrupt`` otherwise);
2. ``symbols``: entropy decoding reproduces the BLAKE2b checksum of the
   symbols the encoder coded; a desynchronized decoder is ``corrupt`` with
   that reason, never a wrong picture;
3. ``reconstruction``: the decoded pixels against the encoder's digest. Equal
   digests prove a bit-exact decode. Float synthesis on other hardware may
   differ by a level on a few pixels, so when the digests differ the 16×16
   block-mean thumbnails recorded by the encoder are compared instead, within
   ``thumbnail_tolerance`` levels (``mismatch`` beyond it);
4. ``source`` (with source shards): PSNR and MS-SSIM against the original,
   recomputed; ``mismatch`` when PSNR falls more than ``psnr_tolerance`` dB
   below what the encoder recorded.

Rows the compress job could not archive (``status = 'error'`` there) are
carried as ``skipped`` with the compress error: not a validation failure, but
never silently dropped. Models are found by the id in each container, so an
archive of several models validates in one run.
"""

from __future__ import annotations

import io
import time
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import torch

from codec import bitstream, images, metrics
from codec.errors import BitstreamError, CodecError, DesyncError
from codec.image_codec import ImageCodec
from codec.registry import find_model_for_id, load_model

from .progress import ProgressClient
from .restore import make_restorer
from .shards import Shard, ShardReadError, read_samples
from .sink import DEFAULT_ROW_GROUP_BYTES, ShardSink
from .worker import prefetch, select_device, worker_identity

FAILED_STATUSES = ("mismatch", "corrupt", "error")

DECODE_SCHEMA = pa.schema(
    [
        ("key", pa.string()),
        ("shard", pa.string()),
        ("status", pa.string()),  # 'ok' | 'mismatch' | 'corrupt' | 'error' | 'skipped'
        ("check", pa.string()),  # the check that failed: container | symbols | reconstruction | source | model
        ("error", pa.string()),
        ("model", pa.string()),
        ("decoder", pa.string()),
        ("width", pa.int32()),
        ("height", pa.int32()),
        ("bitstream_bytes", pa.int64()),
        ("decode_seconds", pa.float64()),
        ("device", pa.string()),
        ("encode_device", pa.string()),
        ("bit_exact", pa.bool_()),
        ("thumbnail_max_abs_diff", pa.int32()),
        ("thumbnail_psnr", pa.float64()),
        ("psnr_recorded", pa.float64()),
        ("psnr_source", pa.float64()),
        ("ms_ssim_source", pa.float64()),
        ("restored_as", pa.string()),
        ("restored_bytes", pa.int64()),
    ]
)

_COLUMNS = ("key", "status", "error", "width", "height", "model_id", "decoder", "bitstream", "psnr",
            "device", "reconstruction_digest", "reconstruction_thumbnail", "extras")


class Problem(Exception):
    """A failed check: its status, which check, and the reason."""

    def __init__(self, status: str, check: str, message: str, figures: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.check, self.figures = status, check, figures or {}


class ShardValidator:
    """Decodes and checks every bitstream of one compress output shard; optionally restores."""

    def __init__(self, output: str, restore: str = "none", sources: dict[str, str] | None = None,
                 models: list[str] | None = None, threads: int = 0, device: str | None = None,
                 thumbnail_tolerance: int = 2, psnr_tolerance: float = 0.1, batch_rows: int = 32,
                 row_group_bytes: int = DEFAULT_ROW_GROUP_BYTES, progress=None) -> None:
        if threads:
            torch.set_num_threads(threads)
        self.output = Path(output)
        self.restore = restore
        self.sources = sources or {}
        self.models = models or []
        self.device, self.gpu_ids = select_device(device)
        self.thumbnail_tolerance, self.psnr_tolerance = thumbnail_tolerance, psnr_tolerance
        self.batch_rows = batch_rows
        self.row_group_bytes = row_group_bytes
        self.progress = ProgressClient(progress)
        self._codecs: dict[tuple[bytes, str], tuple[str, ImageCodec]] = {}

    def identity(self) -> dict:
        return worker_identity(self.device, self.gpu_ids)

    def run(self, shard: Shard, attempt: int = 1) -> dict:
        started = time.time()
        sink = ShardSink(self.output, shard.name, DECODE_SCHEMA, self.row_group_bytes)
        restorer = make_restorer(self.restore, self.output, shard.name)
        statuses: Counter = Counter()
        counts = {"bytes_in": 0, "bytes_out": 0}
        try:
            originals = SourceLookup(self.sources.get(shard.name))
            for row in self._rows(shard.path):
                result = self._validate(shard, row, originals, restorer)
                sink.add(result)
                statuses[result["status"]] += 1
                counts["bytes_in"] += result["bitstream_bytes"] or 0
                counts["bytes_out"] += result.get("restored_bytes") or 0
                failed = result["status"] in FAILED_STATUSES
                self.progress.add(images=1, errors=int(failed), bytes_in=result["bitstream_bytes"] or 0)
            restorer.commit()
            images = sum(statuses.values())
            failed = sum(statuses[s] for s in FAILED_STATUSES)
            stats = {"shard": shard.path, "name": shard.name, "images": images, "ok": images - failed,
                     "errors": failed, "statuses": dict(statuses), **counts,
                     "shard_error": originals.error, "seconds": round(time.time() - started, 3),
                     "attempt": attempt, "worker": self.identity(), "finished_at": time.time()}
            sink.commit(stats)
            return stats
        except BaseException:
            restorer.abort()
            sink.abort()
            raise
        finally:
            self.progress.flush()

    def _rows(self, path: str):
        parquet = pq.ParquetFile(path)
        columns = [c for c in _COLUMNS if c in parquet.schema_arrow.names]
        for batch in parquet.iter_batches(batch_size=self.batch_rows, columns=columns):
            yield from batch.to_pylist()

    # -- per image
    def _validate(self, shard: Shard, row: dict, originals: SourceLookup, restorer) -> dict:
        out = {"key": row["key"], "shard": shard.name, "width": row.get("width"), "height": row.get("height"),
               "bitstream_bytes": len(row["bitstream"]) if row.get("bitstream") else None,
               "device": str(self.device), "encode_device": row.get("device"), "psnr_recorded": row.get("psnr")}
        if row.get("status") != "ok" or not row.get("bitstream"):
            return {**out, "status": "skipped", "error": f"not archived: {row.get('error') or 'no bitstream'}"}
        try:
            decoded, model = self._decode(row)
            out.update(model=model, decoder=row.get("decoder"), decode_seconds=decoded.seconds)
            out.update(self._check_reconstruction(row, decoded.rgb))
            if originals.active:
                out.update(self._check_source(row, decoded.rgb, originals.get(row["key"])))
            if self.restore != "none":  # only validated images are restored
                png = io.BytesIO()
                decoded.to_pil().save(png, format="PNG")
                out["restored_as"] = restorer.add(row["key"], png.getvalue(), dict(row.get("extras") or []))
                out["restored_bytes"] = len(png.getvalue())
            return {**out, "status": "ok"}
        except Problem as problem:
            return {**out, **problem.figures, "status": problem.status, "check": problem.check,
                    "error": str(problem)}
        except (CodecError, RuntimeError, ValueError, MemoryError) as exc:
            return {**out, "status": "error", "check": "decode", "error": f"{type(exc).__name__}: {exc}"}

    def _decode(self, row: dict):
        data = row["bitstream"]
        try:
            container = bitstream.unpack(data)
        except BitstreamError as exc:
            raise Problem("corrupt", "container", str(exc)) from None
        if row.get("model_id") and container.model_id.hex() != row["model_id"]:
            raise Problem("corrupt", "container", f"the container names model {container.model_id.hex()}, "
                          f"the row {row['model_id']}: the bitstream belongs to another image or archive")
        if (container.width, container.height) != (row.get("width"), row.get("height")):
            raise Problem("corrupt", "container", f"the container is {container.width}x{container.height}, "
                          f"the row {row.get('width')}x{row.get('height')}")
        name, codec = self._codec(container.model_id, row.get("decoder") or "qr")
        try:
            return codec.decode(data), name
        except DesyncError as exc:
            raise Problem("corrupt", "symbols", f"entropy decoder desynchronized: {exc}") from None
        except BitstreamError as exc:
            raise Problem("corrupt", "container", str(exc)) from None

    def _codec(self, model_id: bytes, decoder: str) -> tuple[str, ImageCodec]:
        if (model_id, decoder) not in self._codecs:
            try:
                path = find_model_for_id(model_id, self.models)
            except CodecError as exc:
                raise Problem("error", "model", str(exc)) from None
            codec = ImageCodec(load_model(str(path), decoder=decoder), self.device)
            self._codecs[(model_id, decoder)] = (path.stem, codec)
        return self._codecs[(model_id, decoder)]

    def _check_reconstruction(self, row: dict, rgb) -> dict:
        bit_exact = metrics.reconstruction_digest(rgb) == row.get("reconstruction_digest")
        result: dict = {"bit_exact": bit_exact}
        if bit_exact:
            return result
        recorded = row.get("reconstruction_thumbnail")
        if not recorded:
            raise Problem("mismatch", "reconstruction", "the reconstruction differs from the encoder's digest "
                          "and the archive has no thumbnail to compare within a tolerance")
        max_diff, thumb_psnr = metrics.thumbnail_difference(metrics.reconstruction_thumbnail(rgb), recorded)
        result.update(thumbnail_max_abs_diff=max_diff, thumbnail_psnr=metrics.finite_or_none(thumb_psnr))
        if max_diff > self.thumbnail_tolerance:
            raise Problem("mismatch", "reconstruction", f"the reconstruction is not the encoder's: block means "
                          f"differ by up to {max_diff} levels (tolerance {self.thumbnail_tolerance})", result)
        return result

    def _check_source(self, row: dict, rgb, original) -> dict:
        if original is None:
            raise Problem("error", "source", f"key {row['key']!r} is not in the source shard")
        if isinstance(original, Exception):
            raise Problem("error", "source", f"cannot read the source image: {original}")
        if original.shape != rgb.shape:
            raise Problem("mismatch", "source", f"the source is {original.shape[1]}x{original.shape[0]}, "
                          f"the reconstruction {rgb.shape[1]}x{rgb.shape[0]}")
        value = metrics.psnr(original, rgb)
        result = {"psnr_source": metrics.finite_or_none(value),
                  "ms_ssim_source": metrics.ms_ssim(original, rgb, self.device)}
        recorded = row.get("psnr")
        if recorded is not None and value < recorded - self.psnr_tolerance:
            raise Problem("mismatch", "source", f"PSNR against the source is {value:.3f} dB, the encoder "
                          f"recorded {recorded:.3f} dB (tolerance {self.psnr_tolerance} dB)", result)
        return result


class SourceLookup:
    """The original images of one source shard, looked up by key while streaming.

    Compress rows are in tar order, so reading the tar alongside them keeps
    only out-of-order samples in memory.
    """

    def __init__(self, path: str | None) -> None:
        self.active = path is not None
        self.error: str | None = None
        self._samples = prefetch(read_samples(path), _open_source) if path else iter(())
        self._pending: dict[str, object] = {}

    def get(self, key: str):
        while key not in self._pending:
            try:
                sample, opened = next(self._samples)
            except StopIteration:
                return None
            if isinstance(sample, ShardReadError) or sample is None:
                self.error = f"source shard: {sample.message if sample else opened}"
                continue
            self._pending[sample.key] = opened
        return self._pending.pop(key)


def _open_source(sample):
    if isinstance(sample, ShardReadError) or sample.image is None:
        return None
    return images.open_image(sample.image).rgb



def archive_shards(run_dir: Path, output: Path) -> list[Shard]:
    """The committed Parquet files of a compress run, as shards of the decode job."""
    import json

    from .errors import PipelineError
    from .sink import read_stats

    run_dir = Path(run_dir).resolve()
    manifest = run_dir / "_manifest.json"
    if not manifest.exists():
        raise PipelineError(f"{run_dir} is not a compress run (no _manifest.json); give the --output of compress")
    job = json.loads(manifest.read_text()).get("job")
    if job != "compress":
        raise PipelineError(f"{run_dir} holds a {job} run, not a compress run")
    if Path(output).resolve() == run_dir:
        raise PipelineError("--output must differ from --input: the validation tables would mix with the archive")
    committed = {s["name"] for s in read_stats(run_dir)}
    shards = [Shard(str(p), p.stem) for p in sorted(run_dir.glob("*.parquet")) if p.stem in committed]
    if not shards:
        raise PipelineError(f"{run_dir} has no completed shards to validate")
    return shards
