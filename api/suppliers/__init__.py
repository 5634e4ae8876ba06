"""The supplier registry: CRUD, fuzzy search, matching and duplicate resolution."""
