"""R-D evaluation: real bytes, Bjøntegaard deltas, the report."""

import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from codec import evaluation, images
from codec.registry import save_model_file
from conftest import make_tiny_model


def curve(scale: float) -> list[tuple[float, float]]:
    return [(scale * r, 25 + 4 * np.log2(r / 0.1)) for r in (0.1, 0.2, 0.4, 0.8, 1.6)]


def test_bd_rate_of_a_uniformly_cheaper_codec():
    assert evaluation.bd_rate(curve(1.0), curve(0.8)) == pytest.approx(-20.0, abs=1e-6)
    assert evaluation.bd_rate(curve(1.0), curve(1.0)) == pytest.approx(0.0, abs=1e-9)
    assert evaluation.bd_rate(curve(0.8), curve(1.0)) == pytest.approx(25.0, abs=1e-6)


def test_bd_rate_needs_overlap_and_four_points():
    far = [(r, d + 100) for r, d in curve(1.0)]
    assert evaluation.bd_rate(curve(1.0), far) is None
    assert evaluation.bd_rate(curve(1.0)[:3], curve(1.0)[:3]) is None


def test_bd_rate_within_a_quality_range_averages_only_that_stretch():
    # cheaper by 20 % up to 29 dB, by 50 % above: each stretch gives its own saving
    def cheaper(r: float, d: float) -> float:
        return r * (0.8 if d <= 29 else 0.5)
    dense = [(0.1 * 2 ** (k / 4), 25 + k) for k in range(17)]
    test = [(cheaper(r, d), d) for r, d in dense]
    assert evaluation.bd_rate(dense, test, within=(25, 29)) == pytest.approx(-20.0, abs=0.5)
    assert evaluation.bd_rate(dense, test, within=(30, 41)) == pytest.approx(-50.0, abs=0.5)
    assert evaluation.bd_rate(dense, test, within=(50, 60)) is None


def test_rate_savings_at_qr_points_only_where_the_other_curve_was_sampled():
    rows = [{"codec": codec, "quality": float(q), "image": "a", "bpp": bpp, "psnr": psnr, "ms_ssim": None}
            for codec, points in (("jpeg", curve(1.0)[:4]), ("qr", curve(0.7)), ("soft", curve(0.5)))
            for q, (bpp, psnr) in enumerate(points)]
    savings = evaluation.rate_savings(rows)
    assert [p["bpp"] for p in savings] == pytest.approx([0.7 * r for r in (0.1, 0.2, 0.4, 0.8, 1.6)])
    assert [set(p["vs"]) for p in savings] == [{"jpeg"}] * 5  # not against its own decoders
    assert [p["vs"]["jpeg"] for p in savings[:4]] == pytest.approx([-30.0] * 4, abs=1e-6)
    assert savings[4]["vs"]["jpeg"] is None  # 41 dB: beyond JPEG's highest point
    assert "| 0.070 | 25.00 | -30.0 |" in evaluation.markdown_report(rows)


def test_classic_codec_rows_come_from_real_bytes():
    rng = np.random.default_rng(0)
    rgb = (rng.random((64, 80, 3)) * 255).astype(np.uint8)
    rows = list(evaluation.evaluate_classic(evaluation.CLASSIC_CODECS["jpeg"], [("noise.png", rgb)]))
    assert [r["quality"] for r in rows] == list(evaluation.CLASSIC_CODECS["jpeg"].qualities)
    assert all(r["bpp"] == pytest.approx(8 * r["bytes"] / (64 * 80)) for r in rows)
    assert rows[-1]["psnr"] > rows[0]["psnr"] and rows[-1]["bytes"] > rows[0]["bytes"]
    assert all(r["ms_ssim"] is None for r in rows)  # too small for five scales


def test_learned_decoders_share_the_bitstream(tiny_model_file, sample_photos):
    dataset = [("chelsea", images.open_image(sample_photos["chelsea"]).rgb[:128, :128])]
    rows = list(evaluation.evaluate_learned(str(tiny_model_file), 0.01, dataset, decoders=("qr",)))
    assert len(rows) == 1 and rows[0]["codec"] == "qr" and rows[0]["bytes"] > 80


