"""Report text copied from another supplier's audit (seed 004 L618-L620)."""

from __future__ import annotations

import pytest

from screening.deception import DEFAULT_THRESHOLDS as T
from screening.deception.report_copy import detect_report_copied
from screening.inputs.audit import PeerReport
from tests.generators.audit_evidence import generate_audit
from tests.unit.deception.builders import audit

TEMPLATE = (
    "This report was prepared under the SMETA methodology. Findings are based on document "
    "review, site tour and interviews. The opinion relates only to the day of the audit. "
)
SITE_A = (
    "The site employs 412 workers, 38% of them migrants from Nepal. Fire exits on the east "
    "side of block C were partly blocked by rolls of fabric. The dormitory houses 180 workers "
    "in rooms of eight beds. Overtime records for February show a peak of 66 hours. "
)
SITE_B = (
    "The site employs 95 workers, all local. The canteen serves two meals a day and drinking "
    "water was short in the afternoon. Chemical storage in warehouse 2 lacked labels. The "
    "embroidery unit subcontracts to three workshops which were not visited. "
)


def peers(*texts: str) -> list[PeerReport]:
    return [PeerReport(f"S-{i}", f"P-{i}", text) for i, text in enumerate(texts)]


def test_a_report_copied_from_another_supplier_fires_and_names_it() -> None:
    pattern = detect_report_copied(
        audit(report_text=TEMPLATE + SITE_A.replace("412", "415")),
        peers(TEMPLATE + SITE_B, TEMPLATE + SITE_A),
        T,
    )
    assert pattern is not None
    assert pattern.code == "report_copied"
    assert pattern.evidence == ("report:S-1:P-1", "audit:AUD-1")
    assert pattern.strength > 0.9


def test_reports_sharing_only_the_firm_template_do_not_fire() -> None:
    others = [TEMPLATE + SITE_B.replace("95", str(n)) + f" Visit {n}." for n in range(5)]
    assert detect_report_copied(audit(report_text=TEMPLATE + SITE_A), peers(*others), T) is None


def test_the_audit_itself_among_peers_is_ignored() -> None:
    own = TEMPLATE + SITE_A
    result = detect_report_copied(audit(report_text=own), [PeerReport("S-self", "AUD-1", own)], T)
    assert result is None


def test_short_reports_give_no_claim() -> None:
    assert detect_report_copied(audit(report_text="No issues."), peers("No issues."), T) is None


def test_no_peers_or_no_text_gives_no_claim() -> None:
    assert detect_report_copied(audit(report_text=TEMPLATE + SITE_A), [], T) is None
    assert detect_report_copied(audit(report_text=""), peers(TEMPLATE + SITE_A), T) is None


@pytest.mark.parametrize("seed", range(8))
def test_honest_reports_on_one_firm_template_never_fire(seed: int) -> None:
    generated = generate_audit(seed, workers=40)
    assert detect_report_copied(generated.audit, generated.peer_reports, T) is None


@pytest.mark.parametrize("n_peers", [1, 2, 3])
def test_honest_reports_with_few_peers_to_learn_the_template_from_never_fire(
    n_peers: int,
) -> None:
    generated = generate_audit(5, workers=40, peers=n_peers)
    assert detect_report_copied(generated.audit, generated.peer_reports, T) is None
