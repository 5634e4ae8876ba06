"""Build tests/data/matching_pairs.csv: labelled supplier-name pairs (deterministic).

Run: .venv/bin/python tests/data/make_matching_pairs.py

Two parts:
* HAND_PAIRS: pairs written by hand for cases a generator cannot fake well (scripts,
  translations, acronyms, renamed cities, sibling firms of one group).
* Generated pairs from BASE suppliers, a realistic mix of countries and legal forms:
  positives apply one to three of the edits people make when typing a supplier list
  (legal-form variant, accents dropped, typo, abbreviation, word order, city moved,
  case, punctuation, plural, missing city or registration number); negatives are the
  traps a matcher must not fall into (another plant number, another city of the group,
  another country, a conflicting registration number, a sibling in another trade, a
  near-identical distinctive word, a generic name in another city).

Labels: 1 = same legal entity at the same site, 0 = different. The generator uses its
own random.Random(20240601) so the file is identical on every run.
"""

from __future__ import annotations

import csv
import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).with_name("matching_pairs.csv")
FIELDS = [
    "name_a",
    "country_a",
    "city_a",
    "reg_a",
    "name_b",
    "country_b",
    "city_b",
    "reg_b",
    "label",
    "note",
]

# Legal-form templates per country; every template of a country is the same legal form.
LEGAL: dict[str, list[str]] = {
    "CN": ["{x} Co., Ltd.", "{x} Co.,Ltd", "{x} Company Limited", "{x} Co Ltd", "{x} CO., LTD"],
    "VN": [
        "Công ty TNHH {x}",
        "Cong ty TNHH {x}",
        "{x} Co., Ltd.",
        "{x} Company Limited",
        "CÔNG TY TNHH {x}",
    ],
    "TR": [
        "{x} Sanayi ve Ticaret A.Ş.",
        "{x} San. ve Tic. A.Ş.",
        "{x} San. Tic. A.S.",
        "{x} A.Ş.",
        "{x} SANAYİ VE TİCARET A.Ş.",
    ],
    "ID": ["PT {x}", "PT. {x}", "P.T. {x}", "{x}, PT", "PT {x} Tbk"],
    "BR": ["{x} Ltda.", "{x} LTDA", "{x} Ltda ME", "{x} Limitada"],
    "MX": ["{x} S.A. de C.V.", "{x}, SA de CV", "{x} S.A. DE C.V.", "{x} SA de CV"],
    "DE": ["{x} GmbH", "{x} G.m.b.H.", "{x} Gesellschaft mit beschränkter Haftung", "{x} GMBH"],
    "IN": ["{x} Pvt. Ltd.", "{x} Private Limited", "{x} (P) Ltd", "M/s {x} Pvt Ltd", "{x} Pvt Ltd"],
    "MY": ["{x} Sdn. Bhd.", "{x} Sdn Bhd", "{x} Sendirian Berhad", "{x} (M) Sdn. Bhd."],
    "TH": ["{x} Co., Ltd.", "{x} Company Limited", "{x} Co.,Ltd."],
    "BD": ["{x} Ltd.", "{x} Limited", "{x} Ltd", "{x} LIMITED"],
    "PK": ["{x} Limited", "{x} Ltd.", "{x} (Pvt.) Ltd."],
    "KH": ["{x} Co., Ltd.", "{x} Company Limited", "{x} Co.,Ltd"],
    "AE": ["{x} FZE", "{x} F.Z.E.", "{x} Free Zone Establishment"],
    "QA": ["{x} W.L.L.", "{x} WLL", "{x} With Limited Liability"],
    "US": ["{x} Inc.", "{x}, Inc.", "{x} Incorporated", "{x} Corp."],
    "GB": ["{x} Limited", "{x} Ltd", "{x} Ltd."],
    "IT": ["{x} S.r.l.", "{x} SRL", "{x} s.r.l."],
    "FR": ["{x} SARL", "{x} S.A.R.L.", "{x} Sarl"],
    "RU": ["OOO {x}", "{x} LLC", "LLC {x}", "ООО {x}"],
    "ES": ["{x} S.L.", "{x} SL", "{x}, S.L."],
}


@dataclass(frozen=True)
class Base:
    city_word: str  # city as it appears in the name ("" when the name carries none)
    core: str  # distinctive part
    trade: str  # industry words, may be ""
    country: str
    city: str
    reg: str


