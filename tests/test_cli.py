import subprocess
import sys

import numpy as np
from PIL import Image


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "codec", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_encode_info_decode(tmp_path, tiny_model_file, sample_photos):
    src = tmp_path / "chelsea.png"
    src.write_bytes(sample_photos["chelsea"])
    bits = tmp_path / "chelsea.qric"
    out = tmp_path / "out" / "chelsea.png"
    enc = run("encode", src, bits, "--model", tiny_model_file)
    assert enc.returncode == 0, enc.stderr
    assert "bpp" in enc.stdout
    info = run("info", bits)
    assert info.returncode == 0 and '"width": 451' in info.stdout
    dec = run("decode", bits, out, "--model", tiny_model_file)
    assert dec.returncode == 0, dec.stderr
    assert Image.open(out).size == (451, 300)
    assert np.asarray(Image.open(out)).shape == (300, 451, 3)


def test_bad_inputs_exit_nonzero_with_one_line_and_no_traceback(tmp_path, tiny_model_file, sample_photos):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00" * 100)
    photo = tmp_path / "chelsea.png"
    photo.write_bytes(sample_photos["chelsea"])
    cases = [
        run("encode", tmp_path / "missing.png", tmp_path / "x.qric", "--model", tiny_model_file),
        run("encode", junk, tmp_path / "x.qric", "--model", tiny_model_file),
        run("decode", junk, tmp_path / "x.png"),
        run("info", junk),
        run("encode", junk, tmp_path / "x.qric", "--model", "no-such-model"),
        run("encode", photo, tmp_path / "x.qric", "--refine-steps", "-2"),
        run("encode", photo, tmp_path / "x.qric", "--model", tiny_model_file, "--refine-steps", "2"),  # no λ
    ]
    for result in cases:
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_models_lists_each_shipped_model_with_its_measured_rate_distortion():
    from codec import registry

    listing = run("models")
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert len(lines) == len(registry.shipped_models()) >= 4
    for name, line in zip(registry.shipped_models(), lines):
        measured = registry.model_card(name)["measured"]
        assert line.startswith(name)
        assert f"bpp={measured['qr']['bpp']:.3f}" in line
        for decoder in ("qr", "qr-off", "soft"):
            assert f"{decoder} {measured[decoder]['psnr']:.2f} dB" in line
