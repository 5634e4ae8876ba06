"""Normalisation: folding, legal forms of many jurisdictions, connectors, numbers."""

from __future__ import annotations

import pytest

from screening.matching import (
    fold_text,
    normalise_name,
    normalise_place,
    normalise_registration_number,
)

# (name as written, identity words left, canonical legal form found)
LEGAL_FORM_CASES = [
    ("Shenzhen Huaqiang Co., Ltd.", "shenzhen huaqiang", "Ltd"),
    ("Shenzhen Huaqiang Co.,Ltd", "shenzhen huaqiang", "Ltd"),
    ("Shenzhen Huaqiang Co. Ltd.", "shenzhen huaqiang", "Ltd"),
    ("Shree Ganesh Exports Pvt. Ltd.", "shree ganesh export", "Pvt Ltd"),
    ("Shree Ganesh Exports (P) Ltd", "shree ganesh export", "Pvt Ltd"),
    ("Kenanga Rubber Sdn. Bhd.", "kenanga rubber", "Sdn Bhd"),
    ("Kenanga Rubber (M) Sdn Bhd", "kenanga rubber", "Sdn Bhd"),
    ("PT Sinar Jaya Abadi", "sinar jaya abadi", "PT"),
    ("P.T. Sinar Jaya Abadi", "sinar jaya abadi", "PT"),
    ("Sinar Jaya Abadi Tbk", "sinar jaya abadi", "Tbk"),
    ("Müller Textil GmbH", "muller textile", "GmbH"),
    ("Textiles del Bajío S.A. de C.V.", "textile bajio", "SA"),
    ("Tessitura Bianchi S.r.l.", "tessitura bianchi", "S de RL"),
    ("Acme Apparel LLC", "acme apparel", "LLC"),
    ("Kazakh Cotton JSC", "kazakh cotton", "JSC"),
    ("JSC Kazakh Cotton", "kazakh cotton", "JSC"),
    ("Công ty TNHH May Việt Tiến", "garment viet tien", "TNHH"),
    ("Yıldız Tekstil A.Ş.", "yildiz textile", "AS"),
    ("Calçados Bom Passo Ltda", "footwear bom passo", "Ltd"),  # calçados = footwear
    ("Textiles Dupont SARL", "textile dupont", "S de RL"),
    ("Gulf Garments FZE", "gulf garment", "FZE"),
    ("Al Noor Trading W.L.L.", "noor trade", "WLL"),
    ("Acme Apparel Inc.", "acme apparel", "Inc"),
    ("Acme Apparel Corp.", "acme apparel", "Inc"),
    ("Northern Knitwear PLC", "northern knit", "PLC"),
    ("Siemens AG", "siemen", "AG"),
    ("Heineken S.A.", "heineken", "SA"),
    ("Sunrise S.A.S.", "sunrise", "SAS"),
    ("Philips BV", "philip", "BV"),
    ("Heineken N.V.", "heineken", "NV"),
    ("OOO Tekstil-Prom", "textile prom", "OOO"),
    ("ООО Текстиль-Пром", "textile prom", "OOO"),
    ("Northern Knitwear Limited", "northern knit", "Ltd"),
    ("Golden Company", "golden", "Co"),
    ("Acme Dairy Co-operative Society Ltd", "acme dairy", "Coop"),
    ("Yıldız Tekstil San. ve Tic. Ltd. Şti.", "yildiz textile", "Ltd"),
    ("深圳市华强纺织有限公司", "shenzhen huaqiang textile", "Ltd"),
    ("Siam Cotton Public Company Limited", "siam cotton", "PLC"),
    ("M/s Ramesh Exports", "ramesh export", "M/s"),
    ("Tổng Công ty May 10", "garment", "Cong ty"),
]


@pytest.mark.parametrize(("name", "key", "legal_form"), LEGAL_FORM_CASES)
def test_legal_forms_are_stripped_and_recorded(name: str, key: str, legal_form: str) -> None:
    normalised = normalise_name(name)
    assert normalised.key == key
    assert legal_form in normalised.legal_forms


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Shenzhen Huaqiang Co., Ltd.", "SHENZHEN HUAQIANG COMPANY LIMITED"),
        ("Tata Pvt. Ltd.", "Tata Private Limited"),
        ("Textiles del Bajío S.A. de C.V.", "TEXTILES DEL BAJIO, SA DE CV"),
        ("Yıldız Tekstil San. ve Tic. A.Ş.", "YILDIZ TEKSTIL SANAYI VE TICARET AS"),
        ("Weißgerber GmbH", "Weissgerber G.m.b.H."),
        ("ＡＢＣ　Ｇａｒｍｅｎｔｓ", "ABC Garments"),
        ("Công ty TNHH May Việt Tiến", "Cong ty TNHH May Viet Tien"),
        ("Smith & Jones Ltd", "Smith and Jones Limited"),
        ("Dupont et Fils SARL", "Dupont & Fils S.A.R.L."),
        ("Hermanos García y Pérez S.L.", "Hermanos Garcia & Perez SL"),
        ("Müller und Schmidt GmbH", "Müller & Schmidt GmbH"),
        ("A.B.C. Textiles Ltd", "ABC Textile Ltd"),
        ("Levi's Apparel", "Levis Apparel"),
        ("Kenanga Rubber Products Sdn. Bhd.", "Kenanga Rubber Products Sendirian Berhad"),
    ],
)
def test_spellings_of_one_name_normalise_alike(a: str, b: str) -> None:
    assert normalise_name(a).key == normalise_name(b).key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hòa Bình", "hoa binh"),
        ("Đồng Nai", "dong nai"),
        ("İSTANBUL Işık", "istanbul isik"),
        ("Straße", "strasse"),
        ("Ｔｅｘｔｉｌｅ", "textile"),
        ("São João", "sao joao"),
        ("Текстиль", "tekstil'"),
    ],
)
def test_folding_reaches_plain_ascii(text: str, folded: str) -> None:
    assert fold_text(text) == folded


@pytest.mark.parametrize(
    ("name", "numbers"),
    [
        ("ABC Garments Factory No. 2", ("2",)),
        ("ABC Garments Unit-02", ("2",)),
        ("ABC Garments Plant II", ("2",)),
        ("ABC Garments Plant I", ("1",)),
        ("ABC Garments 3rd Unit", ("3",)),
        ("Tổng Công ty May 10", ("10",)),
        ("ABC Garments", ()),
    ],
)
def test_numbers_are_set_aside(name: str, numbers: tuple[str, ...]) -> None:
    assert normalise_name(name).numbers == numbers


def test_short_legal_words_are_kept_inside_a_name() -> None:
    # "AS", "SA" and "PT" are legal forms only at the edges of a name.
    assert normalise_name("AS Textile Mills Ltd").key == "as textile mill"


def test_a_name_that_is_only_a_legal_form_keeps_a_word() -> None:
    assert normalise_name("Company Limited").tokens


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("91-4403/00.12", "9144030012"),
        ("HRB 41234", "HRB41234"),
        ("01234567", "1234567"),
        ("n/a", None),
        ("000", None),
        (None, None),
    ],
)
def test_registration_numbers_compare_on_letters_and_digits(
    value: str | None, normalised: str | None
) -> None:
    assert normalise_registration_number(value) == normalised


def test_renamed_cities_fold_to_one_spelling() -> None:
    assert normalise_place("Chattogram") == normalise_place("Chittagong")
    assert normalise_place("Thành phố Hồ Chí Minh") == normalise_place("HCMC")
