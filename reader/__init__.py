"""Version Reader: compare scraped versions of one story. Importing this package loads no Qt."""

__version__ = "0.1.0"
