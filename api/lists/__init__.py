"""Screening lists: versions loaded by the operator, the index of parties in force, the hits
of suppliers on them and their review."""
