"""Plain, frozen inputs to the screening engine: a supplier profile and its audits."""
