"""Pack folders of images into WebDataset shards.

    python jobs/make_shards.py SRC... --output DIR [--prefix NAME] [--max-count N] [--max-mb MB]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.errors import PipelineError
from pipeline.shardwriter import write_shards


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="+", help="folders or image files")
    parser.add_argument("--output", required=True, help="folder for the shards")
    parser.add_argument("--prefix", default="images", help="shard name prefix (default: images)")
    parser.add_argument("--max-count", type=int, default=1000, help="samples per shard")
    parser.add_argument("--max-mb", type=float, default=256, help="megabytes per shard")
    args = parser.parse_args(argv)
    try:
        shards = write_shards(args.sources, args.output, args.prefix, args.max_count, int(args.max_mb * 2**20))
    except PipelineError as exc:
        print(f"make_shards: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(shards)} shard(s) to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
