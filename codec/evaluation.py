"""Rate–distortion evaluation: the shipped QR codecs against the codecs users would pick instead.

Every point is measured from real bytes: the QR container (header included)
or the JPEG / WebP / AVIF / JPEG XL file, decoded back to 8-bit RGB, scored
with :mod:`codec.metrics`. The three decoders of a QR model (``qr``,
``qr-off``, ``soft``) decode the *same* bitstream, so their rates are equal
and their PSNR gap is the gain of the decoder alone. ``qr-refined`` is the
``qr`` decoder reading bitstreams whose latents the encoder searched
(:mod:`codec.refine`); it is kept out of the decoder comparison, since its
bitstreams differ.

Bjøntegaard-delta rate (Bjøntegaard, VCEG-M33, 2001): interpolate
``log10(rate)`` as a function of quality for both curves, integrate both over
the quality interval they share, and report ``10^(mean difference) - 1`` as a
percentage: the average bitrate change for equal quality (negative = fewer
bits than the reference).
"""

from __future__ import annotations

import io
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
from PIL import Image

from . import images, metrics
from .errors import EvaluationError
from .models import DECODERS as LEARNED_DECODERS
from .registry import resolve

REFINED = "qr-refined"  # the qr decoder on bitstreams from a refining encoder
ROW_FIELDS = ("codec", "quality", "image", "width", "height", "bytes", "bpp", "psnr", "ms_ssim",
              "encode_seconds", "decode_seconds", "model")  # model: the QR model's name, None for the others


@dataclass(frozen=True)
class ClassicCodec:
    """A conventional codec over a quality sweep."""

    name: str
    qualities: tuple[float, ...]
    encode: Callable[[np.ndarray, float], bytes]

    def decode(self, data: bytes) -> np.ndarray:
        if self.name == "jpegxl":
            import imagecodecs

            return np.asarray(imagecodecs.jpegxl_decode(data))[..., :3]
        with Image.open(io.BytesIO(data)) as im:
            return np.asarray(im.convert("RGB"))


def _pillow(fmt: str, **options) -> Callable[[np.ndarray, float], bytes]:
    def encode(rgb: np.ndarray, quality: float) -> bytes:
        buffer = io.BytesIO()
        Image.fromarray(rgb).save(buffer, format=fmt, quality=int(quality), **options)
        return buffer.getvalue()

    return encode


def _jpegxl(rgb: np.ndarray, distance: float) -> bytes:
    import imagecodecs

    return imagecodecs.jpegxl_encode(rgb, distance=distance, effort=7)


CLASSIC_CODECS: dict[str, ClassicCodec] = {
    # JPEG with 4:2:0 chroma subsampling and optimized Huffman tables, as most tools write it.
    "jpeg": ClassicCodec("jpeg", (5, 10, 20, 30, 40, 50, 60, 70, 80, 90), _pillow("JPEG", optimize=True)),
    "webp": ClassicCodec("webp", (0, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90), _pillow("WEBP", method=6)),
    "avif": ClassicCodec("avif", (5, 10, 20, 30, 40, 50, 60, 70, 80, 90), _pillow("AVIF", speed=6)),
    # JPEG XL's quality knob is the Butteraugli distance: smaller is better.
    "jpegxl": ClassicCodec("jpegxl", (12.0, 8.0, 6.0, 4.0, 3.0, 2.0, 1.5, 1.0, 0.7), _jpegxl),
}


def load_images(folder: str | Path, limit: int | None = None) -> list[tuple[str, np.ndarray]]:
    """The 8-bit RGB images of a folder, by file name."""
    paths = sorted(p for p in Path(folder).iterdir() if p.suffix.lower().lstrip(".") in images.EXTENSIONS)
    if not paths:
        raise EvaluationError(f"no images in {folder} (looked for {', '.join(sorted(images.EXTENSIONS))})")
    return [(p.name, images.open_image(p).rgb) for p in paths[:limit]]


