"""What the job entry points share: placement flags, error handling, exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from codec.errors import CodecError

from .errors import PipelineError
from .scheduler import Job, Placement, run_job


def add_placement_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("placement")
    g.add_argument("--actors", type=int, help="number of actors (default: what the cluster fits)")
    g.add_argument("--gpus-per-actor", type=float, default=1.0, help="GPUs per actor, may be fractional")
    g.add_argument("--cpus-per-actor", type=float, default=1.0, help="CPUs (and torch threads) per actor")
    g.add_argument("--cpu", action="store_true", help="CPU actors even when the cluster has GPUs")
    g.add_argument("--max-retries", type=int, default=3, help="retries of a shard whose actor died")
    g.add_argument("--overwrite", action="store_true", help="replace an existing run in --output")
    g.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="live progress bar (default: when stderr is a terminal)")


def placement_from(args: argparse.Namespace) -> Placement:
    return Placement(num_actors=args.actors, gpus_per_actor=args.gpus_per_actor,
                     cpus_per_actor=args.cpus_per_actor, max_retries=args.max_retries,
                     use_gpus=False if args.cpu else None)


def run_cli(parser: argparse.ArgumentParser, build: Callable[[argparse.Namespace], Job],
            argv: list[str] | None, failed_exit: Callable[[dict], bool] | None = None) -> int:
    """Parse, build the job, run it; 0 done, 1 shards (or checks) failed, 2 bad input."""
    args = parser.parse_args(argv)
    try:
        job = build(args)
        result = run_job(job)
    except (PipelineError, CodecError) as exc:
        print(f"{parser.prog}: {exc}", file=sys.stderr)
        return 2
    if result.failed:
        for name, error in result.failed.items():
            print(f"{parser.prog}: shard {name} failed: {error}", file=sys.stderr)
        return 1
    if failed_exit is not None and failed_exit(result.summary):
        return 1
    return 0
