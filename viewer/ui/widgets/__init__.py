"""Widgets of the viewer app."""