def _row(codec: str, quality: float, name: str, rgb: np.ndarray, recon: np.ndarray, size: int,
         encode_seconds: float, decode_seconds: float, model: str | None = None) -> dict:
    h, w = rgb.shape[:2]
    return {"codec": codec, "quality": float(quality), "image": name, "width": w, "height": h, "bytes": size,
            "bpp": metrics.bits_per_pixel(size, w, h), "psnr": metrics.psnr(rgb, recon),
            "ms_ssim": metrics.ms_ssim(rgb, recon), "encode_seconds": encode_seconds,
            "decode_seconds": decode_seconds, "model": model}


def evaluate_classic(codec: ClassicCodec, dataset: list[tuple[str, np.ndarray]]) -> Iterable[dict]:
    for quality in codec.qualities:
        for name, rgb in dataset:
            start = time.perf_counter()
            data = codec.encode(rgb, quality)
            encoded = time.perf_counter()
            recon = codec.decode(data)
            yield _row(codec.name, quality, name, rgb, recon, len(data), encoded - start,
                       time.perf_counter() - encoded)


def evaluate_learned(model: str, quality: float, dataset: list[tuple[str, np.ndarray]],
                     decoders: Iterable[str] = LEARNED_DECODERS, device: str | None = None,
                     refine_steps: int = 0) -> Iterable[dict]:
    """Encode once with ``model``; decode the same bitstream with each decoder.

    With ``refine_steps``, each image is also encoded by a refining encoder
    and decoded with ``qr``: rows of codec ``qr-refined``.
    """
    from .image_codec import ImageCodec
    from .refine import Refinement

    model_name = resolve(model).stem  # named as the registry names shipped models
    codecs = {d: ImageCodec.load(model, decoder=d, device=device) for d in decoders}
    encoders = {None: next(iter(codecs.values()))}
    if refine_steps:
        encoders[REFINED] = ImageCodec.load(model, decoder="qr", device=device,
                                            refinement=Refinement(refine_steps))
    for name, rgb in dataset:
        prepared = images.PreparedImage.from_rgb(rgb)
        for label, encoder in encoders.items():
            encoded = encoder.encode(prepared)
            for decoder, codec in (codecs.items() if label is None else [(label, encoder)]):
                decoded = codec.decode(encoded.data)
                yield _row(decoder, quality, name, rgb, decoded.rgb, len(encoded.data), encoded.seconds,
                           decoded.seconds, model=model_name)


# ------------------------------------------------------------------ summary
def _by_codec_quality(rows: list[dict]) -> dict[tuple[str, float], list[dict]]:
    groups: dict[tuple[str, float], list[dict]] = {}
    for row in rows:
        groups.setdefault((row["codec"], row["quality"]), []).append(row)
    return groups


def rd_curves(rows: list[dict], metric: str = "psnr") -> dict[str, list[tuple[float, float]]]:
    """Per codec, the mean (bpp, metric) over images at each quality, sorted by rate."""
    groups = _by_codec_quality(rows)
    curves: dict[str, list[tuple[float, float]]] = {}
    for (codec, _), members in groups.items():
        values = [m[metric] for m in members if m[metric] is not None and np.isfinite(m[metric])]
        if len(values) != len(members):
            continue  # a metric missing for some image would bias the mean
        curves.setdefault(codec, []).append((float(np.mean([m["bpp"] for m in members])), float(np.mean(values))))
    return {codec: sorted(points) for codec, points in curves.items()}


class LogRateCurve(NamedTuple):
    """``log10(rate)`` as a function of quality, and the quality range it was sampled over."""

    log_rate: Callable
    low: float
    high: float


def _log_rate(points: list[tuple[float, float]]) -> LogRateCurve | None:
    """A monotone piecewise-cubic (PCHIP) interpolation of ``log10(rate)`` over quality;
    None below four distinct qualities."""
    from scipy.interpolate import PchipInterpolator

    by_quality = sorted({d: math.log10(r) for r, d in points}.items())
    if len(by_quality) < 4:
        return None
    quality = np.array([q for q, _ in by_quality])
    return LogRateCurve(PchipInterpolator(quality, np.array([r for _, r in by_quality])),
                        float(quality.min()), float(quality.max()))


