"""Scorers for wiregold predictions against the gold corpus (installed as ``wiregold.scorers``)."""
