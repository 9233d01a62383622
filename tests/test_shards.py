import pytest
from shardutil import write_tar

from pipeline.errors import PipelineError
from pipeline.shards import ShardReadError, expand_specs, read_samples, split_member


def test_specs_paths_globs_and_brace_ranges(tmp_path):
    for i in range(5):
        write_tar(tmp_path / f"train-{i:06d}.tar", [("a.txt", b"x")])
    assert len(expand_specs([str(tmp_path / "train-{000001..000003}.tar")])) == 3
    assert len(expand_specs([str(tmp_path / "*.tar")])) == 5
    shards = expand_specs([str(tmp_path / "train-000000.tar"), str(tmp_path / "*.tar")])
    assert len(shards) == 5  # duplicates collapse
    assert [s.name for s in shards][:2] == ["train-000000", "train-000001"]


def test_spec_errors_are_clear(tmp_path):
    with pytest.raises(PipelineError, match="matches no file"):
        expand_specs([str(tmp_path / "nope-{0..3}.tar")])
    with pytest.raises(PipelineError, match="is a folder"):
        expand_specs([str(tmp_path)])
    with pytest.raises(PipelineError, match="no input shards"):
        expand_specs([])


def test_same_basename_in_two_folders_gets_distinct_outputs(tmp_path):
    a = write_tar(tmp_path / "a" / "part.tar", [("k.txt", b"1")])
    b = write_tar(tmp_path / "b" / "part.tar", [("k.txt", b"2")])
    names = [s.name for s in expand_specs([str(a), str(b)])]
    assert len(set(names)) == 2 and all(n.startswith("part-") for n in names)


def test_webdataset_key_rules():
    assert split_member("dir/img001.jpg") == ("dir/img001", "jpg")
    assert split_member("img.seg.png") == ("img", "seg.png")


def test_samples_keep_their_other_members(tmp_path):
    shard = write_tar(tmp_path / "s.tar", [
        ("a.jpg", b"jpegbytes"), ("a.json", b"{}"), ("a.txt", b"caption"),
        ("b.txt", b"no image here"),
    ])
    samples = list(read_samples(str(shard)))
    assert samples[0].key == "a" and samples[0].image == b"jpegbytes" and samples[0].image_ext == "jpg"
    assert samples[0].extras == {"json": b"{}", "txt": b"caption"}
    assert samples[1].error.startswith("sample has no image member")
    assert samples[1].extras == {"txt": b"no image here"}


@pytest.mark.parametrize("cut", [700, 1536, 2560, 4096])
def test_truncated_tar_yields_what_was_readable_then_an_error(tmp_path, cut):
    shard = write_tar(tmp_path / "s.tar", [(f"k{i}.png", bytes(300)) for i in range(4)])
    data = shard.read_bytes()
    shard.write_bytes(data[:cut])
    items = list(read_samples(str(shard)))
    assert isinstance(items[-1], ShardReadError)
    readable = [s for s in items[:-1] if s.error is None]
    assert all(s.image == bytes(300) for s in readable)


def test_not_a_tar_is_a_shard_error(tmp_path):
    bad = tmp_path / "bad.tar"
    bad.write_bytes(b"this is not a tar file" * 100)
    items = list(read_samples(str(bad)))
    assert len(items) == 1 and isinstance(items[0], ShardReadError)
