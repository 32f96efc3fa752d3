"""Tests of stackwatch.fetch (a package, so their module names cannot clash with other folders')."""
