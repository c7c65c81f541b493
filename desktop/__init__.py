"""Vitrail: the school secretariat's desktop tool (guardians' emails, NIPs, portal tiles, role previews)."""

__version__ = "0.1.0"
