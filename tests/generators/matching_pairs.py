"""Seeded generator of labelled supplier-name pairs across scripts, languages and forms.

Written apart from the matcher (nothing here imports ``screening``): every rendering of a
supplier is spelled from hand-written tables of how people in each country write it, the
native script, its romanisation and its English translation side by side, so the labels
never depend on what the matcher happens to do.

Each pair has a ``kind`` (what makes it hard), a ``lang`` (the naming culture) and a
``family`` (the brand it was built from). The split is by family, fixed by a hash of the
family name: about 40 % of the brands of every language are ``held_out`` and appear in no
``tune`` pair, so a rule or threshold chosen on ``tune`` is scored on names it never saw.

Positive kinds (label 1, the same legal entity at the same site):
    translit_zh, translit_th, translit_ar, translit_ru, translit_uz, vietnamese,
    turkish_translation, acronym, abbreviation, typo, missing_token
Hard negatives (label 0):
    sibling (same brand, another trade), trading_arm (the group's "... Trading"),
    same_brand_other_entity (same brand and trade, another legal entity of the group),
    number (No. 2 vs No. 3), other_city, other_country, near_name (a brand one
    syllable or word away)

    pairs = build_pairs()  # about 1,000 pairs, identical on every run
"""

from __future__ import annotations

import csv
import hashlib
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

SEED = 20261123
HELD_OUT_SHARE = 40  # percent of families
FIELDS = [
    "pair_id",
    "kind",
    "lang",
    "family",
    "split",
    "label",
    "name_a",
    "country_a",
    "city_a",
    "reg_a",
    "name_b",
    "country_b",
    "city_b",
    "reg_b",
]
POSITIVE_KINDS = (
    "translit_zh",
    "translit_th",
    "translit_ar",
    "translit_ru",
    "translit_uz",
    "vietnamese",
    "turkish_translation",
    "acronym",
    "abbreviation",
    "typo",
    "missing_token",
)
NEGATIVE_KINDS = (
    "sibling",
    "trading_arm",
    "same_brand_other_entity",
    "number",
    "other_city",
    "other_country",
    "near_name",
)


@dataclass(frozen=True, slots=True)
class Side:
    name: str
    country: str | None
    city: str | None = None
    reg: str | None = None


@dataclass(frozen=True, slots=True)
class LabelledPair:
    pair_id: str
    kind: str
    lang: str
    family: str
    split: str  # "tune" or "held_out"
    label: int
    a: Side
    b: Side

    def row(self) -> dict[str, str]:
        return {
            "pair_id": self.pair_id,
            "kind": self.kind,
            "lang": self.lang,
            "family": self.family,
            "split": self.split,
            "label": str(self.label),
            "name_a": self.a.name,
            "country_a": self.a.country or "",
            "city_a": self.a.city or "",
            "reg_a": self.a.reg or "",
            "name_b": self.b.name,
            "country_b": self.b.country or "",
            "city_b": self.b.city or "",
            "reg_b": self.b.reg or "",
        }


def split_of(family: str) -> str:
    digest = hashlib.sha256(family.encode("utf-8")).digest()
    return "held_out" if int.from_bytes(digest[:4], "big") % 100 < HELD_OUT_SHARE else "tune"


def _same_trade(english: str, other: str) -> bool:
    """Two trades a sibling must not share: "Ready-to-Wear" is "Garment", "Textile Garment"
    overlaps "Garment", "Cotton Ginning" overlaps "Cotton"."""

    def words(text: str) -> set[str]:
        text = text.lower().replace("ready-to-wear", "garment").replace("ready made", "")
        return {w.rstrip("s") for w in text.split()}

    return bool(words(english) & words(other))


# A raw pair before ids and splits: (kind, lang, family, label, a, b).
Raw = tuple[str, str, str, int, Side, Side]


# --- Chinese -----------------------------------------------------------------------------
# (simplified, traditional, pinyin)
ZH_CITIES = [
    ("永康", "永康", "Yongkang"),
    ("义乌", "義烏", "Yiwu"),
    ("东莞", "東莞", "Dongguan"),
    ("深圳", "深圳", "Shenzhen"),
    ("宁波", "寧波", "Ningbo"),
    ("温州", "溫州", "Wenzhou"),
    ("泉州", "泉州", "Quanzhou"),
    ("绍兴", "紹興", "Shaoxing"),
    ("佛山", "佛山", "Foshan"),
    ("苏州", "蘇州", "Suzhou"),
    ("厦门", "廈門", "Xiamen"),
    ("青岛", "青島", "Qingdao"),
    ("重庆", "重慶", "Chongqing"),
    ("长沙", "長沙", "Changsha"),
]
ZH_BRANDS = [
    ("宏达", "宏達", "Hongda"),
    ("华强", "華強", "Huaqiang"),
    ("新辉", "新輝", "Xinhui"),
    ("永兴", "永興", "Yongxing"),
    ("金龙", "金龍", "Jinlong"),
    ("恒丰", "恆豐", "Hengfeng"),
    ("天利", "天利", "Tianli"),
    ("瑞丰", "瑞豐", "Ruifeng"),
    ("海天", "海天", "Haitian"),
    ("鑫源", "鑫源", "Xinyuan"),
    ("长城", "長城", "Changcheng"),
    ("银河", "銀河", "Yinhe"),
    ("富强", "富強", "Fuqiang"),
    ("盛达", "盛達", "Shengda"),
    ("美佳", "美佳", "Meijia"),
    ("嘉利", "嘉利", "Jiali"),
    ("祥和", "祥和", "Xianghe"),
    ("隆发", "隆發", "Longfa"),
    ("宝丰", "寶豐", "Baofeng"),
    ("东方", "東方", "Dongfang"),
    ("华美", "華美", "Huamei"),
    ("大地", "大地", "Dadi"),
    ("光明", "光明", "Guangming"),
    ("明珠", "明珠", "Mingzhu"),
    ("宏发", "宏發", "Hongfa"),
    ("金华", "金華", "Jinhua"),
]
# (simplified, traditional, pinyin words, English)
ZH_INDUSTRIES = [
    ("五金制品", "五金製品", "Wujin Zhipin", "Hardware Products"),
    ("纺织", "紡織", "Fangzhi", "Textile"),
    ("服装", "服裝", "Fuzhuang", "Garment"),
    ("针织", "針織", "Zhenzhi", "Knitting"),
    ("鞋业", "鞋業", "Xieye", "Footwear"),
    ("电子", "電子", "Dianzi", "Electronics"),
    ("塑料制品", "塑料製品", "Suliao Zhipin", "Plastic Products"),
    ("玩具", "玩具", "Wanju", "Toys"),
    ("家具", "家具", "Jiaju", "Furniture"),
    ("光伏科技", "光伏科技", "Guangfu Keji", "Photovoltaic Technology"),
    ("橡胶制品", "橡膠製品", "Xiangjiao Zhipin", "Rubber Products"),
    ("食品", "食品", "Shipin", "Food"),
    ("皮革", "皮革", "Pige", "Leather"),
]
ZH_NUMERALS = {2: ("二", "Er"), 3: ("三", "San"), 4: ("四", "Si"), 5: ("五", "Wu")}