BASE: list[Base] = [
    Base("Shenzhen", "Huaqiang", "Textile", "CN", "Shenzhen", "91440300MA5F2K7Q3X"),
    Base("Dongguan", "Xinhui", "Shoes", "CN", "Dongguan", "91441900MA4UH2L81B"),
    Base("Guangzhou", "Tianli", "Knitting", "CN", "Guangzhou", "91440101MA59C8R23D"),
    Base("Jiangsu", "Hengfeng", "Textile Group", "CN", "Wuxi", "91320200714092381E"),
    Base("Xiamen", "Jinlong", "Electronics", "CN", "Xiamen", "913502007378456219"),
    Base("Qingdao", "Haixin", "Seafood", "CN", "Qingdao", "91370200MA3C4RTW1K"),
    Base("Ningbo", "Yongxing", "Garment", "CN", "Ningbo", "91330201MA2AH6TP0Q"),
    Base("", "Everbright", "Apparel", "CN", "Shaoxing", "91330600MA29K4N77U"),
    Base("", "May Mặc Phú Thịnh", "", "VN", "Ho Chi Minh", "0312456789"),
    Base("", "Dệt May Hòa Bình", "", "VN", "Hanoi", "0100234567"),
    Base("", "Giày Da Thái Bình", "", "VN", "Thai Binh", "1000345678"),
    Base("", "Sợi Thế Kỷ", "", "VN", "Tay Ninh", "3900456712"),
    Base("", "May Xuất Khẩu Đồng Nai", "", "VN", "Bien Hoa", "3600567123"),
    Base("", "Yıldız Tekstil", "", "TR", "Istanbul", "9870012345"),
    Base("", "Özdemir Konfeksiyon", "", "TR", "Bursa", "6540023456"),
    Base("", "Güneş Örme", "", "TR", "Denizli", "4320034567"),
    Base("", "Çelik Deri", "", "TR", "Izmir", "2210045678"),
    Base("", "Sinar Jaya Abadi", "", "ID", "Bandung", "8120001234567"),
    Base("", "Mitra Busana Sejahtera", "", "ID", "Semarang", "9120002345678"),
    Base("", "Sumber Makmur Garmen", "", "ID", "Surabaya", "8120003456789"),
    Base("", "Kahatex Putra", "", "ID", "Sumedang", "9120004567891"),
    Base("", "Têxtil São João", "", "BR", "São Paulo", "12.345.678/0001-90"),
    Base("", "Calçados Bom Passo", "Indústria e Comércio", "BR", "Franca", "23.456.789/0001-01"),
    Base("", "Confecções Estrela do Sul", "", "BR", "Blumenau", "34.567.890/0001-12"),
    Base("", "Textiles del Bajío", "", "MX", "León", "TBA950101AB1"),
    Base("", "Confecciones Monterrey", "", "MX", "Monterrey", "CMO880202CD2"),
    Base("", "Maquiladora Santa Fe", "", "MX", "Ciudad Juárez", "MSF990303EF3"),
    Base("", "Müller Textil", "", "DE", "Bielefeld", "HRB 41234"),
    Base("", "Weißgerber Lederwaren", "", "DE", "Offenbach", "HRB 52345"),
    Base("", "Schäfer Strickmoden", "", "DE", "Augsburg", "HRB 63456"),
    Base("", "Shree Ganesh", "Exports", "IN", "Tiruppur", "U17111TZ2005PTC012345"),
    Base("", "Arvind Knit Fab", "", "IN", "Ludhiana", "U17291PB2008PTC031234"),
    Base("", "Lakshmi", "Spinning Mills", "IN", "Coimbatore", "U17111TZ1995PTC006543"),
    Base("", "Om Sai", "Garments", "IN", "Noida", "U18101UP2012PTC051234"),
    Base("", "Bharat Leather", "Industries", "IN", "Kanpur", "U19129UP2001PTC025678"),
    Base("", "Kenanga Rubber", "Products", "MY", "Klang", "199701012345"),
    Base("", "Meridian", "Gloves", "MY", "Ipoh", "200501023456"),
    Base("", "Perdana Electronics", "", "MY", "Penang", "198901034567"),
    Base("", "Siam Cotton", "Mills", "TH", "Samut Prakan", "0105536012345"),
    Base("", "Chaiyaphum", "Seafood", "TH", "Samut Sakhon", "0745541023456"),
    Base("", "Bangkok Rubber", "Industry", "TH", "Bangkok", "0105541034567"),
    Base("", "Dhaka Knit Composite", "", "BD", "Gazipur", "C-45678/2006"),
    Base("", "Rahman", "Apparels", "BD", "Narayanganj", "C-56789/2010"),
    Base("", "Chittagong Denim", "Mills", "BD", "Chittagong", "CH-6789/2004"),
    Base("", "Nurul Islam", "Sweaters", "BD", "Dhaka", "C-78901/2015"),
    Base("", "Faisalabad Weaving", "Mills", "PK", "Faisalabad", "0034567"),
    Base("", "Sialkot Sports", "Gear", "PK", "Sialkot", "0045678"),
    Base("", "Angkor Garment", "", "KH", "Phnom Penh", "00012345"),
    Base("", "Mekong Knitwear", "", "KH", "Kampong Speu", "00023456"),
    Base("", "Gulf Garments", "Trading", "AE", "Dubai", "DMCC-123456"),
    Base("", "Al Noor", "Trading", "QA", "Doha", "CR-45678"),
    Base("", "Acme Apparel", "", "US", "Los Angeles", "EIN 95-1234567"),
    Base("", "Northern Knitwear", "", "GB", "Leicester", "01234567"),
    Base("", "Tessitura Bianchi", "", "IT", "Biella", "IT01234567890"),
    Base("", "Textiles Dupont", "", "FR", "Roubaix", "RCS 123 456 789"),
    Base("", "Tekstil-Prom", "", "RU", "Ivanovo", "1023700123456"),
    Base("", "Confecciones García", "", "ES", "Valencia", "B12345678"),
]

