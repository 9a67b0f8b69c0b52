"""Benchmarks and synthetic corpora for the engine (not part of the installed package)."""
