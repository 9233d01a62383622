"""Ray batch jobs over WebDataset shards: compress into Parquet, validate and restore."""
