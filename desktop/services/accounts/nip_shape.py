"""What a NIP looks like (accounts.md §3): its symbols, its length and how it is grouped.

Apart from ``nips`` because the log's redaction needs the shape at every launch, and ``nips``
brings argon2 and the email checks (email-validator, rapidfuzz) that a launch does not need.
"""

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no look-alikes: no 0/O, no 1/I/L
LENGTH = 12
GROUP = 4
