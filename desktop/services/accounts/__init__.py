"""Parent accounts (accounts.md): email findings, NIPs, the association diagnostic, code rules.

- ``code_permanent``: the hard and soft rules of a code permanent and a numéro de fiche (§5);
- ``findings``: every email and code rule checked over the whole board (§2);
- ``nips``: issuing, revoking and verifying NIPs, stored only as argon2id hashes (§3);
- ``diagnostic``: what the portal would decide about an association attempt, and why (§4).
"""
