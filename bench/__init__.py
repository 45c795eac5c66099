"""Benchmark of the faqbot matcher against simple baselines: `python -m bench`.

Accuracy on the staff question sets (clean and with typos), matching time and load cost
as the knowledge base grows, start-up time and coverage throughput, measured in one run
and printed as one table (also written to bench/RESULTS.md). Benchmark-only libraries
come from the `bench` extra and are never needed at run time.
"""
