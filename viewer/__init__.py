"""viewer: a terminal slideshow for captioned photo stories."""

__version__ = "0.1.0"