def _zh_name(
    city: tuple[str, str, str],
    brand: tuple[str, str, str],
    industry: tuple[str, str, str, str],
    style: str,
    rng: random.Random,
    *,
    city_in_name: bool = True,
    trading: bool = False,
    number: int | None = None,
) -> str:
    if style in ("hanzi_s", "hanzi_t"):
        k = 0 if style == "hanzi_s" else 1
        place = (city[k] + rng.choice(["市", "市", ""])) if city_in_name else ""
        trade = ("贸易" if k == 0 else "貿易") if trading else ""
        if number is not None:
            factory = "厂" if k == 0 else "廠"
            return f"{place}{brand[k]}第{ZH_NUMERALS[number][0]}{industry[k]}{factory}"
        legal = rng.choice(["有限公司", "有限公司", "有限责任公司" if k == 0 else "有限責任公司"])
        return f"{place}{brand[k]}{industry[k]}{trade}{legal}"
    if style == "pinyin":
        words = [city[2], rng.choice(["Shi", ""])] if city_in_name else []
        words += [brand[2], industry[2]]
        if trading:
            words.append("Maoyi")
        words.append(rng.choice(["Youxian Gongsi", "Youxian Gongsi", "Youxian Zeren Gongsi"]))
        text = " ".join(w for w in words if w)
        return text.upper() if rng.random() < 0.3 else text
    # English
    trade = " Trading" if trading else ""
    if number is not None:
        return f"{brand[2]} No. {number} {industry[3]} Factory"
    legal = rng.choice(["Co., Ltd.", "Co.,Ltd", "Company Limited", "CO., LTD."])
    if not city_in_name:
        return f"{brand[2]} {industry[3]}{trade} {legal}"
    if rng.random() < 0.25:
        return f"{brand[2]} {industry[3]}{trade} ({city[2]}) {legal}"
    return f"{city[2]} {brand[2]} {industry[3]}{trade} {legal}"