def test_refined_rows_are_their_own_codec_outside_the_decoder_comparison(sample_photos):
    dataset = [("chelsea", images.open_image(sample_photos["chelsea"]).rgb[:128, :128])]
    rows = list(evaluation.evaluate_learned("qr-mbt2018-mean-q1", 0.0012, dataset, decoders=("qr",),
                                            refine_steps=2))
    assert [r["codec"] for r in rows] == ["qr", evaluation.REFINED]
    assert [g["quality"] for g in evaluation.decoder_gains(rows)] == [0.0012]
    assert "psnr_qr-refined" not in evaluation.decoder_gains(rows)[0]
    assert set(evaluation.measured_rd(rows, 0.0012)) == {"qr", evaluation.REFINED}


def test_report_tables_and_gains():
    rows = []
    for codec, scale, offset in (("jpeg", 1.0, 0.0), ("soft", 0.7, 0.0), ("qr-off", 0.7, 0.1), ("qr", 0.7, 0.3)):
        for q, (bpp, psnr) in enumerate(curve(scale)):
            rows.append({"codec": codec, "quality": float(q), "image": "a", "bpp": bpp, "psnr": psnr + offset,
                         "ms_ssim": None, "bytes": 1, "encode_seconds": 0.0, "decode_seconds": 0.0})
    gains = evaluation.decoder_gains(rows)
    assert [g["qr_minus_soft"] for g in gains] == pytest.approx([0.3] * 5)
    assert [g["qr_minus_qr_off"] for g in gains] == pytest.approx([0.2] * 5)
    text = evaluation.markdown_report(rows)
    assert "| qr | " in text and "-30.0" in text  # soft against jpeg: 0.7x the rate


def _rows(codec: str, scale: float, image: str = "a", model: str | None = None) -> list[dict]:
    return [{"codec": codec, "quality": float(q), "image": image, "width": 8, "height": 8, "bpp": bpp, "psnr": psnr,
             "ms_ssim": None, "bytes": 1, "encode_seconds": 0.0, "decode_seconds": 0.0, "model": model}
            for q, (bpp, psnr) in enumerate(curve(scale))]


def test_retrained_models_are_judged_against_the_baseline_evaluation(tmp_path):
    baseline = _rows("qr", 1.0) + _rows("jpeg", 1.0)
    rows = _rows("qr", 0.9) + _rows("jpeg", 1.0)
    deltas = {(d["codec"], d["metric"]): d["bd_rate"] for d in evaluation.against_baseline(rows, baseline)}
    assert deltas[("qr", "psnr")] == pytest.approx(-10.0, abs=1e-6)
    assert deltas[("jpeg", "psnr")] == pytest.approx(0.0, abs=1e-9)
    evaluation.write_results(rows, tmp_path, plot=False, baseline=baseline)
    assert "| qr | -10.0 |" in (tmp_path / "summary.md").read_text()
    assert evaluation.read_rows(tmp_path / "rd.parquet") == rows


def test_a_baseline_on_other_images_is_refused(tmp_path):
    with pytest.raises(evaluation.EvaluationError, match="other images"):
        evaluation.against_baseline(_rows("qr", 0.9, "a"), _rows("qr", 1.0, "b"))
    (tmp_path / "rd.parquet").write_text("not parquet")
    with pytest.raises(evaluation.EvaluationError, match="cannot read"):
        evaluation.read_rows(tmp_path / "rd.parquet")


def test_measured_rd_for_the_model_cards():
    rows = _rows("qr", 1.0) + _rows("soft", 1.0) + _rows("jpeg", 1.0)
    card = evaluation.measured_rd(rows, 2.0)
    assert set(card) == {"qr", "soft"}
    assert card["qr"]["bpp"] == pytest.approx(0.4) and card["qr"]["images"] == 1