OTHER_CITY: dict[str, list[str]] = {
    "CN": ["Dongguan", "Foshan", "Zhongshan", "Huizhou", "Suzhou", "Hangzhou"],
    "VN": ["Da Nang", "Hai Phong", "Binh Duong", "Can Tho"],
    "TR": ["Ankara", "Kayseri", "Gaziantep", "Adana"],
    "ID": ["Tangerang", "Bekasi", "Solo", "Bogor"],
    "BR": ["Fortaleza", "Curitiba", "Recife"],
    "MX": ["Puebla", "Guadalajara", "Torreón"],
    "DE": ["Hamburg", "Köln", "Stuttgart"],
    "IN": ["Bangalore", "Mumbai", "Surat", "Jaipur"],
    "MY": ["Johor Bahru", "Shah Alam", "Melaka"],
    "TH": ["Chiang Mai", "Nakhon Pathom", "Rayong"],
    "BD": ["Savar", "Ashulia", "Comilla"],
    "PK": ["Karachi", "Lahore"],
    "KH": ["Siem Reap", "Kandal"],
    "AE": ["Sharjah", "Ajman"],
    "QA": ["Al Rayyan"],
    "US": ["New York", "Dallas"],
    "GB": ["Manchester", "Nottingham"],
    "IT": ["Prato", "Como"],
    "FR": ["Lyon", "Troyes"],
    "RU": ["Moscow", "Kazan"],
    "ES": ["Barcelona", "Alicante"],
}
OTHER_COUNTRY = ["BD", "VN", "CN", "IN", "TR", "ID", "KH", "PK", "TH", "MY"]
SIBLING_TRADE = {
    "": "Packaging",
    "Textile": "Garment",
    "Shoes": "Leather",
    "Garment": "Textile",
    "Knitting": "Dyeing",
    "Seafood": "Cold Storage",
    "Electronics": "Plastics",
    "Apparel": "Printing",
    "Exports": "Textiles",
    "Spinning Mills": "Weaving Mills",
    "Garments": "Fabrics",
    "Industries": "Exports",
    "Products": "Plantation",
    "Gloves": "Latex",
    "Mills": "Fabrics",
    "Seafood ": "Foods",
    "Industry": "Chemicals",
    "Apparels": "Knitwear",
    "Sweaters": "Washing",
    "Gear": "Garments",
    "Trading": "Logistics",
    "Textile Group": "Garment Group",
    "Indústria e Comércio": "Distribuidora",
}
# Distinctive words that differ by little but belong to other firms.
NEAR_WORDS = {
    "Huaqiang": "Huaxiang",
    "Xinhui": "Xinhua",
    "Tianli": "Tianlu",
    "Hengfeng": "Hengfa",
    "Jinlong": "Jinlang",
    "Haixin": "Haixing",
    "Yongxing": "Yongsheng",
    "Everbright": "Everbest",
    "Phú Thịnh": "Phú Thành",
    "Hòa Bình": "Hòa Phát",
    "Thái Bình": "Thái Nguyên",
    "Yıldız": "Yılmaz",
    "Özdemir": "Özkan",
    "Güneş": "Gündüz",
    "Sinar Jaya": "Sinar Mas",
    "Mitra Busana": "Mitra Bangun",
    "Sumber Makmur": "Sumber Rejeki",
    "São João": "São José",
    "Bom Passo": "Bom Pastor",
    "Estrela do Sul": "Estrela do Norte",
    "Bajío": "Bravo",
    "Monterrey": "Montemayor",
    "Santa Fe": "Santa Rosa",
    "Müller": "Möller",
    "Weißgerber": "Weißbauer",
    "Schäfer": "Schröder",
    "Shree Ganesh": "Shree Gopal",
    "Arvind": "Aravali",
    "Lakshmi": "Lakshmipathi",
    "Om Sai": "Om Shiv",
    "Bharat": "Bhagat",
    "Kenanga": "Kenari",
    "Meridian": "Meridien Star",
    "Perdana": "Pertama",
    "Siam": "Sima",
    "Chaiyaphum": "Chaiyaporn",
    "Bangkok": "Bangpakong",
    "Dhaka Knit": "Dhaka Knitex",
    "Rahman": "Rahim",
    "Chittagong": "Chattak",
    "Nurul Islam": "Nurul Amin",
    "Faisalabad": "Fazal",
    "Sialkot": "Sialvi",
    "Angkor": "Ankara",
    "Mekong": "Mekara",
    "Gulf": "Golf",
    "Al Noor": "Al Nour Star",
    "Acme": "Apex",
    "Northern": "Southern",
    "Bianchi": "Bianco",
    "Dupont": "Dumont",
    "Tekstil-Prom": "Tekstil-Trans",
    "García": "Garcés",
}
ABBREVIATIONS = [
    ("Textile", "Tex."),
    ("Garments", "Gmts"),
    ("Garment", "Gmt"),
    ("Industries", "Inds."),
    ("Industry", "Ind."),
    ("Trading", "Trdg"),
    ("Exports", "Exp."),
    ("Electronics", "Elec."),
    ("International", "Intl"),
    ("Mills", "Mill"),
    ("Products", "Prods"),
    ("Tekstil", "Textile"),
    ("Confecciones", "Confecc."),
    ("Knitting", "Knit"),
    ("Sanayi", "San."),
]


