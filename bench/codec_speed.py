"""Encode and decode speed of each shipped model, and the share of decode time the rectifier adds.

    python bench/codec_speed.py [--images DIR] [--repeat 3] [--threads N] [--json out.json]

Per model: megapixels/s of ``ImageCodec.encode`` and ``decode`` (the whole
path: padding, analysis, entropy coding, synthesis, container), and decode
with the ``qr`` decoder against ``qr-off`` on the same bitstreams, which
differ only by the rectifier. Median of ``--repeat`` runs per image.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch

from codec import images
from codec.image_codec import ImageCodec
from codec.registry import shipped_models

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "pipeline" / "samples"


def load(folder: str | None) -> list[images.PreparedImage]:
    if folder:
        files = sorted(p for p in Path(folder).iterdir() if p.suffix.lower().lstrip(".") in images.EXTENSIONS)
        return [images.open_image(p) for p in files]
    from pipeline.shards import read_samples

    return [images.open_image(s.image) for s in read_samples(str(next(SAMPLE_DIR.glob("*.tar"))))]


def common_parser(doc: str) -> argparse.ArgumentParser:
    """The options every per-model codec benchmark takes: images, models, threads, JSON output."""
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--images", help="folder of images (default: the bundled sample photos)")
    p.add_argument("--models", nargs="*", help="default: every shipped model")
    p.add_argument("--threads", type=int, help="torch threads (default: torch's choice)")
    p.add_argument("--json", help="write the numbers here too")
    return p


def median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        times.append(fn())
    return statistics.median(times)


def bench_model(name: str, dataset: list[images.PreparedImage], repeat: int) -> dict:
    qr, off = ImageCodec.load(name, decoder="qr"), ImageCodec.load(name, decoder="qr-off")
    megapixels = sum(im.width * im.height for im in dataset) / 1e6
    encode_s = decode_s = decode_off_s = 0.0
    for im in dataset:
        data = qr.encode(im).data
        encode_s += median_seconds(lambda im=im: qr.encode(im).seconds, repeat)
        decode_s += median_seconds(lambda d=data: qr.decode(d).seconds, repeat)
        decode_off_s += median_seconds(lambda d=data: off.decode(d).seconds, repeat)
    return {"model": name, "images": len(dataset), "megapixels": round(megapixels, 3),
            "encode_mp_per_s": round(megapixels / encode_s, 3), "decode_mp_per_s": round(megapixels / decode_s, 3),
            "decode_without_qr_mp_per_s": round(megapixels / decode_off_s, 3),
            "rectifier_share_of_decode": round(1 - decode_off_s / decode_s, 4)}


def main() -> None:
    p = common_parser(__doc__)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    dataset = load(args.images)
    rows = [bench_model(m, dataset, args.repeat) for m in (args.models or shipped_models())]
    header = f"{'model':24}{'enc MP/s':>10}{'dec MP/s':>10}{'dec no-QR':>11}{'QR share':>10}"
    print(header)
    for r in rows:
        print(f"{r['model']:24}{r['encode_mp_per_s']:>10}{r['decode_mp_per_s']:>10}"
              f"{r['decode_without_qr_mp_per_s']:>11}{r['rectifier_share_of_decode']:>10.1%}")
    print(f"device cpu, {torch.get_num_threads()} threads, {rows[0]['images'] if rows else 0} images")
    if args.json:
        Path(args.json).write_text(json.dumps({"threads": torch.get_num_threads(), "models": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
