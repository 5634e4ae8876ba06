"""API keys, roles and the dependency that authenticates every request."""
