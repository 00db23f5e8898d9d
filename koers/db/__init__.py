"""Database helpers that need Django but belong to no app (below every app, above koers.lib)."""
