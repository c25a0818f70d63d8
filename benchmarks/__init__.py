"""Benchmarks of wiregold at corpus scale (not shipped in the wheel).

Run ``python -m benchmarks.run``; see benchmarks/run.py.
"""
