"""The decode stage: damaged bitstreams are caught, intact ones validate and restore safely."""

import importlib.util
import io
import tarfile
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
import torch
from PIL import Image
from shardutil import small_photos, write_tar

from codec import metrics
from codec.registry import model_id_of
from pipeline.compress import ShardCompressor
from pipeline.decode import ShardValidator
from pipeline.restore import safe_key
from pipeline.shards import Shard

ROOT = Path(__file__).resolve().parents[1]


def compress_shard(tmp_path: Path, photos: dict[str, bytes], model_file: Path | str | None,
                   keys=None, **options) -> tuple[Shard, Shard]:
    """A source shard (keys → photo, with a json member each) and its compress output.

    ``model_file=None`` uses the shipped default model, whose reconstructions,
    unlike the random tiny model's, tell two pictures apart.
    """
    keys = keys or [f"img{i:03d}" for i in range(len(photos))]
    members = []
    for key, data in zip(keys, photos.values(), strict=False):
        members += [(f"{key}.png", data), (f"{key}.json", f'{{"key": "{key}"}}'.encode())]
    source = write_tar(tmp_path / "src" / "part-000000.tar", members)
    model = str(model_file) if model_file else None
    ShardCompressor(str(tmp_path / "archive"), model=model, **options).run(Shard(str(source), "part-000000"))
    return Shard(str(source), "part-000000"), Shard(str(tmp_path / "archive" / "part-000000.parquet"), "part-000000")


def validate(archive: Shard, out: Path, model_file: Path | None, **kwargs) -> list[dict]:
    ShardValidator(str(out), models=[str(model_file)] if model_file else [], **kwargs).run(archive)
    return pq.read_table(out / f"{archive.name}.parquet").to_pylist()


def rewrite(archive: Shard, edit) -> None:
    """Apply ``edit(rows)`` to an archive Parquet file in place."""
    table = pq.read_table(archive.path)
    rows = table.to_pylist()
    edit(rows)
    pq.write_table(table.from_pylist(rows, schema=table.schema), archive.path)


@pytest.fixture
def photos(sample_photos):
    return small_photos(sample_photos, side=176)


def test_intact_archive_validates_and_restores(tmp_path, photos, tiny_model_file):
    keys = [f"dir/img{i}" for i in range(len(photos))]
    source, archive = compress_shard(tmp_path, photos, tiny_model_file, keys)
    rows = validate(archive, tmp_path / "val", tiny_model_file, restore="png",
                    sources={source.name: source.path})
    archived = {r["key"]: r for r in pq.read_table(archive.path).to_pylist()}
    assert [r["key"] for r in rows] == keys
    for row in rows:
        assert row["status"] == "ok" and row["bit_exact"], row
        assert row["psnr_source"] == pytest.approx(archived[row["key"]]["psnr"], abs=1e-9)
        restored = tmp_path / "val" / row["restored_as"]
        with Image.open(restored) as im:
            mode, rgb = im.mode, np.asarray(im.convert("RGB"))
        assert (im.width, im.height) == (row["width"], row["height"])
        if mode == "RGB":  # grey sources are restored as grey, not as the codec's RGB
            assert metrics.reconstruction_digest(rgb) == archived[row["key"]]["reconstruction_digest"]
        assert restored.with_suffix(".json").read_bytes() == f'{{"key": "{row["key"]}"}}'.encode()


def test_refined_bitstreams_validate_with_the_ordinary_decoder(tmp_path, photos):
    _, archive = compress_shard(tmp_path, photos, "qr-mbt2018-mean-q1", refine_steps=2)
    rows = validate(archive, tmp_path / "val", None)
    assert rows and all(r["status"] == "ok" and r["bit_exact"] for r in rows), rows


