"""Run reports from the Parquet files alone, with DuckDB.

A run's table is every visible ``*.parquet`` in its folder, exactly what
pyarrow.dataset or ``read_parquet('RUN/*.parquet')`` would see, so a report
never counts a shard that did not commit. Works on compress runs (rate and
quality) and on decode runs (validation statuses); columns a run lacks are
left out of its report.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb

from .errors import PipelineError

PERCENTILES = (0.05, 0.5, 0.95)
METRICS = ("bpp", "psnr", "ms_ssim", "encode_seconds", "decode_seconds")


def open_run(run_dir: str | Path, con: duckdb.DuckDBPyConnection | None = None, view: str = "run"):
    """A DuckDB connection with ``view`` over the run's Parquet files."""
    files = sorted(Path(run_dir).glob("*.parquet"))
    if not files:
        raise PipelineError(f"{run_dir} has no Parquet files (is it the --output of a compress or decode run?)")
    con = con or duckdb.connect()
    paths = ", ".join(f"'{_quote(f)}'" for f in files)
    con.execute(f"CREATE OR REPLACE VIEW {view} AS SELECT * FROM read_parquet([{paths}], union_by_name = true)")
    return con


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def _columns(con, view: str) -> set[str]:
    return {row[0] for row in con.execute(f"DESCRIBE {view}").fetchall()}


