"""Extraction at scale: many processes on one machine, or a Ray cluster, into Parquet.

    extract_parallel(paths, workers=N)        Outcomes in input order, from N processes
    write_parallel(paths, out, workers=N)     the same into Parquet shards under `out`
    extract_with_ray(paths, out, address=...) Ray Data actors into the same Parquet layout
    read_records(out)                         the SCHEMA.md records back from `out`

Ray is optional: only `extract_with_ray` imports it, when called.
"""

from stackwatch.scale.local import extract_parallel, write_parallel
from stackwatch.scale.ray_engine import extract_with_ray
from stackwatch.scale.rows import SCHEMAS, TABLES, read_records
from stackwatch.scale.shards import RunSummary

__all__ = [
    "SCHEMAS",
    "TABLES",
    "RunSummary",
    "extract_parallel",
    "extract_with_ray",
    "read_records",
    "write_parallel",
]
