"""The pipeline's own exceptions."""


class PipelineError(Exception):
    """A run that cannot proceed: bad specs, unreadable output folder, failed shards."""


class ShardError(PipelineError):
    """A shard that is missing, truncated or not a tar file."""