def bd_rate(reference: list[tuple[float, float]], test: list[tuple[float, float]],
            within: tuple[float, float] | None = None) -> float | None:
    """Bjøntegaard-delta rate of ``test`` against ``reference`` in percent (None without overlap).

    ``log10(rate)`` is interpolated as a function of quality with a monotone
    piecewise-cubic (PCHIP) curve, as in the JVET common test conditions,
    rather than the original single cubic: sweeps of ten qualities and more
    are not fitted well by one cubic. The average runs over the quality range
    both curves cover, narrowed to ``within`` (low, high) when given: the same
    range for curves whose own ranges differ, or one stretch of a curve.
    """
    curves = [_log_rate(points) for points in (reference, test)]
    if None in curves:
        return None
    low = max(curve.low for curve in curves)
    high = min(curve.high for curve in curves)
    if within:
        low, high = max(low, within[0]), min(high, within[1])
    if high <= low:
        return None
    means = [curve.log_rate.integrate(low, high) / (high - low) for curve in curves]
    return float((10 ** (means[1] - means[0]) - 1) * 100)


def rate_savings(rows: list[dict], codec: str = "qr", metric: str = "psnr") -> list[dict]:
    """At each of ``codec``'s own points, its rate against every other codec's at equal quality.

    A BD-rate is an average over the quality range both curves share, so it
    moves when a rate point moves; this says where along the curve the bits
    are saved or lost. ``vs[other]`` is the percentage (negative: ``codec``
    needs fewer bits), None outside the range ``other`` was sampled over.
    """
    curves = rd_curves(rows, metric)
    others = {name: _log_rate(points) for name, points in curves.items()
              if name not in (codec, *LEARNED_DECODERS, REFINED)}
    out = []
    for rate, quality in curves.get(codec, []):
        vs = {name: (None if curve is None or not curve.low <= quality <= curve.high
                     else float((rate / 10 ** curve.log_rate(quality) - 1) * 100))
              for name, curve in sorted(others.items())}
        out.append({"bpp": rate, metric: quality, "vs": vs})
    return out


def bd_matrix(rows: list[dict], metric: str = "psnr") -> dict[str, dict[str, float | None]]:
    """``matrix[test][reference]``: BD-rate of every codec against every other."""
    curves = rd_curves(rows, metric)
    return {t: {r: (None if t == r else bd_rate(curves[r], curves[t])) for r in curves} for t in curves}


def decoder_gains(rows: list[dict]) -> list[dict]:
    """Per QR rate point: mean PSNR of each decoder on the same bitstreams, and the gaps."""
    by_quality: dict[float, dict[str, list[float]]] = {}
    for row in rows:
        if row["codec"] in LEARNED_DECODERS:
            by_quality.setdefault(row["quality"], {}).setdefault(row["codec"], []).append(row["psnr"])
    gains = []
    for quality, decoders in sorted(by_quality.items()):
        mean = {d: float(np.mean(v)) for d, v in decoders.items()}
        bpp = np.mean([r["bpp"] for r in rows if r["codec"] == "qr" and r["quality"] == quality])
        gains.append({"quality": quality, "bpp": float(bpp), **{f"psnr_{d}": v for d, v in mean.items()},
                      "qr_minus_soft": mean.get("qr", np.nan) - mean.get("soft", np.nan),
                      "qr_minus_qr_off": mean.get("qr", np.nan) - mean.get("qr-off", np.nan)})
    return gains


def measured_rd(rows: list[dict], model_quality: float) -> dict:
    """Per decoder, the mean bpp / PSNR / MS-SSIM of one QR rate point, for its model card."""
    members = [r for r in rows if r["codec"] in (*LEARNED_DECODERS, REFINED) and r["quality"] == model_quality]
    images = len({r["image"] for r in members})
    return {m["codec"]: {"bpp": round(m["bpp"], 4), "psnr": round(m["psnr"], 3),
                         "ms_ssim": None if m["ms_ssim"] is None else round(m["ms_ssim"], 4), "images": images}
            for m in _mean_rows(members)}


