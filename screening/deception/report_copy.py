"""Report text copied from another supplier's audit.

Seed 004 L620: a "cottage industry of consultants" helps sites pass audits, up to bribing
auditors; L618: 45 % of 40,000 audits reviewed were unreliable. A report whose site-specific
text matches another supplier's report was not written from this site's visit.

Audit firms write from templates, so sentences common to many peer reports are removed
first ("boilerplate"); what remains is what the auditor saw at this site.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from screening.deception._common import scaled_strength
from screening.deception.thresholds import DeceptionThresholds
from screening.inputs.audit import Audit, PeerReport
from screening.reliability import DeceptionPattern

CODE = "report_copied"

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_NON_WORD = re.compile(r"[^\w]+")


def _sentences(text: str) -> list[str]:
    out = []
    for raw in _SENTENCE_END.split(text):
        sentence = _NON_WORD.sub(" ", raw.casefold()).strip()
        if sentence:
            out.append(sentence)
    return out


def _boilerplate(peers: Sequence[list[str]], t: DeceptionThresholds) -> set[str]:
    frequency: Counter[str] = Counter()
    for sentences in peers:
        frequency.update(set(sentences))
    needed = max(t.boilerplate_min_reports, t.boilerplate_peer_share * len(peers))
    return {s for s, n in frequency.items() if n >= needed}


def detect_report_copied(
    audit: Audit, peer_reports: Sequence[PeerReport], t: DeceptionThresholds
) -> DeceptionPattern | None:
    """The audit's site-specific report text is near-identical to a peer report's."""
    peers = [p for p in peer_reports if p.audit_ref != audit.audit_ref and p.report_text]
    if not peers or not audit.report_text:
        return None
    peer_sentences = [_sentences(p.report_text) for p in peers]
    template = _boilerplate(peer_sentences, t)
    own = " ".join(s for s in _sentences(audit.report_text) if s not in template)
    if len(own) < t.min_report_chars:
        return None
    best_score = 0.0
    best: PeerReport | None = None
    for peer, sentences in zip(peers, peer_sentences, strict=True):
        text = " ".join(s for s in sentences if s not in template)
        if len(text) < t.min_report_chars:
            continue
        # ratio is bounded by the length ratio, so skip peers that cannot reach the cut-off.
        shorter, longer = sorted((len(own), len(text)))
        if 200 * shorter / (shorter + longer) < t.report_similarity:
            continue
        score = fuzz.ratio(own, text, score_cutoff=t.report_similarity)
        if score > best_score:
            best_score, best = score, peer
    if best is None:
        return None
    # 90 -> 0.5, 100 -> 1.0: identical text is as strong as this signal gets.
    strength = scaled_strength(best_score / 100, t.report_similarity / 100, 1.0)
    return DeceptionPattern(
        code=CODE,
        strength=strength,
        summary=(
            f"The report's site-specific text is {best_score:.0f}% identical to the audit "
            f"report {best.audit_ref} of supplier {best.supplier_ref}."
        ),
        evidence=(f"report:{best.supplier_ref}:{best.audit_ref}", f"audit:{audit.audit_ref}"),
    )