def strip_accents(text: str) -> str:
    text = text.replace("ı", "i").replace("İ", "I").replace("đ", "d").replace("Đ", "D")
    text = text.replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def typo(rng: random.Random, text: str) -> str:
    words = text.split()
    candidates = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    word = words[i]
    pos = rng.randrange(2, len(word) - 1)
    kind = rng.choice(["swap", "drop", "double", "replace"])
    if kind == "swap":
        word = word[: pos - 1] + word[pos] + word[pos - 1] + word[pos + 1 :]
    elif kind == "drop":
        word = word[:pos] + word[pos + 1 :]
    elif kind == "double":
        word = word[:pos] + word[pos] + word[pos:]
    else:
        near = {"a": "e", "e": "a", "i": "y", "o": "u", "u": "o", "n": "m", "s": "z", "g": "q"}
        word = word[:pos] + near.get(word[pos].lower(), "x") + word[pos + 1 :]
    words[i] = word
    return " ".join(words)


def core_text(b: Base, with_city: bool = True) -> str:
    parts = [b.city_word if with_city else "", b.core, b.trade]
    return " ".join(p for p in parts if p)


def full_name(b: Base, template: str, with_city: bool = True) -> str:
    return template.format(x=core_text(b, with_city))


def reg_variant(rng: random.Random, reg: str) -> str:
    choice = rng.choice(["strip", "lower", "space", "same"])
    if choice == "strip":
        return "".join(c for c in reg if c.isalnum())
    if choice == "lower":
        return reg.lower()
    if choice == "space":
        return " ".join([reg[:4], reg[4:]])
    return reg


def positive(rng: random.Random, b: Base) -> tuple[dict[str, str], str]:
    templates = LEGAL[b.country]
    ta, tb = rng.sample(templates, 2)
    name_a = full_name(b, ta)
    core_b = core_text(b)
    edits: list[str] = []
    options = [
        "accents",
        "typo",
        "abbrev",
        "case",
        "punct",
        "plural",
        "drop_city_word",
        "move_city_word",
        "drop_legal",
        "join_words",
        "word_order",
        "and",
    ]
    for edit in rng.sample(options, rng.choice([1, 2, 2, 3])):
        before = core_b
        if edit == "accents":
            core_b = strip_accents(core_b)
        elif edit == "typo":
            core_b = typo(rng, core_b)
        elif edit == "abbrev":
            for long, short in ABBREVIATIONS:
                if long in core_b:
                    core_b = core_b.replace(long, short, 1)
                    break
        elif edit == "case":
            core_b = rng.choice([core_b.upper(), core_b.lower(), core_b.title()])
        elif edit == "punct":
            core_b = core_b.replace(" ", rng.choice([" - ", ". ", ", "]), 1)
        elif edit == "plural":
            words = core_b.split()
            last = words[-1]
            words[-1] = last[:-1] if last.endswith("s") else last + "s"
            core_b = " ".join(words)
        elif edit == "drop_city_word" and b.city_word:
            core_b = core_b.replace(b.city_word + " ", "", 1)
        elif edit == "move_city_word" and b.city_word:
            core_b = core_b.replace(b.city_word + " ", "", 1) + f" ({b.city_word})"
        elif edit == "drop_legal":
            tb = "{x}"
        elif edit == "join_words":
            # People join short syllables ("Knit Fab", "Thế Kỷ"), not long words.
            words = core_b.split()
            spots = [
                k
                for k in range(len(words) - 1)
                if words[k].isalpha()
                and words[k + 1].isalpha()
                and len(words[k]) <= 5
                and len(words[k + 1]) <= 5
            ]
            if spots:
                k = rng.choice(spots)
                words[k : k + 2] = [words[k] + words[k + 1]]
                core_b = " ".join(words)
        elif edit == "word_order":
            words = core_b.split()
            if len(words) >= 2:
                words = words[1:] + words[:1]
                core_b = " ".join(words)
        elif edit == "and" and " " in core_b:
            core_b = core_b.replace(" ", " & ", 1) if rng.random() < 0.3 else core_b
        if core_b != before or edit == "drop_legal":
            edits.append(edit)
    name_b = tb.format(x=core_b)
    city_b = rng.choice([b.city, b.city, strip_accents(b.city), b.city.upper(), ""])
    reg_a = b.reg if rng.random() < 0.6 else ""
    reg_b = reg_variant(rng, b.reg) if rng.random() < 0.4 else ""
    row = {
        "name_a": name_a,
        "country_a": b.country,
        "city_a": b.city,
        "reg_a": reg_a,
        "name_b": name_b,
        "country_b": b.country,
        "city_b": city_b,
        "reg_b": reg_b,
        "label": "1",
    }
    return row, "positive: " + (", ".join(edits) or "legal-form variant")


