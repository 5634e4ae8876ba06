"""Screening against the lists with the supplier matcher, and what a hit does to a score."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.lists import read_list
from risk_data.loader import load_risk_data
from risk_data.screening_lists import ListEntity, ScreeningList
from screening.inputs.audit import Audit
from screening.inputs.supplier import SupplierProfile
from screening.lists import ListIndex
from screening.scoring import assess

FIXTURES = Path(__file__).parents[3] / "risk_data" / "data" / "lists"
AS_OF = date(2026, 12, 1)
DATA = load_risk_data()


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return ListIndex(
        read_list(path.read_bytes(), filename=path.name)
        for path in (
            FIXTURES / "us_dhs_uflpa.entities.ftm.json",
            FIXTURES / "cbp_withhold_release_orders_findings.csv",
        )
    )


def test_a_supplier_named_as_a_listed_entity_is_hit_with_list_and_program(
    index: ListIndex,
) -> None:
    (hit,) = index.screen("Xinjiang Daqo New Energy Co., Ltd.", country="CN")
    assert (hit.dataset, hit.list_title, hit.via) == ("us_dhs_uflpa", "UFLPA Entity List", "name")
    assert hit.program == "UFLPA Entity List - Section 2(d)(2)(B)(i)"
    assert hit.start_date == date(2022, 6, 21)
    assert "identical after normalisation" in hit.explanation


def test_an_alias_is_a_hit_on_the_listed_entity(index: ListIndex) -> None:
    (hit,) = index.screen("Xinjiang Great New Energy Co Ltd", country="CN")
    assert hit.via == "alias" and hit.entity_name == "Xinjiang Daqo New Energy, Co. Ltd."


def test_a_subsidiary_through_ownership_is_a_hit_naming_its_parent(index: ListIndex) -> None:
    (hit,) = index.screen("Zhuhai Pantum Electronics Co., Ltd.", country="CN")
    assert hit.via == "subsidiary" and hit.owner_name == "Ninestar Corporation"
    assert "subsidiary of Ninestar Corporation" in hit.explanation


def test_a_subsidiary_not_listed_itself_is_covered_through_its_owner() -> None:
    owner = ListEntity("p", "Company", "Parent Holdings Co., Ltd.", country="CN", program="P")
    child = ListEntity(
        "c", "Company", "Child Weaving Co., Ltd.", country="CN", in_force=False, owners=("p",)
    )
    listed = ScreeningList("d", "D", "", "ftm", "f", date(2024, 1, 1), "0" * 64, (owner, child))
    (hit,) = ListIndex([listed]).screen("Child Weaving Co Ltd", country="CN")
    assert (hit.entity_id, hit.via, hit.program) == ("c", "subsidiary", "P")


def test_an_order_not_in_force_is_no_hit(index: ListIndex) -> None:
    assert index.screen("Top Glove Corporation Bhd.", country="MY") == ()


def test_the_same_name_in_another_country_is_no_hit(index: ListIndex) -> None:
    assert index.screen("Xinjiang Daqo New Energy Co., Ltd.", country="VN") == ()


@pytest.mark.parametrize("name", ["Jiangsu Solar Module Co., Ltd.", "Xinjiang Cotton Trading Co."])
def test_unrelated_names_are_no_hit(index: ListIndex, name: str) -> None:
    assert index.screen(name, country="CN") == ()


def test_a_hit_is_a_hard_flag_and_a_factor_that_adds_up(index: ListIndex) -> None:
    hits = index.screen("Hesheng Silicon Industry", country="CN")
    profile = SupplierProfile(country="CN", sector="manufacturing")
    plain = assess(profile, (), DATA, as_of=AS_OF)
    listed = assess(profile, (), DATA, as_of=AS_OF, list_hits=hits)
    assert "entity_list_match" in listed.flag_codes and "entity_list_match" not in plain.flag_codes
    reason = next(r for r in listed.flag_reasons if r.code == "entity_list_match")
    assert "Hoshine Silicon Industry" in reason.summary and "2(d)(2)(B)(i)" in reason.summary
    assert set(reason.evidence) == {h.ref for h in hits}
    assert listed.score > plain.score
    assert round(sum(f.points for f in listed.factors), 1) == listed.score
    assert listed.input_digest != plain.input_digest


def test_a_clean_recent_audit_does_not_lift_the_list_flag(index: ListIndex) -> None:
    hits = index.screen("XPCC", country="CN")
    audit = Audit(
        audit_ref="A-1",
        audited_on=AS_OF - timedelta(days=30),
        audit_type="unannounced",
        paid_by="buyer",
        workers_total=100,
        workers_interviewed=20,
    )
    result = assess(SupplierProfile(country="CN"), [audit], DATA, as_of=AS_OF, list_hits=hits)
    assert "entity_list_match" in result.flag_codes


def test_no_hit_keeps_the_digest_of_a_supplier_no_list_names() -> None:
    profile = SupplierProfile(country="DE", sector="manufacturing")
    assert (
        assess(profile, (), DATA, as_of=AS_OF).input_digest
        == assess(profile, (), DATA, as_of=AS_OF, list_hits=()).input_digest
    )


@settings(max_examples=40, deadline=None)
@given(
    country=st.sampled_from(["CN", "DE", "MY", "TH", "BR"]),
    products=st.lists(
        st.sampled_from(["Polysilicon", "Solar Modules", "Cotton", "toys"]), max_size=2
    ),
    region=st.sampled_from([None, "Xinjiang", "Jiangsu"]),
)
def test_a_list_hit_never_lowers_the_score(
    index: ListIndex, country: str, products: list[str], region: str | None
) -> None:
    hits = index.screen("Xinjiang East Hope Nonferrous Metals", country="CN")
    profile = SupplierProfile(
        country=country,
        products=tuple(products),
        region=region,
        subdivision="CN-XJ" if country == "CN" and region == "Xinjiang" else None,
    )
    plain = assess(profile, (), DATA, as_of=AS_OF)
    listed = assess(profile, (), DATA, as_of=AS_OF, list_hits=hits)
    assert listed.score >= plain.score
    assert round(sum(f.points for f in listed.factors), 1) == listed.score