def test_merge_replaces_a_qr_rate_point_whole_and_keeps_the_rest():
    earlier = _rows("qr", 1.0) + _rows("qr-off", 1.0) + _rows("soft", 1.0) + _rows(evaluation.REFINED, 1.0) \
        + _rows("jpeg", 1.0)
    fresh = [dict(r, bpp=r["bpp"] * 0.9) for r in _rows("qr", 1.0) + _rows("soft", 1.0) if r["quality"] == 2.0]
    merged = evaluation.merge_rows(earlier, fresh)
    at_two = [r for r in merged if r["quality"] == 2.0 and r["codec"] != "jpeg"]
    assert sorted(r["codec"] for r in at_two) == ["qr", "soft"]  # the old model's qr-off and refined rows go too
    assert all(r in fresh for r in at_two)
    assert [r for r in merged if r["quality"] != 2.0 or r["codec"] == "jpeg"] == \
        [r for r in earlier if r["quality"] != 2.0 or r["codec"] == "jpeg"]
    with pytest.raises(evaluation.EvaluationError, match="other images"):
        evaluation.merge_rows(earlier, _rows("qr", 0.9, "b"))


def test_merge_replaces_a_rate_point_retrained_at_another_lambda_by_its_name(tmp_path):
    def model_rows(codec, scale, quality, name):
        return [dict(r, quality=quality, model=name) for r in _rows(codec, scale, model=name) if r["quality"] == 2.0]

    earlier = [dict(r, model=None) for r in _rows("jpeg", 1.0)] + model_rows("qr", 1.0, 0.0012, "q1") \
        + model_rows("soft", 1.0, 0.0012, "q1") + model_rows("qr", 1.0, 0.0067, "q2")
    fresh = model_rows("qr", 0.9, 0.0009, "q1")
    merged = evaluation.merge_rows(earlier, fresh)
    assert sorted((r["model"], r["quality"]) for r in merged if r["codec"] == "qr") == [("q1", 0.0009),
                                                                                        ("q2", 0.0067)]
    assert not [r for r in merged if r["codec"] == "soft"]
    old_file = [{k: v for k, v in r.items() if k != "model"} for r in earlier]  # written before names were kept
    evaluation.write_results(evaluation.merge_rows(old_file, fresh), tmp_path, plot=False)
    written = evaluation.read_rows(tmp_path / "rd.parquet")
    # the column survives; the old file's q1 rows, nameless, can only be told by their λ
    assert {(r["model"], r["quality"]) for r in written if r["codec"] == "qr"} == {(None, 0.0012), (None, 0.0067),
                                                                                   ("q1", 0.0009)}


def test_evaluate_job_re_evaluates_one_model_into_an_earlier_evaluation(tmp_path, sample_photos):
    folder = tmp_path / "images"
    folder.mkdir()
    Image.fromarray(images.open_image(sample_photos["chelsea"]).rgb[:128, :128]).save(folder / "chelsea.png")
    models = []
    for seed in (0, 1):
        model = make_tiny_model(seed)
        synthesis = model.base.g_s.state_dict()  # stands in for the qr-off and soft decoders
        models.append(save_model_file(model, tmp_path / f"tiny-{seed}.pt", {"qr-off": synthesis, "soft": synthesis},
                                      card={"name": f"tiny-{seed}", "lambda": 0.01}, half=False))

    def evaluate(output, *args):
        done = subprocess.run([sys.executable, "jobs/evaluate.py", "--images", folder, "--output", tmp_path / output,
                               "--no-plot", *map(str, args)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return evaluation.read_rows(tmp_path / output / "rd.parquet")

    first = evaluate("first", "--models", models[0], "--codecs", "jpeg")
    again = evaluate("again", "--models", models[1], "--codecs", "--merge", tmp_path / "first" / "rd.parquet",
                     "--baseline", tmp_path / "first" / "rd.parquet")
    assert [r for r in again if r["codec"] == "jpeg"] == [r for r in first if r["codec"] == "jpeg"]
    learned = {r["codec"]: r["bytes"] for r in again if r["codec"] != "jpeg"}
    assert set(learned) == {"qr", "qr-off", "soft"} and len(again) == len(first)
    assert learned["qr"] != next(r["bytes"] for r in first if r["codec"] == "qr")  # the other model's bitstream
    assert {r["model"] for r in again} == {"tiny-1", None} and {r["model"] for r in first} == {"tiny-0", None}
    summary = json.loads((tmp_path / "again" / "summary.json").read_text())
    assert {d["codec"] for d in summary["against_baseline"]} >= {"jpeg"}
