"""The reproducible training-data recipe: Debian's wallpaper photographs → shards.

    python jobs/prepare_photos.py [--output data/photos] [--no-install]

Installs the Debian packages plasma-workspace-wallpapers, mate-backgrounds,
lomiri-wallpapers-16.04 and palapeli-data (when run as root and a file is
missing), takes the photographs listed below (not the illustrations, patterns
or renders those packages also carry, which were excluded by looking at
them), and writes:

* ``OUTPUT/train/photos-%06d.tar`` — each training photo at two scales
  (short side 768 and 512 pixels, Lanczos), lossless PNG members;
* ``OUTPUT/val/*.png`` and ``OUTPUT/val-shards/`` — the held-out validation
  photos, longest side 768 (Kodak-sized), never used for training.

The photographs are under GPL and Creative Commons licences: they are not
committed, this recipe recreates them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image

from pipeline.shardwriter import write_shards

PACKAGES = ("plasma-workspace-wallpapers", "mate-backgrounds", "lomiri-wallpapers-16.04", "palapeli-data")
PLASMA = "/usr/share/wallpapers/{}/contents/images/{}"
PHOTOS = {
    "plasma-autumn": PLASMA.format("Autumn", "2560x1600.jpg"),
    "plasma-bythewater": PLASMA.format("BytheWater", "2560x1600.jpg"),
    "plasma-coldripple": PLASMA.format("ColdRipple", "2560x1600.jpg"),
    "plasma-colorfulcups": PLASMA.format("ColorfulCups", "2560x1600.jpg"),
    "plasma-darkesthour": PLASMA.format("DarkestHour", "2560x1600.jpg"),
    "plasma-eveningglow": PLASMA.format("EveningGlow", "2560x1600.jpg"),
    "plasma-fallenleaf": PLASMA.format("FallenLeaf", "2560x1600.jpg"),
    "plasma-grey": PLASMA.format("Grey", "2560x1600.jpg"),
    "plasma-kite": PLASMA.format("Kite", "2560x1600.jpg"),
    "plasma-onestandsout": PLASMA.format("OneStandsOut", "2560x1600.jpg"),
    "plasma-path": PLASMA.format("Path", "2560x1600.jpg"),
    "plasma-summer1am": PLASMA.format("summer_1am", "2560x1600.jpg"),
    **{
        f"mate-{name.lower()}": f"/usr/share/backgrounds/mate/nature/{name}.jpg"
        for name in (
            "Aqua", "Blinds", "Dune", "FreshFlower", "Garden", "GreenMeadow", "LadyBird",
            "RainDrops", "Storm", "TwoWings", "Wood", "YellowFlower",
        )
    },
    **{
        f"lomiri-{name.split('_by_')[0].lower()}": f"/usr/share/backgrounds/{name}.jpg"
        for name in (
            "Bridge_by_Sander_Klootwijk", "Dragonfly_by_Bolly", "Picture_0B_by_freespace",
            "Picture_1A_by_freespace", "Wine_by_Jakkub_Mede", "aitzgorri_by_Aitzol_Berasategi",
            "free_by_Peter_Nerlich", "friends_by_Aitzol_Berasategi", "life_by_Aitzol_Berasategi",
            "picosdeeuropa_by_Aitzol_Berasategi", "seeding_by_Clements_Engelhardt",
            "sunset_by_Aitzol_Berasategi",
        )
    },
    **{
        f"palapeli-{name}": f"/usr/share/palapeli/collection/{name}.jpg"
        for name in (
            "castle-maintenon", "cincinnati-bridge", "citrus-fruits", "european-honey-bee",
            "panther-chameleon-female",
        )
    },
}
# Held aside, chosen for variety: architecture, foliage, insect macro, mountains,
# a town at night, fruit, water, a flower.
VALIDATION = (
    "plasma-grey", "mate-garden", "lomiri-dragonfly", "lomiri-picosdeeuropa",
    "palapeli-cincinnati-bridge", "palapeli-citrus-fruits", "plasma-bythewater", "mate-yellowflower",
)


def ensure_packages(install: bool) -> None:
    missing = [p for p in PHOTOS.values() if not Path(p).exists()]
    if not missing:
        return
    if not install or os.geteuid() != 0:
        raise SystemExit(
            f"{len(missing)} photos are missing (e.g. {missing[0]}); install them with\n"
            f"  sudo apt-get install {' '.join(PACKAGES)}"
        )
    subprocess.run(["apt-get", "update", "-q"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-q", *PACKAGES], check=True)


def resized(path: str, short_side: int | None = None, long_side: int | None = None) -> Image.Image:
    with Image.open(path) as im:
        im = im.convert("RGB")
        w, h = im.size
        scale = short_side / min(w, h) if short_side else long_side / max(w, h)
        if scale >= 1:
            return im.copy()
        return im.resize((round(w * scale), round(h * scale)), Image.LANCZOS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", default="data/photos")
    parser.add_argument("--no-install", action="store_true", help="never run apt-get")
    args = parser.parse_args(argv)
    ensure_packages(not args.no_install)
    out = Path(args.output)
    for sub in ("train", "val", "val-shards"):
        shutil.rmtree(out / sub, ignore_errors=True)
    (out / "val").mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in PHOTOS.items():
            if name in VALIDATION:
                resized(path, long_side=768).save(out / "val" / f"{name}.png")
                continue
            for side in (768, 512):
                resized(path, short_side=side).save(Path(tmp) / f"{name}-{side}.png")
        train = write_shards([tmp], out / "train", prefix="photos", max_count=16)
    val = write_shards([out / "val"], out / "val-shards", prefix="val")
    print(f"{len(PHOTOS) - len(VALIDATION)} training photos in {len(train)} shards, "
          f"{len(VALIDATION)} validation photos in {out / 'val'} ({len(val)} shard)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
