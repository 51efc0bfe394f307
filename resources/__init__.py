"""Bundled data files (icons, occupation catalogue, example plan), read via importlib.resources."""