def test_damaged_bitstreams_are_flagged(tmp_path, photos):
    _, archive = compress_shard(tmp_path, photos, None)
    original = pq.read_table(archive.path).to_pylist()
    size = [(r["width"], r["height"]) for r in original]
    a, b = next((i, j) for i in range(len(size)) for j in range(len(size)) if i != j and size[i] == size[j])
    c = next(i for i in range(len(size)) if i not in (a, b))

    def damage(rows):
        flipped = bytearray(original[c]["bitstream"])
        flipped[len(flipped) // 2 + 40] ^= 0x10
        rows[c]["bitstream"] = bytes(flipped)
        # another image's payload behind this image's header (same size, so lengths may match)
        rows[b]["bitstream"] = original[b]["bitstream"][:80] + original[a]["bitstream"][80:]
        # another image's whole, valid container (same model and size)
        rows[a]["bitstream"] = original[b]["bitstream"]

    rewrite(archive, damage)
    rows = validate(archive, tmp_path / "val", None)
    assert rows[c]["status"] == "corrupt" and rows[c]["check"] == "container", rows[c]
    assert rows[b]["status"] == "corrupt" and rows[b]["check"] == "container", rows[b]
    assert rows[a]["status"] == "mismatch" and rows[a]["check"] == "reconstruction", rows[a]
    assert sum(r["status"] == "ok" for r in rows) == len(rows) - 3


def test_truncated_bitstreams_are_corrupt(tmp_path, photos, tiny_model_file):
    _, archive = compress_shard(tmp_path, photos, tiny_model_file)
    cuts = [1, 40, 79, 80, 81, 200]
    rewrite(archive, lambda rows: rows.extend({**rows[0], "key": f"cut{n}", "bitstream": rows[0]["bitstream"][:n]}
                                              for n in cuts))
    rows = validate(archive, tmp_path / "val", tiny_model_file)
    assert [r["status"] for r in rows[-len(cuts):]] == ["corrupt"] * len(cuts)
    assert all(r["check"] == "container" and r["error"] for r in rows[-len(cuts):])


def test_swapped_container_of_another_size_is_corrupt(tmp_path, photos, tiny_model_file):
    _, archive = compress_shard(tmp_path, photos, tiny_model_file)
    originals = pq.read_table(archive.path).to_pylist()
    a, b = next((i, j) for i in range(len(originals)) for j in range(len(originals))
                if (originals[i]["width"], originals[i]["height"]) != (originals[j]["width"], originals[j]["height"]))
    rewrite(archive, lambda rows: rows[a].update(bitstream=rows[b]["bitstream"]))
    rows = validate(archive, tmp_path / "val", tiny_model_file)
    assert rows[a]["status"] == "corrupt" and "the row" in rows[a]["error"]


def test_same_picture_with_a_different_thread_count_validates(tmp_path, photos, tiny_model_file):
    threads = torch.get_num_threads()
    try:
        torch.set_num_threads(2)
        _, archive = compress_shard(tmp_path, photos, tiny_model_file)
        rows = validate(archive, tmp_path / "val", tiny_model_file, threads=1)
    finally:
        torch.set_num_threads(threads)
    assert all(r["status"] == "ok" and r["bit_exact"] for r in rows)


def test_reconstruction_within_tolerance_is_ok_and_beyond_is_mismatch(tmp_path, photos):
    _, archive = compress_shard(tmp_path, photos, None)

    def near_and_far(rows):
        rows[0]["reconstruction_digest"] = "0" * 32  # as if decoded on other hardware
        thumb = np.frombuffer(rows[1]["reconstruction_thumbnail"], np.uint8).astype(int)
        rows[1]["reconstruction_digest"] = "0" * 32
        rows[1]["reconstruction_thumbnail"] = np.clip(thumb + 9, 0, 255).astype(np.uint8).tobytes()

    rewrite(archive, near_and_far)
    rows = validate(archive, tmp_path / "val", None)
    assert rows[0]["status"] == "ok" and not rows[0]["bit_exact"] and rows[0]["thumbnail_max_abs_diff"] == 0
    assert rows[1]["status"] == "mismatch" and rows[1]["thumbnail_max_abs_diff"] >= 9


CRAFTED = ["../../escape", "/etc/cron_d/job", "a\x00b", "..", "ok/../../../up", ".hidden", "x\\..\\y"]


@pytest.mark.parametrize("mode", ["png", "wds"])
def test_crafted_keys_cannot_escape(tmp_path, photos, tiny_model_file, mode):
    _, archive = compress_shard(tmp_path, dict(list(photos.items())[:1]), tiny_model_file)
    rewrite(archive, lambda rows: rows.extend({**rows[0], "key": key} for key in CRAFTED))
    out = tmp_path / "deep" / "val"
    rows = validate(archive, out, tiny_model_file, restore=mode)
    assert all(r["status"] == "ok" for r in rows)
    assert len({r["restored_as"] for r in rows}) == len(rows)  # no two keys collide
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(tmp_path / "deep" / "val")
               and not p.is_relative_to(tmp_path / "archive") and not p.is_relative_to(tmp_path / "src")]
    assert outside == []
    if mode == "wds":
        with tarfile.open(out / "restored" / "part-000000.tar") as tar:
            names = tar.getnames()
        assert all(not n.startswith("/") and ".." not in n.split("/") and "\x00" not in n for n in names)
        assert "img000.png" in names


