"""Command line, in the style of cjxl/djxl.

    python -m codec encode IN OUT [--quality Q] [--model NAME_OR_PATH] [--refine-steps N]
    python -m codec decode IN OUT [--model NAME_OR_PATH] [--decoder qr|qr-off|soft]
    python -m codec info FILE
    python -m codec models

Errors print one line on stderr and exit with status 1 (bad input) or 2
(bad usage); no tracebacks.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import bitstream, images, metrics, registry
from .errors import CodecError
from .image_codec import ImageCodec
from .models import DECODERS
from .refine import Refinement


def cmd_encode(args: argparse.Namespace) -> None:
    image = images.open_image(args.input, max_pixels=int(args.max_megapixels * 2**20))
    refinement = Refinement(args.refine_steps) if args.refine_steps else None
    codec = ImageCodec.load(args.model, quality=args.quality, device=args.device, refinement=refinement)
    encoded = codec.encode(image)
    _write_atomic(Path(args.output), encoded.data)
    bpp = metrics.bits_per_pixel(len(encoded.data), image.width, image.height)
    quality = metrics.psnr(image.rgb, encoded.reconstruction)
    print(
        f"{args.input}: {image.width}x{image.height} {image.source_mode} -> {len(encoded.data)} bytes, "
        f"{bpp:.3f} bpp, PSNR {quality:.2f} dB, {encoded.seconds:.2f} s"
    )


def cmd_decode(args: argparse.Namespace) -> None:
    data = _read(args.input)
    container = bitstream.unpack(data)
    extra = [args.model] if args.model else []
    path = registry.find_model_for_id(container.model_id, extra)
    codec = ImageCodec.load(str(path), decoder=args.decoder, device=args.device)
    decoded = codec.decode(data)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        decoded.to_pil().save(tmp, format=_format_for(out))
        tmp.replace(out)
    except (OSError, ValueError, KeyError) as exc:
        tmp.unlink(missing_ok=True)
        raise CodecError(f"cannot write {out}: {exc}") from None
    print(f"{args.input}: {container.width}x{container.height} -> {out}, {decoded.seconds:.2f} s")


def cmd_info(args: argparse.Namespace) -> None:
    c = bitstream.unpack(_read(args.input))
    info = {
        "format_version": c.version,
        "model_id": c.model_id.hex(),
        "width": c.width,
        "height": c.height,
        "colour": "grey" if c.grey else "rgb",
        "alpha": bool(c.alpha),
        "source_mode": c.source_mode,
        "source_bits": c.source_bits,
        "orientation_applied": c.orientation,
        "y_shape": list(c.y_shape),
        "z_shape": list(c.z_shape),
        "bytes": {"header": bitstream.HEADER_SIZE, "z": len(c.z_string), "y": len(c.y_string), "alpha": len(c.alpha)},
        "bpp": round(metrics.bits_per_pixel(bitstream.HEADER_SIZE + len(c.payload), c.width, c.height), 4),
        "symbols_digest": c.symbols_digest.hex(),
    }
    try:
        info["model"] = registry.find_model_for_id(c.model_id).stem
    except CodecError:
        info["model"] = None
    print(json.dumps(info, indent=2))


def cmd_models(args: argparse.Namespace) -> None:
    for name in registry.shipped_models():
        card = registry.model_card(name)
        measured = card.get("measured", {})
        decoders = "  ".join(f"{d} {measured[d]['psnr']:.2f} dB" for d in DECODERS if d in measured)
        bpp = f"{measured['qr']['bpp']:.3f}" if "qr" in measured else "?"
        print(f"{name}  λ={card.get('lambda')}  id={card.get('model_id', '')[:12]}  bpp={bpp}  "
              f"{decoders or 'not measured'}" + (f"  (on {measured['images']})" if "images" in measured else ""))


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CodecError(f"cannot read {path}: {exc.strerror or exc}") from None


def _write_atomic(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        raise CodecError(f"cannot write {path}: {exc.strerror or exc}") from None


def _format_for(path: Path) -> str:
    from PIL import Image

    ext = path.suffix.lower()
    fmt = Image.registered_extensions().get(ext)
    if fmt is None:
        raise CodecError(f"unknown output format {ext!r}; use .png, .tif, .webp, ...")
    return fmt


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m codec", description="QR learned image codec")
    sub = parser.add_subparsers(dest="command", required=True)
    enc = sub.add_parser("encode", help="image -> bitstream")
    enc.add_argument("input")
    enc.add_argument("output")
    enc.add_argument("--quality", "-q", type=int, default=None, help="shipped rate point (1 = smallest)")
    enc.add_argument("--model", help="shipped model name or model file path")
    enc.add_argument("--max-megapixels", type=float, default=images.DEFAULT_MAX_PIXELS / 2**20)
    enc.add_argument("--refine-steps", type=int, default=0, metavar="N",
                     help="search each latent for N steps: slower encoding, fewer bits, same decoder "
                          "(0: off; 20 is a good start)")
    dec = sub.add_parser("decode", help="bitstream -> image")
    dec.add_argument("input")
    dec.add_argument("output")
    dec.add_argument("--model", help="model file, if the bitstream was not made with a shipped model")
    dec.add_argument("--decoder", default="qr", choices=DECODERS)
    info = sub.add_parser("info", help="describe a bitstream")
    info.add_argument("input")
    sub.add_parser("models", help="list the shipped models")
    for p in (enc, dec):
        p.add_argument("--device", default=None, help="cpu, cuda, cuda:1 (default: cuda if available)")
    return parser


COMMANDS = {"encode": cmd_encode, "decode": cmd_decode, "info": cmd_info, "models": cmd_models}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        COMMANDS[args.command](args)
    except CodecError as exc:
        print(f"{args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
