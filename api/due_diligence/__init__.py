"""Due diligence as procurement sees it: each supplier's status from reviewers' decisions,
and the one buying answer (approve < review < block) with its reasons."""
