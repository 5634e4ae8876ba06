"""Exports: flagged suppliers as CSV/XLSX and a case file as JSON/HTML."""
