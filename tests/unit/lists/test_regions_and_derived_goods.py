"""Xinjiang's UFLPA presumption and ILAB's goods made with forced-labour inputs, each raising
its own flag, distinct from country risk (issue 15)."""

from __future__ import annotations

from datetime import date, timedelta

from risk_data.loader import load_risk_data
from screening.assessment import Assessment, Factor
from screening.inputs.audit import Audit
from screening.inputs.supplier import SupplierProfile
from screening.scoring import assess

AS_OF = date(2026, 12, 1)
DATA = load_risk_data()


def _factor(result: Assessment, code: str) -> Factor | None:
    return next((f for f in result.factors if f.code == code), None)


def test_a_xinjiang_polysilicon_supplier_is_flagged_for_the_region_not_only_its_country() -> None:
    xinjiang = assess(
        SupplierProfile(
            country="CN", products=("Polysilicon",), region="Xinjiang", subdivision="CN-XJ"
        ),
        (),
        DATA,
        as_of=AS_OF,
    )
    jiangsu = assess(
        SupplierProfile(
            country="CN", products=("Polysilicon",), region="Jiangsu", subdivision="CN-JS"
        ),
        (),
        DATA,
        as_of=AS_OF,
    )
    assert "uflpa_presumption_region" in xinjiang.flag_codes
    assert "uflpa_presumption_region" not in jiangsu.flag_codes
    assert {"ilab_forced_labour_good_unaudited"} <= set(xinjiang.flag_codes)
    presumption = _factor(xinjiang, "uflpa_presumption_region")
    assert presumption is not None and "117-78" in presumption.source
    assert xinjiang.score == jiangsu.score + presumption.points


def test_a_solar_module_maker_is_flagged_for_its_polysilicon_input_and_its_country() -> None:
    result = assess(
        SupplierProfile(country="CN", products=("Solar Modules",)), (), DATA, as_of=AS_OF
    )
    reason = next(r for r in result.flag_reasons if r.code == "ilab_forced_labour_input_unaudited")
    assert "Polysilicon (CN)" in reason.summary and "China" in reason.summary
    assert reason.evidence == ("ilab_input:Polysilicon (CN)",)
    assert "ilab_forced_labour_good_unaudited" not in result.flag_codes  # modules are not listed
    assert _factor(result, "input_goods_forced_labour") is not None


def test_a_recent_audit_lifts_the_input_flag_but_never_the_presumption() -> None:
    audit = Audit(
        audit_ref="A-1",
        audited_on=AS_OF - timedelta(days=20),
        audit_type="unannounced",
        paid_by="buyer",
        workers_total=50,
        workers_interviewed=15,
    )
    profile = SupplierProfile(
        country="CN", products=("Solar Modules",), region="Xinjiang", subdivision="CN-XJ"
    )
    result = assess(profile, [audit], DATA, as_of=AS_OF)
    assert "ilab_forced_labour_input_unaudited" not in result.flag_codes
    assert "uflpa_presumption_region" in result.flag_codes
    assert _factor(result, "uflpa_presumption_region") is not None
    assert round(sum(f.points for f in result.factors), 1) == result.score


def test_a_region_text_alone_without_its_code_is_not_xinjiang_to_the_engine() -> None:
    """The caller resolves the code (every door through one conversion); the engine guesses
    nothing."""
    result = assess(SupplierProfile(country="CN", region="Xinjiang"), (), DATA, as_of=AS_OF)
    assert "uflpa_presumption_region" not in result.flag_codes
