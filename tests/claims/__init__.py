"""Tests of losswatch.claims (a package: its module names cannot clash with other folders)."""
