"""Benchmarks: ``python -m benchmarks.bulk_pull`` (see bulk_pull.py)."""
