"""Pilot and snapshot tests: a package, so its conftest is `ui.conftest` and never hides tests/conftest.py."""
