"""Corrective action plans: a ``remediation_required`` decision becomes actions to fix, each
with an owner, a deadline, the evidence that closed it and a second person's verification."""