def against_baseline(rows: list[dict], baseline: list[dict]) -> list[dict]:
    """BD-rate of every codec against its own curve in an earlier evaluation.

    This is the re-ship rule for retrained models: the new weights replace the
    shipped ones when their ``qr`` curve needs fewer bits (negative BD-rate).
    Both evaluations must cover the same images, or the comparison means nothing.
    """
    require_same_images(baseline, {r["image"] for r in rows})
    out = []
    for metric in ("psnr", "ms_ssim"):
        new, old = rd_curves(rows, metric), rd_curves(baseline, metric)
        for codec in sorted(set(new) & set(old)):
            out.append({"codec": codec, "metric": metric, "bd_rate": bd_rate(old[codec], new[codec])})
    return out


def merge_rows(earlier: list[dict], fresh: list[dict]) -> list[dict]:
    """An earlier evaluation's rows with what was evaluated again replaced by ``fresh``.

    Evaluating is deterministic, so when one rate point is retrained only that
    model needs evaluating again. A QR rate point is replaced whole: all its
    decoders and its refined rows, so none of the old model's rows survive
    beside the new one's, also when it was retrained at another λ.
    """
    require_same_images(earlier, {r["image"] for r in fresh})
    replaced = set().union(*(_series(r) for r in fresh))
    return [r for r in earlier if not _series(r) & replaced] + fresh


def _series(row: dict) -> set[tuple]:
    """What identifies one model or codec setting. A QR rate point's decoders belong together,
    known by their λ and by their model's name (rows written before names were kept have none)."""
    if row["codec"] not in (*LEARNED_DECODERS, REFINED):
        return {(row["codec"], row["quality"])}
    return {("qr-model", row["quality"])} | ({("qr-model", row["model"])} if row.get("model") else set())


def require_same_images(baseline: list[dict], names: Iterable[str]) -> None:
    """Refuse a baseline evaluated on other images: its BD-rates would mean nothing."""
    differ = {r["image"] for r in baseline} ^ set(names)
    if differ:
        raise EvaluationError(
            f"the baseline was evaluated on other images ({len(differ)} differ, e.g. {sorted(differ)[0]}); "
            "evaluate both on the same --images folder"
        )


