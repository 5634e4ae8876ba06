"""The demo organisation loaded by ``flrisk demo``: suppliers and audits from the seed narratives."""
