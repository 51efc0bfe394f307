"""CareerDesk: a private desktop app for planning and developing your career."""

__version__ = "0.1.0"
