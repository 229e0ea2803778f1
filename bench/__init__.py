"""Benchmarks: ``python -m bench [NAME ...]`` prints one JSON object of figures.

Each benchmark measures its subject and, in the same run, a baseline it is compared with,
and reports both and their ratio, so figures from different machines stay comparable.
"""
