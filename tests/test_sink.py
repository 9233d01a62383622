import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from pipeline.sink import ShardSink, archive_model, archived_models, is_complete, read_stats, remove_partials

SCHEMA = pa.schema([("key", pa.string()), ("blob", pa.binary())])


def test_commit_is_atomic_and_marked_by_stats(tmp_path):
    sink = ShardSink(tmp_path, "shard-0", SCHEMA, row_group_bytes=10_000)
    for i in range(50):
        sink.add({"key": f"k{i}", "blob": bytes(1000)})
    # In progress: nothing visible to readers, shard not complete.
    assert not is_complete(tmp_path, "shard-0")
    assert list(tmp_path.glob("*.parquet")) == []
    assert len(list(tmp_path.glob(".tmp-*.parquet.partial"))) == 1
    assert ds.dataset(tmp_path, format="parquet").count_rows() == 0
    sink.commit({"name": "shard-0"})
    assert is_complete(tmp_path, "shard-0")
    assert read_stats(tmp_path) == [{"name": "shard-0", "rows": 50}]
    meta = pq.ParquetFile(tmp_path / "shard-0.parquet").metadata
    assert meta.num_rows == 50 and meta.num_row_groups >= 5  # bounded row groups


def test_abort_and_partials_leave_nothing(tmp_path):
    sink = ShardSink(tmp_path, "s", SCHEMA, row_group_bytes=100)
    sink.add({"key": "a", "blob": b"x" * 200})
    sink.abort()
    assert list(tmp_path.iterdir()) == []
    other = ShardSink(tmp_path, "t", SCHEMA, row_group_bytes=100)
    other.add({"key": "a", "blob": b"x" * 200})  # a killed worker leaves this behind
    assert remove_partials(tmp_path) == 1
    assert not any(tmp_path.glob(".tmp-*"))


def test_a_run_keeps_one_copy_of_its_model_with_the_card(tmp_path):
    model = tmp_path / "weights" / "m.pt"
    model.parent.mkdir()
    model.write_bytes(b"weights")
    model.with_suffix(".json").write_text('{"lambda": 0.018}')
    run = tmp_path / "run"
    first = archive_model(run, model, "ab12")
    model.write_bytes(b"changed after the run began")  # a later copy must not replace the first
    assert archive_model(run, model, "ab12") == first == run / "_models" / "ab12" / "m.pt"
    assert first.read_bytes() == b"weights" and first.with_suffix(".json").exists()
    assert archived_models(run) == [str(first)]
    assert [p.name for p in (run / "_models").iterdir()] == ["ab12"]  # no temporary files left
    assert archived_models(tmp_path / "no-run") == []
