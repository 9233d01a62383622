"""jobs/report.py: a run summarized, and two runs compared, from the Parquet files alone."""

import importlib.util
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import report
from pipeline.errors import PipelineError

ROOT = Path(__file__).resolve().parents[1]


def write_run(folder: Path, psnr_offset: float = 0.0, model: str = "m1") -> Path:
    folder.mkdir(parents=True)
    for shard in ("a", "b"):
        rows = [{"key": f"k{i}", "shard": shard, "status": "ok", "error": None, "error_class": None, "model": model,
                 "source_bytes": 1000, "bitstream_bytes": 100 + i, "bpp": 0.1 * (i + 1), "psnr": 30.0 + i + psnr_offset,
                 "ms_ssim": 0.95} for i in range(4)]
        rows.append({"key": "bad", "shard": shard, "status": "error", "error": "cannot identify image",
                     "error_class": "ImageError", "model": model, "source_bytes": 10, "bitstream_bytes": None,
                     "bpp": None, "psnr": None, "ms_ssim": None})
        pq.write_table(pa.Table.from_pylist(rows), folder / f"{shard}.parquet")
    (folder / ".tmp-c-123.parquet.partial").write_bytes(b"half a shard")  # must be ignored
    return folder


def test_summary_counts_metrics_and_worst(tmp_path):
    result = report.summarize_run(write_run(tmp_path / "run"), worst=3)
    totals = result["totals"]
    assert (totals["images"], totals["ok"], totals["failed"]) == (10, 8, 2)
    assert totals["bytes_in"] == 2 * (4 * 1000 + 10)
    assert totals["compression_ratio"] == pytest.approx(totals["bytes_in"] / totals["bytes_out"], abs=1e-3)
    assert totals["psnr_mean"] == pytest.approx(31.5)
    assert result["failures"] == [{"status": "error", "error_class": "ImageError", "images": 2,
                                   "example": "cannot identify image"}]
    assert [r["shard"] for r in result["by_shard"]] == ["a", "b"]
    assert [w["psnr"] for w in result["worst"]] == [30.0, 30.0, 31.0]


def test_compare_two_runs(tmp_path):
    comparison = report.compare_runs(write_run(tmp_path / "a"), write_run(tmp_path / "b", 0.5, "m2"))
    assert comparison["common_ok"] == 8 and comparison["only_in_a"] == comparison["only_in_b"] == 0
    assert comparison["psnr_delta_mean"] == pytest.approx(0.5)
    assert (comparison["model_a"], comparison["model_b"]) == ("m1", "m2")


def test_cli_formats_and_errors(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("report_job", ROOT / "jobs" / "report.py")
    job = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(job)
    run = write_run(tmp_path / "run")
    assert job.main([str(run), "--format", "json", "--plot", str(tmp_path / "s.png")]) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["ok"] == 8
    assert (tmp_path / "s.png").stat().st_size > 1000
    assert job.main([str(run), "--format", "csv"]) == 0
    assert "# totals" in capsys.readouterr().out
    assert job.main([str(tmp_path / "empty")]) == 2
    with pytest.raises(PipelineError):
        report.summarize_run(tmp_path / "empty")
