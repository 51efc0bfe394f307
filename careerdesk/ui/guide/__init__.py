"""The first-run guide: from an empty file to a first plan in a few pages."""
