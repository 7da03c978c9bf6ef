"""The content pack: models, loading and cross-file checks. No Textual here."""
