"""Benchmarks that need more than the core: the Discord layer against the local fake API."""