def negative(rng: random.Random, b: Base, kind: str) -> tuple[dict[str, str], str] | None:
    templates = LEGAL[b.country]
    ta, tb = rng.choice(templates), rng.choice(templates)
    name_a = full_name(b, ta)
    row = {
        "name_a": name_a,
        "country_a": b.country,
        "city_a": b.city,
        "reg_a": "",
        "name_b": "",
        "country_b": b.country,
        "city_b": b.city,
        "reg_b": "",
        "label": "0",
    }
    if kind == "number":
        marker = rng.choice(["Unit {n}", "Factory No. {n}", "Plant {n}", "No.{n}", "Plant {r}"])
        n1, n2 = rng.sample([1, 2, 3, 4, 5, 7], 2)
        roman = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 7: "VII"}
        core = core_text(b)
        row["name_a"] = ta.format(x=f"{core} {marker.format(n=n1, r=roman[n1])}")
        row["name_b"] = tb.format(x=f"{core} {marker.format(n=n2, r=roman[n2])}")
        if rng.random() < 0.4:  # the main site without a number against a numbered one
            row["name_a"] = ta.format(x=core)
            row["city_b"] = rng.choice(OTHER_CITY[b.country])
        return row, "negative: another plant number"
    if kind == "city":
        other = rng.choice(OTHER_CITY[b.country])
        if b.city_word:
            row["name_b"] = tb.format(x=core_text(b).replace(b.city_word, other, 1))
        else:
            row["name_b"] = tb.format(x=core_text(b))
        row["city_b"] = other
        return row, "negative: same group, another city"
    if kind == "country":
        other = rng.choice([c for c in OTHER_COUNTRY if c != b.country])
        row["name_b"] = (
            full_name(b, "{x}", with_city=True)
            + " "
            + rng.choice(["Ltd", "Limited", "Co., Ltd.", ""])
        )
        row["country_b"] = other
        row["city_b"] = rng.choice(OTHER_CITY[other])
        return row, "negative: same name, another country"
    if kind == "registration":
        row["reg_a"] = b.reg
        digits = [c for c in b.reg]
        idx = [i for i, c in enumerate(digits) if c.isdigit()]
        for i in rng.sample(idx, min(3, len(idx))):
            digits[i] = str((int(digits[i]) + 3) % 10)
        row["reg_b"] = "".join(digits)
        row["name_b"] = tb.format(x=core_text(b, with_city=rng.random() < 0.5))
        row["city_b"] = rng.choice([b.city, ""])
        return row, "negative: conflicting registration numbers"
    if kind == "sibling":
        trade = SIBLING_TRADE.get(b.trade, "Packaging")
        row["name_b"] = tb.format(x=" ".join(p for p in [b.city_word, b.core, trade] if p))
        if not b.trade:
            row["name_b"] = tb.format(x=" ".join(p for p in [b.city_word, b.core, trade] if p))
            row["city_b"] = rng.choice(OTHER_CITY[b.country])
        return row, "negative: sibling firm in another trade"
    if kind == "near":
        for word, other in NEAR_WORDS.items():
            if word in b.core or word in b.city_word:
                row["name_b"] = tb.format(x=core_text(b).replace(word, other, 1))
                row["city_b"] = rng.choice([b.city, rng.choice(OTHER_CITY[b.country])])
                return row, "negative: near-identical distinctive word"
        return None
    raise ValueError(kind)


