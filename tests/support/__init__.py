"""Helpers shared by several test modules (one copy, imported; never pasted between files)."""
