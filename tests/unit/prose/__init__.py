"""Tests of stackwatch.prose (a package, so `test_dates.py` here and in extract/ do not collide)."""
