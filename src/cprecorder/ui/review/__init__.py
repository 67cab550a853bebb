"""The chair's review before sign-off, the audit trail, and the Record menu that offers them."""
