"""Auditors' free-text findings map to the ILO indicator codes."""

from __future__ import annotations

import pytest

from risk_data import RiskData, match_indicator, match_indicators

from .test_sectors_and_indicators import ILO_CODES


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("passport held by employer", "retention_of_identity_documents"),
        ("Passports kept by management", "retention_of_identity_documents"),
        ("ID cards retained", "retention_of_identity_documents"),
        ("retención de pasaportes", "retention_of_identity_documents"),
        ("passeports confisqués", "retention_of_identity_documents"),
        ("recruitment fees charged to workers", "debt_bondage"),
        ("Workers paid recruitment fees of USD 2,000 to agents in Nepal", "debt_bondage"),
        ("servidumbre por deudas", "debt_bondage"),
        ("Dormitory gates locked at night, workers cannot leave", "restriction_of_movement"),
        ("Workers worked 72 hours per week with no rest day", "excessive_overtime"),
        ("heures supplémentaires excessives", "excessive_overtime"),
        ("wages paid two months late", "withholding_of_wages"),
        ("Supervisor slapped a worker", "physical_sexual_violence"),
        ("threatened with deportation", "intimidation_threats"),
        ("overcrowded dormitory with no running water", "abusive_conditions"),
        ("contract substitution at arrival", "deception"),
        ("mobile phones taken on arrival", "isolation"),
        ("undocumented workers", "abuse_of_vulnerability"),
    ],
)
def test_findings_map_to_their_indicator(data: RiskData, text: str, code: str) -> None:
    found = match_indicator(text, data)
    assert found is not None
    assert found.code == code


@pytest.mark.parametrize("code", ILO_CODES)
def test_every_code_matches_itself_exactly(data: RiskData, code: str) -> None:
    found = match_indicator(code, data)
    assert found is not None
    assert (found.code, found.confidence) == (code, 1.0)


def test_exact_synonym_is_sure_phrase_in_text_is_less_sure(data: RiskData) -> None:
    exact = match_indicator("passports kept by management", data)
    in_text = match_indicator("We saw passports confiscated by the HR team", data)
    assert exact is not None and in_text is not None
    assert exact.confidence == 1.0
    assert in_text.code == "retention_of_identity_documents"
    assert in_text.confidence < 1.0


def test_misspelt_finding_still_matches_with_lower_confidence(data: RiskData) -> None:
    found = match_indicator("passport retension", data)
    assert found is not None
    assert found.code == "retention_of_identity_documents"
    assert found.confidence < 0.9


def test_text_naming_no_indicator_gives_none(data: RiskData) -> None:
    assert match_indicator("The factory was clean and well lit", data) is None
    assert match_indicator("", data) is None


def test_a_finding_naming_several_indicators_returns_each(data: RiskData) -> None:
    found = match_indicators(
        "Passports confiscated and wages withheld; workers threatened with deportation", data
    )
    assert {m.code for m in found} == {
        "retention_of_identity_documents",
        "withholding_of_wages",
        "intimidation_threats",
    }