def _zh_city_field(city: tuple[str, str, str], style: str, rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.15:
        return None
    if style.startswith("hanzi") and roll < 0.6:
        return city[0] if style == "hanzi_s" else city[1]
    return city[2]


def chinese(rng: random.Random) -> Iterator[Raw]:
    styles = [
        ("hanzi_s", "english"),
        ("hanzi_t", "english"),
        ("hanzi_s", "pinyin"),
        ("pinyin", "english"),
        ("hanzi_t", "pinyin"),
        ("hanzi_s", "hanzi_t"),
    ]
    for brand in ZH_BRANDS:
        family = f"zh:{brand[2]}"
        city = rng.choice(ZH_CITIES)
        industry = rng.choice(ZH_INDUSTRIES)

        def side(
            style: str,
            *,
            c: tuple[str, str, str] = city,
            b: tuple[str, str, str] = brand,
            i: tuple[str, str, str, str] = industry,
            **kw: object,
        ) -> Side:
            in_name = rng.random() < 0.8 if style != "english" else rng.random() < 0.6
            name = _zh_name(c, b, i, style, rng, city_in_name=in_name, **kw)  # type: ignore[arg-type]
            return Side(name, "CN", _zh_city_field(c, style, rng))

        for left, right in rng.sample(styles, 4):
            yield "translit_zh", "zh", family, 1, side(left), side(right)
        other = rng.choice([i for i in ZH_INDUSTRIES if not _same_trade(i[3], industry[3])])
        yield "sibling", "zh", family, 0, side("hanzi_s"), side("english", i=other)
        yield "trading_arm", "zh", family, 0, side("hanzi_s"), side("english", trading=True)
        far = rng.choice([c for c in ZH_CITIES if c != city])
        a = Side(_zh_name(city, brand, industry, "hanzi_s", rng), "CN", city[0])
        b = Side(_zh_name(far, brand, industry, "english", rng), "CN", far[2])
        yield "other_city", "zh", family, 0, a, b
        n, m = rng.sample(sorted(ZH_NUMERALS), 2)
        a = Side(_zh_name(city, brand, industry, "hanzi_s", rng, number=n), "CN", city[0])
        b = Side(_zh_name(city, brand, industry, "english", rng, number=m), "CN", city[2])
        yield "number", "zh", family, 0, a, b
        near = [
            x
            for x in ZH_BRANDS
            if x != brand and (x[0][0] == brand[0][0] or x[0][1] == brand[0][1])
        ]
        if near:
            yield "near_name", "zh", family, 0, side("hanzi_s"), side("english", b=rng.choice(near))


# --- Thai --------------------------------------------------------------------------------
TH_BRANDS = [
    ("สยาม", "Siam"),
    ("ศรีไทย", "Srithai"),
    ("รุ่งเรือง", "Rungruang"),
    ("เจริญ", "Charoen"),
    ("มงคล", "Mongkol"),
    ("พัฒนา", "Pattana"),
    ("สุขสวัสดิ์", "Suksawat"),
    ("ชัยวัฒน์", "Chaiwat"),
    ("ยูเนี่ยน", "Union"),
    ("โกลเด้น", "Golden"),
    ("รอยัล", "Royal"),
    ("แปซิฟิก", "Pacific"),
    ("เอเชีย", "Asia"),
    ("วัฒนา", "Watana"),
    ("บุญมี", "Boonmee"),
    ("ประเสริฐ", "Prasert"),
    ("สมบูรณ์", "Somboon"),
    ("กิตติ", "Kitti"),
    ("นครชัย", "Nakhonchai"),
    ("ทองไทย", "Thongthai"),
]
TH_INDUSTRIES = [
    ("สิ่งทอ", "Textile"),
    ("อาหาร", "Food"),
    ("ซีฟู้ด", "Seafood"),
    ("อาหารทะเล", "Seafood"),
    ("ถุงมือยาง", "Rubber Gloves"),
    ("ยาง", "Rubber"),
    ("การ์เมนท์", "Garment"),
    ("อุตสาหกรรม", "Industry"),
    ("สตีล", "Steel"),
    ("แพ็คเกจจิ้ง", "Packaging"),
]
TH_CITIES = [
    "Bangkok",
    "Samut Sakhon",
    "Chonburi",
    "Songkhla",
    "Rayong",
    "Ayutthaya",
    "Surat Thani",
]


def _th_name(
    brand: tuple[str, str],
    industry: tuple[str, str],
    style: str,
    rng: random.Random,
    *,
    trading: bool = False,
) -> str:
    public = rng.random() < 0.2
    if style == "thai":
        gap = rng.choice(["", " "])
        trade = gap + "เทรดดิ้ง" if trading else ""
        tail = " จำกัด (มหาชน)" if public else " จำกัด"
        return f"บริษัท {brand[0]}{gap}{industry[0]}{trade}{tail}"
    trade = " Trading" if trading else ""
    legal = (
        "Public Company Limited"
        if public
        else rng.choice(["Co., Ltd.", "Company Limited", "Co.,Ltd."])
    )
    return f"{brand[1]} {industry[1]}{trade} {legal}"


def thai(rng: random.Random) -> Iterator[Raw]:
    for brand in TH_BRANDS:
        family = f"th:{brand[1]}"
        city = rng.choice(TH_CITIES)
        industry = rng.choice(TH_INDUSTRIES)
        for _ in range(3):
            yield (
                "translit_th",
                "th",
                family,
                1,
                Side(
                    _th_name(brand, industry, "thai", rng),
                    "TH",
                    city if rng.random() < 0.85 else None,
                ),
                Side(_th_name(brand, industry, "english", rng), "TH", city),
            )
        other = rng.choice([i for i in TH_INDUSTRIES if not _same_trade(i[1], industry[1])])
        yield (
            "sibling",
            "th",
            family,
            0,
            Side(_th_name(brand, industry, "thai", rng), "TH", city),
            Side(_th_name(brand, other, "english", rng), "TH", city),
        )
        yield (
            "trading_arm",
            "th",
            family,
            0,
            Side(_th_name(brand, industry, "thai", rng), "TH", city),
            Side(_th_name(brand, industry, "english", rng, trading=True), "TH", city),
        )
        far = rng.choice([c for c in TH_CITIES if c != city])
        yield (
            "other_city",
            "th",
            family,
            0,
            Side(_th_name(brand, industry, "thai", rng), "TH", city),
            Side(_th_name(brand, industry, "english", rng), "TH", far),
        )
        near = rng.choice([b for b in TH_BRANDS if b != brand])
        yield (
            "near_name",
            "th",
            family,
            0,
            Side(_th_name(brand, industry, "thai", rng), "TH", city),
            Side(_th_name(near, industry, "english", rng), "TH", city),
        )


# --- Arabic ------------------------------------------------------------------------------
AR_BRANDS = [
    ("النور", "Al Noor"),
    ("الأمل", "Al Amal"),
    ("الفجر", "Al Fajr"),
    ("السلام", "Al Salam"),
    ("النجمة", "Al Najma"),
    ("الهدى", "Al Huda"),
    ("الخليج", "Al Khaleej"),
    ("البركة", "Al Baraka"),
    ("الشرق", "Al Sharq"),
    ("الريان", "Al Rayyan"),
    ("الصفا", "Al Safa"),
    ("الفرسان", "Al Forsan"),
    ("الأندلس", "Al Andalus"),
    ("المنار", "Al Manar"),
    ("الرواد", "Al Rowad"),
    ("الجزيرة", "Al Jazeera"),
    ("الواحة", "Al Waha"),
    ("الماسة", "Al Masa"),
]
AR_INDUSTRIES = [
    ("للنسيج", "Textile"),
    ("للملابس الجاهزة", "Ready Made Garments"),
    ("للصناعات البلاستيكية", "Plastic Industries"),
    ("للأغذية", "Foods"),
    ("للمقاولات", "Contracting"),
    ("للجلود", "Leather"),
    ("للتعبئة والتغليف", "Packaging"),
]
AR_PLACES = {
    "AE": [("دبي", "Dubai"), ("الشارقة", "Sharjah"), ("عجمان", "Ajman")],
    "SA": [("الرياض", "Riyadh"), ("جدة", "Jeddah"), ("الدمام", "Dammam")],
    "EG": [("القاهرة", "Cairo"), ("الإسكندرية", "Alexandria")],
    "JO": [("عمان", "Amman"), ("إربد", "Irbid")],
}


def _ar_name(
    brand: tuple[str, str],
    industry: tuple[str, str],
    style: str,
    rng: random.Random,
    *,
    trading: bool = False,
) -> str:
    factory = rng.random() < 0.25
    if style == "arabic":
        if factory:
            return f"مصنع {brand[0]} {industry[0]}"
        trade = " والتجارة" if trading else ""
        return f"شركة {brand[0]} {industry[0]}{trade} {rng.choice(['ذ.م.م', 'ذ م م', 'ش.ذ.م.م'])}"
    trade = " and Trading" if trading else ""
    head = brand[1] if rng.random() < 0.8 else brand[1].replace(" ", "")
    if factory:
        return f"{head} {industry[1]} Factory"
    return f"{head} {industry[1]}{trade} {rng.choice(['LLC', 'Co. LLC', 'L.L.C.', 'Company LLC'])}"


def arabic(rng: random.Random) -> Iterator[Raw]:
    for brand in AR_BRANDS:
        family = f"ar:{brand[1]}"
        country = rng.choice(sorted(AR_PLACES))
        place = rng.choice(AR_PLACES[country])
        industry = rng.choice(AR_INDUSTRIES)

        def native_city(p: tuple[str, str] = place) -> str:
            return p[0] if rng.random() < 0.3 else p[1]

        for _ in range(3):
            state = rng.getstate()
            a_name = _ar_name(brand, industry, "arabic", rng)
            rng.setstate(state)  # the same legal shape on both sides (factory or company)
            b_name = _ar_name(brand, industry, "english", rng)
            yield (
                "translit_ar",
                "ar",
                family,
                1,
                Side(a_name, country, native_city()),
                Side(b_name, country, place[1]),
            )
        other = rng.choice([i for i in AR_INDUSTRIES if not _same_trade(i[1], industry[1])])
        yield (
            "sibling",
            "ar",
            family,
            0,
            Side(_ar_name(brand, industry, "arabic", rng), country, native_city()),
            Side(_ar_name(brand, other, "english", rng), country, place[1]),
        )
        yield (
            "trading_arm",
            "ar",
            family,
            0,
            Side(_ar_name(brand, industry, "english", rng), country, place[1]),
            Side(f"{brand[1]} Trading {rng.choice(['LLC', 'Co.', 'Est.'])}", country, place[1]),
        )
        others = [c for c in AR_PLACES if c != country]
        far_country = rng.choice(others)
        far = rng.choice(AR_PLACES[far_country])
        yield (
            "other_country",
            "ar",
            family,
            0,
            Side(_ar_name(brand, industry, "arabic", rng), country, place[1]),
            Side(_ar_name(brand, industry, "english", rng), far_country, far[1]),
        )
        near = rng.choice([b for b in AR_BRANDS if b != brand])
        yield (
            "near_name",
            "ar",
            family,
            0,
            Side(_ar_name(brand, industry, "arabic", rng), country, place[1]),
            Side(_ar_name(near, industry, "english", rng), country, place[1]),
        )


# --- Russian (Cyrillic) ------------------------------------------------------------------
RU_BRANDS = [
    ("Восток", "Vostok"),
    ("Заря", "Zarya"),
    ("Север", "Sever"),
    ("Рассвет", "Rassvet"),
    ("Спутник", "Sputnik"),
    ("Волга", "Volga"),
    ("Урал", "Ural"),
    ("Сибирь", "Sibir"),
    ("Байкал", "Baikal"),
    ("Звезда", "Zvezda"),
    ("Сокол", "Sokol"),
    ("Берёзка", "Beryozka"),
    ("Прогресс", "Progress"),
    ("Садко", "Sadko"),
    ("Алтай", "Altai"),
    ("Малахит", "Malakhit"),
]
# (Cyrillic, the romanisation registries print, English)
RU_INDUSTRIES = [
    ("Текстиль", "Tekstil", "Textile"),
    ("Швейная фабрика", "Shveinaya Fabrika", "Sewing Factory"),
    ("Трикотаж", "Trikotazh", "Knitwear"),
    ("Обувь", "Obuv", "Footwear"),
    ("Хлопок", "Khlopok", "Cotton"),
    ("Кожа", "Kozha", "Leather"),
    ("Агро", "Agro", "Agro"),
]
RU_PLACES = {
    "RU": [
        ("Москва", "Moscow"),
        ("Иваново", "Ivanovo"),
        ("Казань", "Kazan"),
        ("Новосибирск", "Novosibirsk"),
    ],
    "KZ": [("Алматы", "Almaty"), ("Шымкент", "Shymkent")],
    "KG": [("Бишкек", "Bishkek"), ("Ош", "Osh")],
}


def _ru_name(
    brand: tuple[str, str],
    industry: tuple[str, str, str],
    style: str,
    rng: random.Random,
    *,
    trading: bool = False,
) -> str:
    if style == "cyrillic":
        open_q, close_q = rng.choice([("«", "»"), ('"', '"'), ("", "")])
        head = rng.choice(["ООО", "ООО", "АО"]) if not trading else "ООО"
        trade = " Торговый дом" if trading else ""
        return f"{head} {open_q}{brand[0]}{trade} {industry[0]}{close_q}"
    if style == "translit":
        trade = " Torgovy Dom" if trading else ""
        return f'{rng.choice(["OOO", "LLC"])} "{brand[1]}{trade} {industry[1]}"'
    trade = " Trading House" if trading else ""
    return f"{brand[1]}{trade} {industry[2]} {rng.choice(['LLC', 'Ltd', 'LLC'])}"


def russian(rng: random.Random) -> Iterator[Raw]:
    for brand in RU_BRANDS:
        family = f"ru:{brand[1]}"
        country = rng.choice(sorted(RU_PLACES))
        place = rng.choice(RU_PLACES[country])
        industry = rng.choice(RU_INDUSTRIES)
        for right in rng.sample(["translit", "english", "english"], 3):
            yield (
                "translit_ru",
                "ru",
                family,
                1,
                Side(
                    _ru_name(brand, industry, "cyrillic", rng),
                    country,
                    place[0] if rng.random() < 0.4 else place[1],
                ),
                Side(_ru_name(brand, industry, right, rng), country, place[1]),
            )
        other = rng.choice([i for i in RU_INDUSTRIES if not _same_trade(i[2], industry[2])])
        yield (
            "sibling",
            "ru",
            family,
            0,
            Side(_ru_name(brand, industry, "cyrillic", rng), country, place[1]),
            Side(_ru_name(brand, other, "english", rng), country, place[1]),
        )
        yield (
            "trading_arm",
            "ru",
            family,
            0,
            Side(_ru_name(brand, industry, "cyrillic", rng), country, place[1]),
            Side(_ru_name(brand, industry, "english", rng, trading=True), country, place[1]),
        )
        far = rng.choice([p for p in RU_PLACES[country] if p != place])
        yield (
            "other_city",
            "ru",
            family,
            0,
            Side(_ru_name(brand, industry, "cyrillic", rng), country, place[1]),
            Side(_ru_name(brand, industry, "english", rng), country, far[1]),
        )


# --- Uzbek (Cyrillic, Latin, English) ----------------------------------------------------
# (Uzbek Cyrillic, Uzbek Latin, English spelling)
UZ_BRANDS = [
    ("Пахтакор", "Paxtakor", "Pakhtakor"),
    ("Бунёдкор", "Bunyodkor", "Bunyodkor"),
    ("Навруз", "Navroʻz", "Navruz"),
    ("Самарқанд", "Samarqand", "Samarkand"),
    ("Бухоро", "Buxoro", "Bukhara"),
    ("Фарғона", "Fargʻona", "Fergana"),
    ("Андижон", "Andijon", "Andijan"),
    ("Хоразм", "Xorazm", "Khorezm"),
    ("Юлдуз", "Yulduz", "Yulduz"),
    ("Гулистон", "Guliston", "Gulistan"),
    ("Шарқ", "Sharq", "Sharq"),
    ("Ҳамкор", "Hamkor", "Hamkor"),
    ("Зарафшон", "Zarafshon", "Zarafshan"),
    ("Қўқон", "Qoʻqon", "Kokand"),
    ("Олтин Водий", "Oltin Vodiy", "Oltin Vodiy"),
    ("Чирчиқ", "Chirchiq", "Chirchik"),
]
UZ_INDUSTRIES = [
    ("Тўқимачилик", "Toʻqimachilik", "Textile"),
    ("Пахта тозалаш", "Paxta tozalash", "Cotton Ginning"),
    ("Тикувчилик", "Tikuvchilik", "Garment"),
    ("Текстил", "Tekstil", "Textile"),
    ("Калава", "Kalava", "Yarn"),
    ("Пахта", "Paxta", "Cotton"),
]
# (Uzbek Cyrillic, Uzbek Latin, English)
UZ_CITIES = [
    ("Тошкент", "Toshkent", "Tashkent"),
    ("Фарғона", "Fargʻona", "Fergana"),
    ("Бухоро", "Buxoro", "Bukhara"),
    ("Наманган", "Namangan", "Namangan"),
    ("Андижон", "Andijon", "Andijan"),
    ("Самарқанд", "Samarqand", "Samarkand"),
]


def _uz_name(
    brand: tuple[str, str, str],
    industry: tuple[str, str, str],
    style: str,
    rng: random.Random,
    *,
    trading: bool = False,
) -> str:
    k = {"cyrillic": 0, "latin": 1, "english": 2}[style]
    if style == "english":
        trade = " Trading" if trading else ""
        return f"{brand[2]} {industry[2]}{trade} {rng.choice(['LLC', 'LLC', 'JV LLC'])}"
    trade = (" Савдо" if k == 0 else " Savdo") if trading else ""
    latin = brand[1] if rng.random() < 0.7 else brand[1].replace("ʻ", "'")
    name = brand[0] if k == 0 else latin
    legal = "МЧЖ" if k == 0 else rng.choice(["MChJ", "MCHJ", "mas'uliyati cheklangan jamiyati"])
    return f'"{name} {industry[k]}{trade}" {legal}'


def uzbek(rng: random.Random) -> Iterator[Raw]:
    pairs = [("cyrillic", "latin"), ("latin", "english"), ("cyrillic", "english")]
    for brand in UZ_BRANDS:
        family = f"uz:{brand[1]}"
        city = rng.choice(UZ_CITIES)
        industry = rng.choice(UZ_INDUSTRIES)
        for left, right in pairs:
            cities = {"cyrillic": city[1], "latin": city[1], "english": city[2]}
            yield (
                "translit_uz",
                "uz",
                family,
                1,
                Side(_uz_name(brand, industry, left, rng), "UZ", cities[left]),
                Side(_uz_name(brand, industry, right, rng), "UZ", cities[right]),
            )
        other = rng.choice([i for i in UZ_INDUSTRIES if not _same_trade(i[2], industry[2])])
        yield (
            "sibling",
            "uz",
            family,
            0,
            Side(_uz_name(brand, industry, "latin", rng), "UZ", city[1]),
            Side(_uz_name(brand, other, "english", rng), "UZ", city[2]),
        )
        yield (
            "trading_arm",
            "uz",
            family,
            0,
            Side(_uz_name(brand, industry, "cyrillic", rng), "UZ", city[1]),
            Side(_uz_name(brand, industry, "latin", rng, trading=True), "UZ", city[1]),
        )
        far = rng.choice([c for c in UZ_CITIES if c != city])
        yield (
            "other_city",
            "uz",
            family,
            0,
            Side(_uz_name(brand, industry, "latin", rng), "UZ", city[1]),
            Side(_uz_name(brand, industry, "english", rng), "UZ", far[2]),
        )


# --- Vietnamese --------------------------------------------------------------------------
VI_BRANDS = [
    ("Minh Phú", "Minh Phu"),
    ("Việt Tiến", "Viet Tien"),
    ("Hòa Bình", "Hoa Binh"),
    ("Phú Thịnh", "Phu Thinh"),
    ("Thành Công", "Thanh Cong"),
    ("An Phát", "An Phat"),
    ("Nam Long", "Nam Long"),
    ("Hưng Thịnh", "Hung Thinh"),
    ("Bình Minh", "Binh Minh"),
    ("Đại Dương", "Dai Duong"),
    ("Sao Mai", "Sao Mai"),
    ("Hoàng Gia", "Hoang Gia"),
    ("Phước Thành", "Phuoc Thanh"),
    ("Quang Minh", "Quang Minh"),
    ("Thiên Long", "Thien Long"),
    ("Tân Tiến", "Tan Tien"),
    ("Đông Á", "Dong A"),
    ("Trường Sơn", "Truong Son"),
]
VI_INDUSTRIES = [
    ("Chế biến Thủy sản", "Seafood Processing"),
    ("May mặc", "Garment"),
    ("Dệt may", "Textile Garment"),
    ("Thực phẩm", "Food"),
    ("Chế biến Gỗ", "Wood Processing"),
    ("Giày da", "Leather Footwear"),
    ("Cao su", "Rubber"),
    ("Nông sản", "Agricultural Products"),
    ("Điện tử", "Electronics"),
    ("Bao bì", "Packaging"),
]
VI_CITIES = [
    ("Hồ Chí Minh", "Ho Chi Minh City"),
    ("Cần Thơ", "Can Tho"),
    ("Hải Phòng", "Hai Phong"),
    ("Đà Nẵng", "Da Nang"),
    ("Bình Dương", "Binh Duong"),
    ("Hà Nội", "Hanoi"),
    ("Đồng Nai", "Dong Nai"),
    ("Cà Mau", "Ca Mau"),
]


def _vi_name(
    brand: tuple[str, str],
    industry: tuple[str, str],
    style: str,
    rng: random.Random,
    *,
    jsc: bool = False,
    trading: bool = False,
    number: int | None = None,
    extra_place: str | None = None,
) -> str:
    if style == "vietnamese":
        if number is not None:
            return f"Nhà máy {industry[0]} {brand[0]} số {number}"
        head = "Công ty Cổ phần" if jsc else "Công ty TNHH"
        if rng.random() < 0.2:
            head = head.upper()
        trade = " Thương mại" if trading else ""
        place = f" {extra_place}" if extra_place else ""
        return f"{head}{trade} {industry[0]} {brand[0]}{place}"
    if number is not None:
        return f"{brand[1]} {industry[1]} Factory No. {number}"
    trade = " Trading" if trading else ""
    place = f" {extra_place}" if extra_place else ""
    legal = (
        rng.choice(["Joint Stock Company", "JSC", "Corporation"])
        if jsc
        else rng.choice(["Co., Ltd.", "Company Limited", "Co., Ltd"])
    )
    return f"{brand[1]}{place} {industry[1]}{trade} {legal}"


def vietnamese(rng: random.Random) -> Iterator[Raw]:
    for brand in VI_BRANDS:
        family = f"vi:{brand[1]}"
        city = rng.choice(VI_CITIES)
        industry = rng.choice(VI_INDUSTRIES)
        for _ in range(4):
            jsc = rng.random() < 0.3
            yield (
                "vietnamese",
                "vi",
                family,
                1,
                Side(
                    _vi_name(brand, industry, "vietnamese", rng, jsc=jsc),
                    "VN",
                    city[0] if rng.random() < 0.6 else city[1],
                ),
                Side(
                    _vi_name(brand, industry, "english", rng, jsc=jsc),
                    "VN",
                    city[1] if rng.random() < 0.9 else None,
                ),
            )
        other = rng.choice([i for i in VI_INDUSTRIES if not _same_trade(i[1], industry[1])])
        yield (
            "sibling",
            "vi",
            family,
            0,
            Side(_vi_name(brand, industry, "vietnamese", rng), "VN", city[0]),
            Side(_vi_name(brand, other, "english", rng), "VN", city[1]),
        )
        yield (
            "trading_arm",
            "vi",
            family,
            0,
            Side(_vi_name(brand, industry, "vietnamese", rng), "VN", city[0]),
            Side(_vi_name(brand, industry, "english", rng, trading=True), "VN", city[1]),
        )
        far = rng.choice([c for c in VI_CITIES if c != city])
        yield (
            "same_brand_other_entity",
            "vi",
            family,
            0,
            Side(_vi_name(brand, industry, "vietnamese", rng, jsc=True), "VN", city[0]),
            Side(_vi_name(brand, industry, "english", rng, extra_place=far[1]), "VN", city[1]),
        )
        n, m = rng.sample([1, 2, 3, 4], 2)
        yield (
            "number",
            "vi",
            family,
            0,
            Side(_vi_name(brand, industry, "vietnamese", rng, number=n), "VN", city[0]),
            Side(_vi_name(brand, industry, "english", rng, number=m), "VN", city[1]),
        )


# --- Turkish and its English translation ------------------------------------------------
TR_BRANDS = [
    "Yıldız",
    "Güneş",
    "Özdemir",
    "Kaya",
    "Akın",
    "Ertuğrul",
    "Doğan",
    "Çelik",
    "Aydın",
    "Şahin",
    "Karadeniz",
    "Ege",
    "Anadolu",
    "Marmara",
    "Başak",
    "Koza",
    "Gökçe",
    "Ilgaz",
]
TR_INDUSTRIES = [
    ("Hazır Giyim", "Ready-to-Wear"),
    ("Tekstil", "Textile"),
    ("Örme", "Knitting"),
    ("Deri", "Leather"),
    ("İplik", "Yarn"),
    ("Boya", "Dyeing"),
    ("Konfeksiyon", "Garment"),
    ("Gıda", "Food"),
    ("Ambalaj", "Packaging"),
    ("Dokuma", "Weaving"),
    ("Ayakkabı", "Footwear"),
]
TR_CITIES = [
    ("İstanbul", "Istanbul"),
    ("Bursa", "Bursa"),
    ("Denizli", "Denizli"),
    ("Gaziantep", "Gaziantep"),
    ("İzmir", "Izmir"),
    ("Kahramanmaraş", "Kahramanmaras"),
    ("Uşak", "Usak"),
]


def _ascii_tr(text: str) -> str:
    return text.translate(str.maketrans("ıİşŞğĞüÜöÖçÇ", "iISsgGuUoOcC"))


def _tr_name(
    brand: str,
    industry: tuple[str, str],
    style: str,
    rng: random.Random,
    *,
    foreign_trade: bool = False,
) -> str:
    if style == "turkish":
        if foreign_trade:
            return f"{brand} Dış Ticaret {rng.choice(['A.Ş.', 'Ltd. Şti.'])}"
        filler = rng.choice(["Sanayi ve Ticaret", "San. ve Tic.", "San. Tic.", "Sanayi ve Ticaret"])
        legal = rng.choice(["A.Ş.", "Ltd. Şti.", "Limited Şirketi", "Anonim Şirketi"])
        name = f"{brand} {industry[0]} {filler} {legal}"
        return _ascii_tr(name).upper() if rng.random() < 0.2 else name
    if foreign_trade:
        return f"{_ascii_tr(brand)} Foreign Trade {rng.choice(['Inc.', 'Co. Ltd.'])}"
    filler = rng.choice(
        [
            "Industry and Trade",
            "Industry & Trade",
            "Industry and Trading",
            "Industrial and Commercial",
        ]
    )
    legal = rng.choice(["Inc.", "Co. Ltd.", "Joint Stock Company", "Co."])
    return f"{_ascii_tr(brand)} {industry[1]} {filler} {legal}"


def turkish(rng: random.Random) -> Iterator[Raw]:
    for brand in TR_BRANDS:
        family = f"tr:{_ascii_tr(brand)}"
        city = rng.choice(TR_CITIES)
        industry = rng.choice(TR_INDUSTRIES)
        for _ in range(4):
            yield (
                "turkish_translation",
                "tr",
                family,
                1,
                Side(_tr_name(brand, industry, "turkish", rng), "TR", city[0]),
                Side(_tr_name(brand, industry, "english", rng), "TR", rng.choice(city)),
            )
        other = rng.choice([i for i in TR_INDUSTRIES if not _same_trade(i[1], industry[1])])
        yield (
            "sibling",
            "tr",
            family,
            0,
            Side(_tr_name(brand, industry, "turkish", rng), "TR", city[0]),
            Side(_tr_name(brand, other, "english", rng), "TR", city[1]),
        )
        yield (
            "trading_arm",
            "tr",
            family,
            0,
            Side(_tr_name(brand, industry, "turkish", rng), "TR", city[0]),
            Side(
                _tr_name(
                    brand, industry, rng.choice(["turkish", "english"]), rng, foreign_trade=True
                ),
                "TR",
                city[1],
            ),
        )
        far = rng.choice([c for c in TR_CITIES if c != city])
        yield (
            "other_city",
            "tr",
            family,
            0,
            Side(_tr_name(brand, industry, "turkish", rng), "TR", city[0]),
            Side(_tr_name(brand, industry, "english", rng), "TR", far[1]),
        )


# --- Acronyms ----------------------------------------------------------------------------
# Names whose initials people use: (country, city, words, legal form).
ACRONYM_BASES = [
    ("IN", "Tirupur", "Tirupur Lakshmi Knitting Mills", "Ltd."),
    ("IN", "Ludhiana", "Ludhiana Ganesh Woollen Mills", "Pvt. Ltd."),
    ("IN", "Coimbatore", "Coimbatore Murugan Spinning Mills", "Ltd."),
    ("IN", "Karur", "Karur Balaji Textile Processors", "Pvt. Ltd."),
    ("IN", "Panipat", "Panipat Saravana Handloom Weavers", "Ltd."),
    ("IN", "Erode", "Erode Vinayaka Garment Exports", "Pvt. Ltd."),
    ("IN", "Surat", "Surat Krishna Synthetic Fabrics", "Ltd."),
    ("BD", "Gazipur", "Gazipur Rahman Knit Composite", "Ltd."),
    ("BD", "Narayanganj", "Narayanganj Hossain Dyeing Industries", "Ltd."),
    ("BD", "Chittagong", "Chittagong Karim Denim Mills", "Ltd."),
    ("PK", "Faisalabad", "Faisalabad Iqbal Spinning Mills", "Ltd."),
    ("PK", "Sialkot", "Sialkot Anwar Leather Works", "(Pvt.) Ltd."),
    ("ID", "Jepara", "Koperasi Unit Desa Jepara Makmur", ""),
    ("ID", "Pekanbaru", "Koperasi Petani Sawit Sejahtera", ""),
    ("PE", "Pangoa", "Cooperativa Agraria Cafetalera Pangoa", "Ltda."),
    ("PE", "Jaen", "Cooperativa Agraria Productores Jaen", "Ltda."),
    ("GH", "Kumasi", "Kuapa Kokoo Farmers Union", ""),
    ("CI", "Soubre", "Societe Cooperative Agricole Soubre", ""),
    ("KE", "Kericho", "Kericho Highland Tea Growers", "Ltd."),
    ("MX", "Puebla", "Textiles Industriales Poblanos Unidos", "S.A. de C.V."),
    ("BR", "Franca", "Calcados Franca Reunidos Industria", "Ltda."),
    ("MY", "Klang", "Klang Rubber Glove Manufacturers", "Sdn. Bhd."),
]
OTHER_CITY = {
    "IN": ["Chennai", "Mumbai", "Kanpur"],
    "BD": ["Dhaka", "Savar"],
    "PK": ["Lahore", "Karachi"],
    "ID": ["Bandung", "Semarang"],
    "PE": ["Lima", "Cusco"],
    "GH": ["Accra"],
    "CI": ["Abidjan"],
    "KE": ["Nairobi"],
    "MX": ["Monterrey"],
    "BR": ["Sao Paulo"],
    "MY": ["Ipoh"],
}


def _acronym(words: str, rng: random.Random) -> str:
    letters = [w[0].upper() for w in words.split()]
    style = rng.random()
    if style < 0.6:
        return "".join(letters)
    if style < 0.85:
        return ".".join(letters) + "."
    return " ".join(letters)


def acronyms(rng: random.Random) -> Iterator[Raw]:
    for country, city, words, legal in ACRONYM_BASES:
        family = f"acronym:{words.split()[1]}"
        full = f"{words} {legal}".strip()
        for _ in range(3):
            short = f"{_acronym(words, rng)} {legal}".strip()
            a, b = (full, short) if rng.random() < 0.5 else (short, full)
            yield "acronym", "latin", family, 1, Side(a, country, city), Side(b, country, city)
        far = rng.choice(OTHER_CITY[country])
        yield (
            "other_city",
            "latin",
            family,
            0,
            Side(full, country, city),
            Side(f"{_acronym(words, rng)} {legal}".strip(), country, far),
        )


# --- Abbreviations -----------------------------------------------------------------------
ABBREVIATIONS = {
    "General": ["Gen.", "Genl."],
    "Contracting": ["Contg.", "Cont."],
    "Company": ["Co."],
    "Cooperativa": ["Coop."],
    "Agraria": ["Agr."],
    "Agricola": ["Agr.", "Agric."],
    "Mohammed": ["Mohd.", "Md."],
    "Muhammad": ["Muhd.", "Md."],
    "Abdul": ["Abd."],
    "Trading": ["Trdg.", "Trad."],
    "Brothers": ["Bros."],
    "Manufacturing": ["Mfg.", "Mfrs."],
    "International": ["Intl.", "Int'l"],
    "Industries": ["Inds.", "Ind."],
    "Industrial": ["Ind."],
    "Engineering": ["Engg.", "Eng."],
    "Exports": ["Expts.", "Exp."],
    "Hermanos": ["Hnos."],
    "Compania": ["Cia."],
    "Comercial": ["Com."],
    "Textiles and Clothing": ["T&C"],
    "Garments and Textiles": ["G&T"],
    "Spinning": ["Spg."],
    "Establishment": ["Est."],
    "Corporation": ["Corp."],
    "Products": ["Prods."],
    "Services": ["Svcs."],
}
# (country, city, name with abbreviable words)
ABBREVIATION_BASES = [
    ("AE", "Dubai", "Al Rashid General Contracting Company"),
    ("AE", "Sharjah", "Mohammed Al Futtaim Trading Establishment"),
    ("SA", "Jeddah", "Abdul Latif Jameel Manufacturing Company"),
    ("PE", "Cusco", "Cooperativa Agraria Valle Sagrado"),
    ("CO", "Huila", "Cooperativa Agricola Cafe Huila"),
    ("BD", "Dhaka", "Muhammad Yunus Textiles and Clothing"),
    ("IN", "Kanpur", "Saxena Brothers Manufacturing Company"),
    ("IN", "Mumbai", "Bharat International Exports"),
    ("PK", "Karachi", "Habib Spinning Industries"),
    ("MX", "Leon", "Perez Hermanos Compania Comercial"),
    ("GT", "Guatemala", "Sandoval Garments and Textiles"),
    ("IN", "Pune", "Kirloskar Engineering Industries"),
    ("MY", "Penang", "Lim Brothers International Trading"),
    ("EG", "Cairo", "Mohammed Hassan Industrial Products"),
    ("LK", "Colombo", "Hirdaramani Industries Corporation"),
    ("BR", "Maringa", "Oliveira Industrial Comercial Company"),
    ("KE", "Mombasa", "Abdul Karim General Trading Services"),
    ("TR", "Izmir", "Egemen Textiles and Clothing"),
    ("ID", "Surabaya", "Sentosa Brothers Manufacturing"),
    ("PH", "Cebu", "Villanueva General Trading Corporation"),
]


def _abbreviate(name: str, rng: random.Random) -> str:
    out = name
    done = 0
    for full, shorts in ABBREVIATIONS.items():
        if full in out and (rng.random() < 0.75 or done == 0):
            out = out.replace(full, rng.choice(shorts), 1)
            done += 1
    return out


def abbreviations(rng: random.Random) -> Iterator[Raw]:
    for country, city, name in ABBREVIATION_BASES:
        family = f"abbrev:{name.split()[0]}{name.split()[1]}"
        for _ in range(3):
            short = _abbreviate(name, rng)
            if short == name:
                continue
            yield (
                "abbreviation",
                "latin",
                family,
                1,
                Side(name, country, city),
                Side(short, country, city if rng.random() < 0.85 else None),
            )
        yield (
            "other_country",
            "latin",
            family,
            0,
            Side(name, country, city),
            Side(_abbreviate(name, rng), rng.choice(["US", "GB", "SG", "HK"]), None),
        )


# --- Typos, missing tokens, and the negatives of plain Latin names ------------------------
# (country, cities, distinctive words, industry words, legal form)
LATIN_BASES = [
    ("BD", ["Dhaka", "Gazipur"], "Sonar Bangla", "Knit Fashions", "Ltd."),
    ("BD", ["Savar", "Ashulia"], "Nurul Alam Haque", "Sweaters", "Ltd."),
    ("IN", ["Tiruppur", "Erode"], "Sri Venkateswara", "Cotton Mills", "Pvt. Ltd."),
    ("IN", ["Jaipur", "Sanganer"], "Rajasthan Heritage", "Block Prints", "Pvt. Ltd."),
    ("ID", ["Bandung", "Cimahi"], "Sinar Jaya Abadi", "Textile", "PT"),
    ("ID", ["Semarang", "Ungaran"], "Mitra Busana Sentosa", "Garment", "PT"),
    ("PK", ["Lahore", "Kasur"], "Nishat Chunian", "Spinning", "Ltd."),
    ("PK", ["Sialkot", "Daska"], "Forward Gear", "Sports", "(Pvt.) Ltd."),
    ("KH", ["Phnom Penh", "Kandal"], "Quantum Clothing", "Cambodia", "Co., Ltd."),
    ("MX", ["Puebla", "Tehuacan"], "Confecciones Guadalupe", "Textil", "S.A. de C.V."),
    ("BR", ["Blumenau", "Brusque"], "Malharia Cristina", "Industria Textil", "Ltda."),
    ("MY", ["Ipoh", "Taiping"], "Supermax Glove", "Manufacturing", "Sdn. Bhd."),
    ("LK", ["Colombo", "Kandy"], "Brandix Casualline", "Apparel", "(Pvt) Ltd."),
    ("ET", ["Hawassa", "Adama"], "Ayka Addis", "Textile", "PLC"),
    ("GH", ["Accra", "Tema"], "Akuafo Adamfo", "Cocoa", "Ltd."),
    ("CI", ["Abidjan", "San Pedro"], "Ivoirienne Cacao Negoce", "Export", "SA"),
    ("MM", ["Yangon", "Bago"], "Shwe Pyi Thar", "Garment", "Co., Ltd."),
    ("KH", ["Kampong Speu", "Takeo"], "Hung Wah Cambodia", "Garment", "Co., Ltd."),
    ("MX", ["Monterrey", "Saltillo"], "Aceros Industriales Regiomontanos", "", "S.A. de C.V."),
    ("IN", ["Kanpur", "Unnao"], "Mirza Tanners", "Leather", "Ltd."),
    ("BD", ["Chittagong", "Feni"], "Pacific Jeans Finishing", "", "Ltd."),
    ("ID", ["Pekanbaru", "Dumai"], "Sawit Sumbermas Sarana", "Palm Oil", "Tbk"),
]
NEAR_WORDS = {
    "Sonar": "Sonali",
    "Nurul": "Nasir",
    "Venkateswara": "Vigneshwara",
    "Rajasthan": "Rajdhani",
    "Sinar": "Surya",
    "Mitra": "Mutiara",
    "Nishat": "Nigar",
    "Forward": "Fortune",
    "Quantum": "Quality",
    "Guadalupe": "Guanajuato",
    "Cristina": "Carolina",
    "Supermax": "Superior",
    "Brandix": "Brandon",
    "Ayka": "Almaz",
    "Akuafo": "Akwaaba",
    "Ivoirienne": "Ivoire",
    "Shwe": "Shin",
    "Hung": "Heng",
    "Aceros": "Aluminios",
    "Mirza": "Mehta",
    "Pacific": "Pioneer",
    "Sawit": "Sari",
}


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word[:-1] + word[-1] * 2
    i = rng.randrange(1, len(word) - 2)
    kind = rng.choice(["drop", "swap", "double", "vowel"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    vowels = "aeiou"
    for j in range(i, len(word)):
        if word[j] in vowels:
            return word[:j] + rng.choice([v for v in vowels if v != word[j]]) + word[j + 1 :]
    return word[:i] + word[i + 1 :]


def _latin(distinctive: str, industry: str, legal: str) -> str:
    body = f"{distinctive} {industry}".strip()
    if legal in ("PT",):
        return f"PT {body}"
    return f"{body} {legal}".strip()


def latin(rng: random.Random) -> Iterator[Raw]:
    for country, cities, distinctive, industry, legal in LATIN_BASES:
        family = f"latin:{distinctive.split()[0]}"
        city = cities[0]
        full = _latin(distinctive, industry, legal)
        words = distinctive.split()
        for _ in range(3):
            typo_words = list(words)
            k = max(range(len(words)), key=lambda j: (len(words[j]), rng.random()))
            typo_words[k] = _typo(words[k], rng)
            b = _latin(" ".join(typo_words), industry, legal)
            if rng.random() < 0.3:
                b = b.upper()
            yield (
                "typo",
                "latin",
                family,
                1,
                Side(full, country, city),
                Side(b, country, city if rng.random() < 0.8 else None),
            )
        options = []
        if industry:
            options.append(_latin(distinctive, "", legal))
        if len(words) >= 3:
            options.append(_latin(" ".join(words[:2]), industry, legal))
        options.append(_latin(distinctive, industry, ""))
        for b in options[:2]:
            yield (
                "missing_token",
                "latin",
                family,
                1,
                Side(full, country, city),
                Side(b, country, city),
            )
        yield (
            "other_city",
            "latin",
            family,
            0,
            Side(full, country, city),
            Side(full, country, cities[1]),
        )
        yield (
            "other_country",
            "latin",
            family,
            0,
            Side(full, country, city),
            Side(_latin(distinctive, industry, "Ltd."), rng.choice(["HK", "SG", "AE", "GB"]), None),
        )
        near = [NEAR_WORDS.get(w, w) for w in words]
        yield (
            "near_name",
            "latin",
            family,
            0,
            Side(full, country, city),
            Side(_latin(" ".join(near), industry, legal), country, city),
        )
        n, m = rng.sample([1, 2, 3, 5], 2)
        unit = rng.choice(["Unit", "Factory No.", "Plant"])
        yield (
            "number",
            "latin",
            family,
            0,
            Side(_latin(f"{distinctive} {industry} {unit} {n}".strip(), "", legal), country, city),
            Side(_latin(f"{distinctive} {industry} {unit} {m}".strip(), "", legal), country, city),
        )
        yield (
            "same_brand_other_entity",
            "latin",
            family,
            0,
            Side(full, country, city),
            Side(_latin(f"{distinctive} {cities[1]}", industry, legal), country, city),
        )
        yield (
            "trading_arm",
            "latin",
            family,
            0,
            Side(full, country, city),
            Side(_latin(distinctive, f"{industry} Trading".strip(), legal), country, city),
        )


GENERATORS: tuple[Callable[[random.Random], Iterator[Raw]], ...] = (
    chinese,
    thai,
    arabic,
    russian,
    uzbek,
    vietnamese,
    turkish,
    acronyms,
    abbreviations,
    latin,
)


def build_pairs(seed: int = SEED) -> list[LabelledPair]:
    """Every labelled pair, in a fixed order; the same seed gives the same list."""
    pairs: list[LabelledPair] = []
    for generate in GENERATORS:
        rng = random.Random(f"{seed}:{generate.__name__}")
        for kind, lang, family, label, a, b in generate(rng):
            if rng.random() < 0.5:
                a, b = b, a
            pairs.append(
                LabelledPair(
                    f"p{len(pairs):04d}", kind, lang, family, split_of(family), label, a, b
                )
            )
    return pairs


def write_csv(path: Path, pairs: list[LabelledPair]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for pair in pairs:
            writer.writerow(pair.row())


if __name__ == "__main__":
    out = Path(__file__).resolve().parents[1] / "data" / "matching_pairs_multilingual.csv"
    built = build_pairs()
    write_csv(out, built)
    print(f"wrote {len(built)} pairs to {out}")