def _records(con, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _metric_aggregates(columns: set[str], metrics=METRICS, percentiles=PERCENTILES) -> str:
    parts = []
    for m in metrics:
        if m in columns:
            parts.append(f"round(avg({m}) FILTER (status = 'ok'), 4) AS {m}_mean")
            parts += [f"round(quantile_cont({m}, {q}) FILTER (status = 'ok'), 4) AS {m}_p{int(q * 100)}"
                      for q in percentiles]
    return ", ".join(parts)


def summarize_run(run_dir: str | Path, worst: int = 10) -> dict:
    """Totals, failures by class, metrics per shard and per model, and the worst images."""
    con = open_run(run_dir)
    cols = _columns(con, "run")
    bytes_in = "sum(source_bytes)" if "source_bytes" in cols else "NULL"
    bytes_out = "sum(bitstream_bytes)" if "bitstream_bytes" in cols else "NULL"
    aggregates = _metric_aggregates(cols)
    totals = _records(con, f"""
        SELECT count(*) AS images, count(*) FILTER (status = 'ok') AS ok, count(*) FILTER (status <> 'ok') AS failed,
               {bytes_in} AS bytes_in, {bytes_out} AS bytes_out,
               round({bytes_in} / nullif({bytes_out}, 0), 3) AS compression_ratio
               {', ' + aggregates if aggregates else ''}
        FROM run""")[0]
    error_class = "coalesce(error_class, 'unknown')" if "error_class" in cols else (
        "coalesce(\"check\", 'unknown')" if "check" in cols else "'unknown'")
    failures = _records(con, f"""
        SELECT status, {error_class} AS error_class, count(*) AS images, any_value(error) AS example
        FROM run WHERE status <> 'ok' GROUP BY ALL ORDER BY images DESC""")
    group_cols = [c for c in ("shard", "model") if c in cols]
    per_group = _metric_aggregates(cols, ("bpp", "psnr", "ms_ssim", "decode_seconds"), (0.05,))
    groups = {c: _records(con, f"""
        SELECT {c}, count(*) AS images, count(*) FILTER (status = 'ok') AS ok
               {', ' + per_group if per_group else ''}
        FROM run GROUP BY {c} ORDER BY {c}""") for c in group_cols}
    worst_rows = []
    if "psnr" in cols:
        worst_rows = _records(con, f"""
            SELECT shard, key, round(bpp, 4) AS bpp, round(psnr, 3) AS psnr, round(ms_ssim, 4) AS ms_ssim
            FROM run WHERE status = 'ok' AND psnr IS NOT NULL
            ORDER BY psnr ASC LIMIT {int(worst)}""")
    return {"run": str(run_dir), "totals": totals, "failures": failures, **{f"by_{c}": g for c, g in groups.items()},
            "worst": worst_rows}


def compare_runs(run_a: str | Path, run_b: str | Path) -> dict:
    """Same keys in two runs (another model or quality): rate and quality differences."""
    con = open_run(run_a, view="a")
    open_run(run_b, con, view="b")
    for view, run in (("a", run_a), ("b", run_b)):
        missing = {"key", "shard", "status", "bpp", "psnr"} - _columns(con, view)
        if missing:
            raise PipelineError(f"{run} is not a compress run (no {', '.join(sorted(missing))} columns)")
    ms = "ms_ssim" in _columns(con, "a") and "ms_ssim" in _columns(con, "b")
    ms_sql = ", round(avg(b.ms_ssim - a.ms_ssim), 5) AS ms_ssim_delta_mean" if ms else ""
    summary = _records(con, f"""
        SELECT count(*) AS common_ok,
               round(avg(a.bpp), 4) AS bpp_a, round(avg(b.bpp), 4) AS bpp_b,
               round(100 * (sum(b.bitstream_bytes) / sum(a.bitstream_bytes) - 1), 2) AS bytes_change_percent,
               round(avg(a.psnr), 3) AS psnr_a, round(avg(b.psnr), 3) AS psnr_b,
               round(avg(b.psnr - a.psnr), 3) AS psnr_delta_mean,
               round(min(b.psnr - a.psnr), 3) AS psnr_delta_min {ms_sql}
        FROM a JOIN b USING (shard, key) WHERE a.status = 'ok' AND b.status = 'ok'""")[0]
    only = _records(con, """
        SELECT (SELECT count(*) FROM a ANTI JOIN b USING (shard, key)) AS only_in_a,
               (SELECT count(*) FROM b ANTI JOIN a USING (shard, key)) AS only_in_b""")[0]
    models = _records(con, "SELECT (SELECT string_agg(DISTINCT model, ',') FROM a) AS model_a, "
                           "(SELECT string_agg(DISTINCT model, ',') FROM b) AS model_b")[0]
    return {"run_a": str(run_a), "run_b": str(run_b), **models, **summary, **only}


def scatter_plot(run_dir: str | Path, path: str | Path) -> None:
    """bpp against PSNR, one point per image, coloured by model."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    con = open_run(run_dir)
    rows = _records(con, "SELECT model, bpp, psnr FROM run WHERE status = 'ok' AND psnr IS NOT NULL")
    fig, ax = plt.subplots(figsize=(6.4, 4.8))
    for model in sorted({r["model"] for r in rows}):
        points = [r for r in rows if r["model"] == model]
        ax.scatter([r["bpp"] for r in points], [r["psnr"] for r in points], s=8, label=model, alpha=0.7)
    ax.set_xlabel("bits per pixel")
    ax.set_ylabel("PSNR (dB)")
    ax.grid(alpha=0.3)
    if rows:
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# ----------------------------------------------------------------- output
def render(report: dict, fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps(report, indent=2, default=str)
    if fmt == "csv":
        return _csv(report)
    return _tables(report)


def _csv(report: dict) -> str:
    """Every table of the report, one after another, each headed by its name."""
    out = io.StringIO()
    for name, value in report.items():
        rows = value if isinstance(value, list) else [value] if isinstance(value, dict) else None
        if not rows:
            continue
        out.write(f"# {name}\n")
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def _tables(report: dict) -> str:
    lines = []
    scalars = {k: v for k, v in report.items() if not isinstance(v, (list, dict))}
    lines += [f"{k}: {v}" for k, v in scalars.items()]
    for name, value in report.items():
        rows = value if isinstance(value, list) else [value] if isinstance(value, dict) else None
        if rows is None:
            continue
        lines += ["", f"== {name} =="]
        lines += _table(rows) if rows else ["(none)"]
    return "\n".join(lines) + "\n"


def _table(rows: list[dict]) -> list[str]:
    names = list(rows[0])
    cells = [[_cell(r.get(n)) for n in names] for r in rows]
    widths = [max(len(n), *(len(c[i]) for c in cells)) for i, n in enumerate(names)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True))  # noqa: E731
    return [line(names), line(["-" * w for w in widths]), *(line(c) for c in cells)]


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."