@pytest.mark.parametrize("key", ["img_001", "dir/sub/img", "a-b_c"])
def test_ordinary_keys_are_kept(key):
    assert safe_key(key) == key


def test_wds_restore_round_trips_keys_and_sizes(tmp_path, photos, tiny_model_file):
    keys = [f"k{i}" for i in range(len(photos))]
    _, archive = compress_shard(tmp_path, photos, tiny_model_file, keys)
    validate(archive, tmp_path / "val", tiny_model_file, restore="wds")
    import webdataset as wds

    restored = list(wds.WebDataset(str(tmp_path / "val" / "restored" / "part-000000.tar"), shardshuffle=False))
    assert [s["__key__"] for s in restored] == keys
    for sample, original in zip(restored, photos.values(), strict=True):
        assert Image.open(io.BytesIO(sample["png"])).size == Image.open(io.BytesIO(original)).size
        assert sample["json"] == f'{{"key": "{sample["__key__"]}"}}'.encode()


def _decode_main():
    spec = importlib.util.spec_from_file_location("decode_job", ROOT / "jobs" / "decode.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


@pytest.mark.ray
def test_decode_job_exit_codes(ray_cluster, tmp_path, photos, tiny_model_file):
    from pipeline.scheduler import Job, Placement, run_job
    from pipeline.shards import expand_specs

    shards = [write_tar(tmp_path / "in" / f"p-{n}.tar", [(f"k{n}{i}.png", d) for i, d in enumerate(photos.values())])
              for n in range(2)]
    run = tmp_path / "run"
    assert run_job(Job("compress", ShardCompressor, {"output": str(run), "model": str(tiny_model_file)},
                       expand_specs([str(s) for s in shards]), run, {"job": "compress"},
                       Placement(num_actors=2), show_progress=False)).ok
    # the run keeps the model that wrote it, so it validates with no --model (the tiny model is not shipped)
    kept = run / "_models" / model_id_of(tiny_model_file).hex() / tiny_model_file.name
    assert kept.read_bytes() == tiny_model_file.read_bytes()
    main = _decode_main()
    args = ["--input", str(run), "--cpu", "--actors", "2", "--no-progress"]
    assert main([*args, "--output", str(tmp_path / "v1"), "--source", *map(str, shards)]) == 0
    args += ["--model", str(tiny_model_file)]
    rewrite(Shard(str(run / "p-1.parquet"), "p-1"), lambda rows: rows[0].update(bitstream=rows[0]["bitstream"][:50]))
    assert main([*args, "--output", str(tmp_path / "v2")]) == 1
    assert main([*args, "--output", str(run)]) == 2  # refuses to write into the archive