# (name_a, country_a, city_a, reg_a, name_b, country_b, city_b, reg_b, label, note)
HAND_PAIRS: list[tuple[str, str, str, str, str, str, str, str, int, str]] = [
    (
        "深圳市华强纺织有限公司",
        "CN",
        "深圳",
        "",
        "Shenzhen Huaqiang Textile Co., Ltd.",
        "CN",
        "Shenzhen",
        "",
        1,
        "Chinese characters vs pinyin and English",
    ),
    (
        "东莞市新辉鞋业有限公司",
        "CN",
        "东莞",
        "",
        "Dongguan Xinhui Footwear Co Ltd",
        "CN",
        "Dongguan",
        "",
        1,
        "Chinese characters vs pinyin",
    ),
    (
        "宁波永兴服装有限公司",
        "CN",
        "",
        "",
        "NINGBO YONGXING GARMENT CO.,LTD",
        "CN",
        "Ningbo",
        "",
        1,
        "Chinese characters vs pinyin, one city missing",
    ),
    (
        "深圳市华强纺织有限公司",
        "CN",
        "深圳",
        "",
        "Shenzhen Huaxiang Textile Co., Ltd.",
        "CN",
        "Shenzhen",
        "",
        0,
        "Chinese vs a near pinyin of another firm",
    ),
    (
        "Công ty TNHH May Việt Tiến",
        "VN",
        "Hồ Chí Minh",
        "",
        "Viet Tien Garment Co., Ltd.",
        "VN",
        "HCMC",
        "",
        1,
        "Vietnamese vs English rendering, city alias",
    ),
    (
        "Công ty Cổ phần Dệt May Thành Công",
        "VN",
        "TP. Hồ Chí Minh",
        "",
        "Thanh Cong Textile Garment JSC",
        "VN",
        "Ho Chi Minh City",
        "",
        1,
        "Vietnamese JSC vs English",
    ),
    (
        "Công ty Cổ phần Dệt May Thành Công",
        "VN",
        "Ho Chi Minh",
        "",
        "Thanh Cong Textile Garment JSC",
        "VN",
        "Hanoi",
        "",
        0,
        "Same group, another city",
    ),
    (
        "Tổng Công ty May 10",
        "VN",
        "Hanoi",
        "",
        "Garment 10 Corporation",
        "VN",
        "Hà Nội",
        "",
        1,
        "Vietnamese vs English, number kept",
    ),
    (
        "Tổng Công ty May 10",
        "VN",
        "Hanoi",
        "",
        "May 9 Corporation",
        "VN",
        "Hanoi",
        "",
        0,
        "different number",
    ),
    (
        "Yıldız Tekstil San. ve Tic. A.Ş.",
        "TR",
        "İstanbul",
        "",
        "YILDIZ TEKSTIL SANAYI VE TICARET AS",
        "TR",
        "Istanbul",
        "",
        1,
        "Turkish dotless i and abbreviations",
    ),
    (
        "Işık Örme Ltd. Şti.",
        "TR",
        "Bursa",
        "",
        "Isik Orme Limited Sirketi",
        "TR",
        "Bursa",
        "",
        1,
        "Turkish ASCII rendering",
    ),
    (
        "Işık Örme Ltd. Şti.",
        "TR",
        "Bursa",
        "",
        "Işık Boya Ltd. Şti.",
        "TR",
        "Bursa",
        "",
        0,
        "Same family name, knitting vs dyeing (sibling)",
    ),
    (
        "Weißgerber Lederwaren GmbH",
        "DE",
        "Offenbach am Main",
        "HRB 52345",
        "Weissgerber Lederwaren G.m.b.H.",
        "DE",
        "Offenbach",
        "",
        1,
        "German ß and city form",
    ),
    (
        "Straßburger Strickerei GmbH & Co. KG",
        "DE",
        "München",
        "",
        "Strassburger Strickerei GmbH und Co KG",
        "DE",
        "Munich",
        "",
        1,
        "GmbH & Co. KG, city alias",
    ),
    (
        "Müller Textil GmbH",
        "DE",
        "Bielefeld",
        "HRB 41234",
        "Müller Textil GmbH",
        "DE",
        "Bielefeld",
        "HRB 41299",
        0,
        "identical names, different commercial-register numbers",
    ),
    (
        "ＡＢＣ Ｇａｒｍｅｎｔｓ Ｌｔｄ．",
        "BD",
        "Dhaka",
        "",
        "ABC Garments Limited",
        "BD",
        "Dhaka",
        "",
        1,
        "full-width characters",
    ),
    (
        "Dhaka Knit Composite Ltd.",
        "BD",
        "Gazipur",
        "",
        "DKC Ltd",
        "BD",
        "Gazipur",
        "",
        1,
        "acronym",
    ),
    (
        "Chittagong Denim Mills Ltd",
        "BD",
        "Chattogram",
        "",
        "Chittagong Denim Mill Limited",
        "BD",
        "Chittagong",
        "",
        1,
        "renamed city",
    ),
    (
        "Golden Textile Ltd",
        "BD",
        "Dhaka",
        "",
        "Golden Textiles Trading Ltd",
        "BD",
        "Chittagong",
        "",
        0,
        "generic name, another city",
    ),
    (
        "Golden Textile Ltd",
        "BD",
        "Dhaka",
        "",
        "Golden Garments Ltd",
        "BD",
        "Dhaka",
        "",
        0,
        "generic names, another trade",
    ),
    (
        "Star Apparels Ltd",
        "BD",
        "Savar",
        "",
        "New Star Apparels Ltd",
        "BD",
        "Savar",
        "",
        0,
        "generic name with an extra word",
    ),
    (
        "Asian Apparels Ltd",
        "BD",
        "Chittagong",
        "",
        "Asia Apparel Limited",
        "BD",
        "Chattogram",
        "",
        1,
        "plural and adjective with renamed city",
    ),
    (
        "M/s. Shree Ganesh Exports (P) Ltd",
        "IN",
        "Tirupur",
        "U17111TZ2005PTC012345",
        "SHREE GANESH EXPORTS PRIVATE LIMITED",
        "IN",
        "Tiruppur",
        "U17111TZ2005PTC012345",
        1,
        "M/s prefix, (P) Ltd, city spelling",
    ),
    (
        "Shree Ganesh Exports Pvt Ltd",
        "IN",
        "Tiruppur",
        "",
        "Shri Ganesh Exports",
        "IN",
        "Tiruppur",
        "",
        1,
        "Shree/Shri transliteration",
    ),
    (
        "Sri Lakshmi Spinning Mills Unit II",
        "IN",
        "Coimbatore",
        "",
        "Sri Lakshmi Spinning Mills Unit III",
        "IN",
        "Coimbatore",
        "",
        0,
        "Roman unit numbers",
    ),
    (
        "Arvind Knit Fab Pvt Ltd",
        "IN",
        "Ludhiana",
        "",
        "Arvind Knitfab Private Limited",
        "IN",
        "Ludhiana",
        "",
        1,
        "joined words",
    ),
    (
        "Om Sai Garments",
        "IN",
        "Noida",
        "",
        "Om Sai Garments",
        "IN",
        "Gurgaon",
        "",
        0,
        "common name, another city",
    ),
    (
        "Sai Creations",
        "IN",
        "Gurugram",
        "",
        "Sai Creations",
        "IN",
        "Gurgaon",
        "",
        1,
        "renamed city",
    ),
    (
        "PT Sinar Jaya Abadi Tbk",
        "ID",
        "Bandung",
        "",
        "Sinar Jaya Abadi, PT",
        "ID",
        "Kota Bandung",
        "",
        1,
        "PT as suffix, Kota",
    ),
    (
        "PT Sinar Jaya Abadi",
        "ID",
        "Bandung",
        "",
        "PT Sinar Jaya Makmur",
        "ID",
        "Bandung",
        "",
        0,
        "common Indonesian words, another firm",
    ),
    (
        "CV Sumber Makmur",
        "ID",
        "Surabaya",
        "",
        "UD Sumber Makmur",
        "ID",
        "Surabaya",
        "",
        1,
        "CV vs UD prefix (often confused)",
    ),
    (
        "PT Eratex Djaja Tbk",
        "ID",
        "Probolinggo",
        "",
        "PT. ERATEX DJAYA",
        "ID",
        "Probolinggo",
        "",
        1,
        "Tbk dropped",
    ),
    (
        "Kenanga Rubber Products Sdn. Bhd.",
        "MY",
        "Klang",
        "199701012345",
        "Kenanga Rubber Products (M) Sdn Bhd",
        "MY",
        "Pelabuhan Klang",
        "",
        1,
        "(M) Sdn Bhd, port district",
    ),
    (
        "Kenanga Rubber Products Sdn. Bhd.",
        "MY",
        "Klang",
        "199701012345",
        "Kenanga Rubber Products Sdn. Bhd.",
        "MY",
        "Klang",
        "201801099999",
        0,
        "same name, other registration number",
    ),
    (
        "Siam Cotton Mills Co., Ltd.",
        "TH",
        "Samut Prakan",
        "0105536012345",
        "Siam Cotton Mill Company Limited",
        "TH",
        "Samutprakarn",
        "0105536012345",
        1,
        "Thai romanisation of the province",
    ),
    (
        "Chaiyaphum Seafood Public Company Limited",
        "TH",
        "Samut Sakhon",
        "",
        "Chaiyaphum Seafood PCL",
        "TH",
        "Samut Sakhon",
        "",
        1,
        "PCL",
    ),
    (
        "Textiles del Bajío S.A. de C.V.",
        "MX",
        "León",
        "",
        "TEXTILES DEL BAJIO SA DE CV",
        "MX",
        "Leon, Guanajuato",
        "",
        1,
        "accents and state in city",
    ),
    (
        "Textiles del Bajío S.A. de C.V.",
        "MX",
        "León",
        "",
        "Textiles del Bajío S.A. de C.V.",
        "GT",
        "Guatemala",
        "",
        0,
        "same name in another country",
    ),
    (
        "Maquiladora Santa Fe Planta 2 S.A. de C.V.",
        "MX",
        "Ciudad Juárez",
        "",
        "Maquiladora Santa Fe Planta 3 S.A. de C.V.",
        "MX",
        "Ciudad Juárez",
        "",
        0,
        "Planta numbers",
    ),
    (
        "Calçados Bom Passo Indústria e Comércio Ltda.",
        "BR",
        "Franca",
        "23.456.789/0001-01",
        "Calcados Bom Passo Ind. e Com. Ltda",
        "BR",
        "Franca/SP",
        "23456789000101",
        1,
        "Brazilian abbreviations, CNPJ formatting",
    ),
    (
        "Calçados Bom Passo Ltda.",
        "BR",
        "Franca",
        "23.456.789/0001-01",
        "Calçados Bom Passo Ltda.",
        "BR",
        "Franca",
        "23.456.789/0002-92",
        0,
        "another CNPJ branch number (filial)",
    ),
    (
        "OOO Tekstil-Prom",
        "RU",
        "Ivanovo",
        "",
        "ООО Текстиль-Пром",
        "RU",
        "Иваново",
        "",
        1,
        "Cyrillic vs Latin",
    ),
    (
        "Al Noor Trading W.L.L.",
        "QA",
        "Doha",
        "",
        "Al-Noor Trading WLL",
        "QA",
        "Doha",
        "",
        1,
        "hyphen in Arabic article",
    ),
    (
        "Al Noor Trading W.L.L.",
        "QA",
        "Doha",
        "",
        "Al Noor Trading FZE",
        "AE",
        "Dubai",
        "",
        0,
        "same name, other Gulf state",
    ),
    (
        "Gulf Garments Trading FZE",
        "AE",
        "Dubai",
        "DMCC-123456",
        "Gulf Garment Trading F.Z.E.",
        "AE",
        "Dubai",
        "DMCC123456",
        1,
        "FZE and licence formatting",
    ),
    (
        "Acme Apparel Inc.",
        "US",
        "Los Angeles",
        "",
        "ACME APPAREL, INC",
        "US",
        "LA",
        "",
        1,
        "city abbreviation missed by city matching",
    ),
    (
        "Northern Knitwear Limited",
        "GB",
        "Leicester",
        "01234567",
        "Northern Knitwear Ltd",
        "GB",
        "",
        "1234567",
        1,
        "company number without leading zero",
    ),
    (
        "Angkor Garment Co., Ltd.",
        "KH",
        "Phnom Penh",
        "",
        "Angkor Garments Factory Co Ltd",
        "KH",
        "Phnom Penh",
        "",
        1,
        "extra generic word",
    ),
    (
        "Angkor Garment Co., Ltd.",
        "KH",
        "Phnom Penh",
        "",
        "Angkor Wat Garment Co., Ltd.",
        "KH",
        "Siem Reap",
        "",
        0,
        "extra distinctive word, another city",
    ),
    (
        "Tessitura Bianchi S.r.l.",
        "IT",
        "Biella",
        "",
        "Tessitura Bianchi SRL",
        "IT",
        "Biella",
        "",
        1,
        "S.r.l.",
    ),
    (
        "Textiles Dupont SARL",
        "FR",
        "Roubaix",
        "",
        "Dupont Textiles S.A.R.L.",
        "FR",
        "Roubaix",
        "",
        1,
        "word order",
    ),
    (
        "Confecciones García S.L.",
        "ES",
        "Valencia",
        "",
        "Confecciones Garcia y Hermanos S.L.",
        "ES",
        "Valencia",
        "",
        0,
        "'y Hermanos' is a different firm",
    ),
    (
        "Rahman Apparels Ltd",
        "BD",
        "Narayanganj",
        "",
        "Rahman & Sons Apparels Ltd",
        "BD",
        "Narayanganj",
        "",
        0,
        "'& Sons' firm",
    ),
    (
        "Nurul Islam Sweaters Ltd",
        "BD",
        "Dhaka",
        "",
        "N. Islam Sweaters Ltd",
        "BD",
        "Dhaka",
        "",
        1,
        "initial for first name",
    ),
    (
        "Faisalabad Weaving Mills Ltd",
        "PK",
        "Faisalabad",
        "0034567",
        "Faisalabad Weaving Mills (Pvt.) Ltd.",
        "PK",
        "Faisalabad",
        "0034567",
        1,
        "registration number agrees",
    ),
    (
        "Sialkot Sports Gear",
        "PK",
        "Sialkot",
        "",
        "Sialkot Sports Gear 2",
        "PK",
        "Sialkot",
        "",
        0,
        "number on one side, same city",
    ),
    (
        "Mekong Knitwear Co., Ltd.",
        "KH",
        "Kampong Speu",
        "00023456",
        "Mekong Knit Wear Co Ltd",
        "KH",
        "",
        "00023456",
        1,
        "split word, same registration number",
    ),
    (
        "Hengfeng Textile Group Co., Ltd.",
        "CN",
        "Wuxi",
        "",
        "Jiangsu Hengfeng Textile Group",
        "CN",
        "Wuxi",
        "",
        1,
        "province prefix added",
    ),
    (
        "Everbright Apparel Co., Ltd.",
        "CN",
        "Shaoxing",
        "91330600MA29K4N77U",
        "Shaoxing Everbright Garment Co., Ltd.",
        "CN",
        "Shaoxing",
        "91330600MA29K4N77U",
        1,
        "apparel/garment synonym, registration agrees",
    ),
    (
        "Everbright Apparel Co., Ltd.",
        "CN",
        "Shaoxing",
        "",
        "Everbright Apparel Co., Ltd.",
        "CN",
        "",
        "",
        1,
        "identical name, city missing",
    ),
    (
        "Xiamen Jinlong Electronics Co., Ltd.",
        "CN",
        "Xiamen",
        "",
        "Xiamen Jinlong Electronic",
        "CN",
        "Xiamen",
        "",
        1,
        "plural and legal form dropped",
    ),
    (
        "Qingdao Haixin Seafood Co., Ltd.",
        "CN",
        "Qingdao",
        "",
        "Qingdao Haixin Foods Co., Ltd.",
        "CN",
        "Qingdao",
        "",
        0,
        "sibling: seafood vs foods",
    ),
]


def build_rows() -> list[dict[str, str]]:
    rng = random.Random(20240601)
    rows: list[dict[str, str]] = []
    for a, ca, cia, ra, b, cb, cib, rb, label, note in HAND_PAIRS:
        rows.append(
            {
                "name_a": a,
                "country_a": ca,
                "city_a": cia,
                "reg_a": ra,
                "name_b": b,
                "country_b": cb,
                "city_b": cib,
                "reg_b": rb,
                "label": str(label),
                "note": "hand: " + note,
            }
        )
    kinds = ["number", "city", "country", "registration", "sibling", "near"]
    for base in BASE:
        for _ in range(3):
            row, note = positive(rng, base)
            row["note"] = note
            rows.append(row)
        for kind in rng.sample(kinds, 4):
            made = negative(rng, base, kind)
            if made is None:
                continue
            row, note = made
            row["note"] = note
            rows.append(row)
    return rows


def main() -> None:
    rows = build_rows()
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    positives = sum(r["label"] == "1" for r in rows)
    print(f"wrote {len(rows)} pairs ({positives} same, {len(rows) - positives} different) to {OUT}")


if __name__ == "__main__":
    main()
