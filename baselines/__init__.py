"""Baseline systems for the wiregold tasks (installed as ``wiregold.baselines``)."""