def markdown_report(rows: list[dict], comparison: list[dict] | None = None) -> str:
    """The R-D summary as Markdown: per-codec curves, QR decoder gains, qr against the others at its
    own points, BD-rate matrices."""
    lines = ["## Rate-distortion (mean over images)", "", "| codec | quality | bpp | PSNR dB | MS-SSIM |",
             "|---|---|---|---|---|"]
    psnr, msssim = rd_curves(rows, "psnr"), rd_curves(rows, "ms_ssim")
    for row in _mean_rows(rows):
        lines.append(f"| {row['codec']} | {row['quality']:g} | {row['bpp']:.3f} | {row['psnr']:.2f} | "
                     f"{_fmt(row['ms_ssim'], '.4f')} |")
    lines += ["", "## QR decoders on identical bitstreams", "",
              "| quality | bpp | soft dB | qr-off dB | qr dB | qr − soft | qr − qr-off |",
              "|---|---|---|---|---|---|---|"]
    for g in decoder_gains(rows):
        lines.append(f"| {g['quality']:g} | {g['bpp']:.3f} | {g.get('psnr_soft', np.nan):.2f} | "
                     f"{g.get('psnr_qr-off', np.nan):.2f} | {g.get('psnr_qr', np.nan):.2f} | "
                     f"{g['qr_minus_soft']:+.3f} | {g['qr_minus_qr_off']:+.3f} |")
    savings = rate_savings(rows)
    if savings:
        names = sorted(savings[0]["vs"])
        lines += ["", "## qr's rate against each codec's at equal PSNR, at qr's own points, % "
                  "(negative: fewer bits)", "", "| bpp | PSNR dB | " + " | ".join(names) + " |",
                  "|---" * (len(names) + 2) + "|"]
        for point in savings:
            lines.append(f"| {point['bpp']:.3f} | {point['psnr']:.2f} | "
                         + " | ".join(_fmt(point["vs"][n], "+.1f") for n in names) + " |")
    for metric, curves in (("PSNR", psnr), ("MS-SSIM", msssim)):
        matrix = bd_matrix(rows, "psnr" if metric == "PSNR" else "ms_ssim")
        names = sorted(curves)
        lines += ["", f"## BD-rate ({metric}), % — row codec against column codec (negative: fewer bits)", "",
                  "| | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
        for t in names:
            lines.append(f"| {t} | " + " | ".join(_fmt(matrix[t][r], "+.1f") for r in names) + " |")
    if comparison is not None:
        lines += ["", "## Against the baseline evaluation: BD-rate, % (negative: the new curve needs fewer bits)",
                  "", "| codec | PSNR | MS-SSIM |", "|---|---|---|"]
        deltas = {(d["codec"], d["metric"]): d["bd_rate"] for d in comparison}
        for codec in sorted({c for c, _ in deltas}):
            lines.append(f"| {codec} | {_fmt(deltas.get((codec, 'psnr')), '+.1f')} | "
                         f"{_fmt(deltas.get((codec, 'ms_ssim')), '+.1f')} |")
    return "\n".join(lines) + "\n"


def _mean_rows(rows: list[dict]) -> list[dict]:
    out = []
    for (codec, quality), members in sorted(_by_codec_quality(rows).items()):
        ms = [m["ms_ssim"] for m in members if m["ms_ssim"] is not None]
        out.append({"codec": codec, "quality": quality, "bpp": float(np.mean([m["bpp"] for m in members])),
                    "psnr": float(np.mean([m["psnr"] for m in members])),
                    "ms_ssim": float(np.mean(ms)) if len(ms) == len(members) else None})
    return out


def _fmt(value: float | None, spec: str) -> str:
    return "–" if value is None or not np.isfinite(value) else format(value, spec)


def plot_rd(rows: list[dict], path: str | Path) -> None:
    """PSNR and MS-SSIM against bpp, one line per codec, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(12, 4.8))
    for ax, metric, label in ((axes[0], "psnr", "PSNR (dB)"), (axes[1], "ms_ssim", "MS-SSIM")):
        for codec, points in sorted(rd_curves(rows, metric).items()):
            style = "-o" if codec in (*LEARNED_DECODERS, REFINED) else "--s"
            ax.plot([p[0] for p in points], [p[1] for p in points], style, label=codec, markersize=4)
        ax.set_xlabel("bits per pixel")
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def read_rows(path: str | Path) -> list[dict]:
    """The rows of an earlier evaluation's ``rd.parquet``."""
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path).to_pylist()
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise EvaluationError(f"cannot read evaluation results {path}: {exc}") from exc


def write_results(rows: list[dict], output: Path, plot: bool = True, baseline: list[dict] | None = None) -> None:
    """``rd.parquet``, ``summary.md``, ``summary.json`` and (optionally) ``rd.png`` in ``output``."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    # Every row with every field: pyarrow takes the columns from the first row, and rows merged
    # from an older evaluation may lack a newer field
    table = pa.Table.from_pylist([{field: row.get(field) for field in ROW_FIELDS} for row in rows])
    pq.write_table(table, output / "rd.parquet")
    comparison = against_baseline(rows, baseline) if baseline is not None else None
    (output / "summary.md").write_text(markdown_report(rows, comparison))
    summary = {"curves": {m: rd_curves(rows, m) for m in ("psnr", "ms_ssim")},
               "qr_decoder_gains": decoder_gains(rows),
               "bd_rate": {m: bd_matrix(rows, m) for m in ("psnr", "ms_ssim")},
               "qr_rate_savings": {m: rate_savings(rows, metric=m) for m in ("psnr", "ms_ssim")}}
    if comparison is not None:
        summary["against_baseline"] = comparison
    (output / "summary.json").write_text(json.dumps(_json_safe(summary), indent=2) + "\n")
    if plot:
        plot_rd(rows, output / "rd.png")


def _json_safe(value):
    """NaN and inf become null: JSON has no such numbers (json.dumps would write invalid ``NaN``)."""
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, float):
        return metrics.finite_or_none(value)
    return value
