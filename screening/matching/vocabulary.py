"""Word lists the normaliser and comparer use. Policy lives here, code in ``normalise``.

All entries are in folded form (ASCII, lower case) because they are looked up after
``fold_text``.
"""

from __future__ import annotations

# "&", "and" and their translations carry no identity: "A & B", "A and B", "A und B",
# "A y B" and "A ve B" are the same name.
CONNECTORS: frozenset[str] = frozenset(
    {"and", "et", "y", "e", "und", "en", "dan", "ve", "va", "och", "og", "i", "n"}
)

# Articles and prepositions that come and go between renderings of a name
# ("Textiles de Mexico" / "Textiles Mexico"); dropped on both sides.
STOPWORDS: frozenset[str] = frozenset(
    {
        "the", "of", "a", "an", "de", "del", "la", "el", "los", "las", "da", "do", "dos",
        "das", "di", "du", "des", "le", "les", "der", "die", "den", "von", "van", "al",
        # number markers: "Factory No. 2" is "Factory 2"
        "no", "nr", "nro", "num", "number", "numero", "so",
    }
)

# Abbreviations and translations folded to one English word so "Intl", "Tekstil" and
# "Textil" agree with "International" and "Textile". Values are singular because plurals
# are stemmed after this map.
SYNONYMS: dict[str, str] = {
    # abbreviations seen in supplier masters
    "intl": "international", "int": "international", "internat": "international",
    "mfg": "manufacturing", "mfr": "manufacturing", "mfrs": "manufacturing",
    "manufacturer": "manufacturing", "manufacturers": "manufacturing",
    "manufacture": "manufacturing", "mfy": "manufactory",
    "ind": "industry", "inds": "industry", "indus": "industry", "industrie": "industry",
    "industries": "industry", "industrial": "industry", "industria": "industry",
    "industrias": "industry", "industri": "industry",
    "sanayi": "industry", "san": "industry", "sanayii": "industry",
    "tex": "textile", "txt": "textile", "textil": "textile", "textiles": "textile",
    "tekstil": "textile", "textilien": "textile", "det": "textile",
    "gmt": "garment", "gmts": "garment", "garmen": "garment", "confecciones": "garment",
    "confeccoes": "garment", "may": "garment", "konfeksiyon": "garment",
    "bekleidung": "garment", "apparels": "apparel",
    "trdg": "trade", "trading": "trade", "tic": "trade", "ticaret": "trade",
    "comercio": "trade", "comercial": "trade", "comercializadora": "trade",
    "dagang": "trade", "perdagangan": "trade", "handel": "trade", "thuong": "trade",
    "mai": "trade",
    "exp": "export", "exports": "export", "exporter": "export", "exporters": "export",
    "imp": "import", "imports": "import", "importer": "import",
    "exim": "exim", "expimp": "exim",
    "ent": "enterprise", "entp": "enterprise", "enterprises": "enterprise",
    "empresa": "enterprise", "empresas": "enterprise",
    "bros": "brother", "brothers": "brother", "hermanos": "brother", "hnos": "brother",
    "grp": "group", "grupo": "group", "gruppe": "group", "groupe": "group", "tap": "group",
    "doan": "group", "jituan": "group", "grubu": "group",
    "tech": "technology", "technologies": "technology", "tecnologia": "technology",
    "teknoloji": "technology", "teknologi": "technology",
    "elec": "electronic", "electronics": "electronic", "elektronik": "electronic",
    "electronica": "electronic",
    "eng": "engineering", "engg": "engineering",
    "svc": "service", "svcs": "service", "services": "service", "servicios": "service",
    "dev": "development", "devt": "development",
    "natl": "national", "nat": "national", "nacional": "national",
    "mfd": "manufactured",
    "pkg": "packaging", "pack": "packaging",
    "agri": "agriculture", "agro": "agriculture", "agricultural": "agriculture",
    "pertanian": "agriculture", "nong": "agriculture",
    "fty": "factory", "fabrica": "factory", "fabrika": "factory", "pabrik": "factory",
    "xuong": "factory", "nha": "factory", "werk": "factory", "usine": "factory",
    "knitting": "knit", "knitwear": "knit", "knits": "knit", "tejidos": "knit",
    "orme": "knit",
    "spinning": "spinning", "fiacao": "spinning", "hilados": "spinning", "iplik": "spinning",
    "calzado": "footwear", "calcados": "footwear", "shoes": "footwear", "shoe": "footwear",
    "ayakkabi": "footwear", "sepatu": "footwear",
    "hldg": "holding", "hldgs": "holding", "holdings": "holding",
    "assn": "association", "assoc": "association",
    "ctr": "center", "centre": "center", "centro": "center",
    "mtrs": "motor", "mtr": "motor",
    "chem": "chemical", "chemicals": "chemical", "quimica": "chemical", "kimya": "chemical",
    "pharma": "pharmaceutical", "pharmaceuticals": "pharmaceutical",
    "prod": "product", "prods": "product", "products": "product", "productos": "product",
    "produtos": "product", "urunleri": "product",
    "mills": "mill", "mil": "mill",
    "fashions": "fashion", "moda": "fashion", "mode": "fashion",
    # Indian honorifics written several ways ("Shree", "Shri", "Sri", "Sree")
    "shri": "shree", "sri": "shree", "sree": "shree", "shree": "shree",
}

# Words after which "I", "V" and "X" are plant numbers, not initials ("Plant I", "Unit V").
NUMBER_CONTEXT: frozenset[str] = frozenset(
    {"plant", "unit", "factory", "fty", "no", "nr", "phase", "line", "block", "building",
     "mill", "mills", "planta", "fabrica", "werk", "site", "division", "branch", "section"}
)

# Words that describe what a firm does or where it is rather than who it is. They count
# for less in name similarity so "Golden Textile" and "Golden Garment" are not carried
# by their shared industry word, and "Sunrise Textile" versus "Sunrise Knit" is decided
# mostly by "sunrise". Weight: thresholds.GENERIC_TOKEN_WEIGHT.
GENERIC_TOKENS: frozenset[str] = frozenset(
    {
        "textile", "garment", "apparel", "fashion", "clothing", "wear", "knit", "weaving",
        "spinning", "dyeing", "printing", "mill", "factory", "manufactory", "industry",
        "manufacturing", "trade", "import", "export", "exim", "international", "global",
        "group", "holding", "enterprise", "service", "product", "development",
        "technology", "electronic", "footwear", "leather", "plastic", "rubber", "food",
        "seafood", "fishery", "agriculture", "chemical", "metal", "steel", "packaging",
        "accessory", "accessorie", "branch", "unit", "plant", "work", "firm", "sewing",
        "embroidery", "washing", "cotton", "yarn", "fabric", "denim", "sportswear",
        "toy", "furniture", "wood", "paper", "pulp", "palm", "oil", "sugar", "cocoa",
        "coffee", "tea", "fish", "shrimp", "processing", "production", "supply",
        "supplier", "sourcing", "logistic", "general", "national", "center", "overseas",
        "worldwide", "engineering", "association", "society", "limited",
        "manufactured", "pharmaceutical", "motor", "solution", "system",
        "material", "design", "creation", "home",
    }
)

# Roman numerals people use for plant or unit numbers ("Plant II"); "i", "v" and "x" are
# left alone because they are also initials.
ROMAN_NUMERALS: dict[str, str] = {
    "ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9",
    "xi": "11", "xii": "12", "xiii": "13", "xiv": "14", "xv": "15",
}

# Suffixes of ordinals that the digit splitter leaves behind ("2nd" -> "2", "nd").
ORDINAL_SUFFIXES: frozenset[str] = frozenset({"st", "nd", "rd", "th"})

# Chinese words mapped before transliteration, longest first, so that 有限公司 reaches the
# legal-form table as "co ltd" and 纺织 agrees with "Textile" in a romanised rendering.
CJK_WORDS: tuple[tuple[str, str], ...] = (
    ("股份有限公司", " co ltd "),
    ("有限责任公司", " co ltd "),
    ("有限公司", " co ltd "),
    ("有限會社", " co ltd "),
    ("株式会社", " co ltd "),
    ("分公司", " branch "),
    ("公司", " co "),
    ("集团", " group "),
    ("集團", " group "),
    ("纺织", " textile "),
    ("紡織", " textile "),
    ("服装", " garment "),
    ("服饰", " garment "),
    ("制衣", " garment "),
    ("针织", " knit "),
    ("實業", " industry "),
    ("实业", " industry "),
    ("工业", " industry "),
    ("贸易", " trade "),
    ("电子", " electronic "),
    ("科技", " technology "),
    ("鞋业", " footwear "),
    ("工厂", " factory "),
    ("厂", " factory "),
    ("市", " "),  # "Shenzhen Shi": the city marker is not part of the name
    ("省", " "),
)

# Cities under their old and new or local and English names; both sides map to the
# first spelling (compared without spaces, so "Ho Chi Minh" = "Hochiminh").
CITY_ALIASES: dict[str, str] = {
    "chattogram": "chittagong", "gurugram": "gurgaon", "bombay": "mumbai",
    "bengaluru": "bangalore", "madras": "chennai", "calcutta": "kolkata",
    "saigon": "ho chi minh", "hcmc": "ho chi minh", "hcm": "ho chi minh",
    "sai gon": "ho chi minh", "rangoon": "yangon", "peking": "beijing",
    "canton": "guangzhou", "dacca": "dhaka", "tirupur": "tiruppur", "baroda": "vadodara",
    "poona": "pune", "ciudad de mexico": "mexico", "cdmx": "mexico", "mexico df": "mexico",
    "munchen": "munich", "koln": "cologne", "nurnberg": "nuremberg",
    "krung thep": "bangkok", "ha noi": "hanoi", "da nang": "danang",
    "hai phong": "haiphong", "jogja": "yogyakarta", "jogjakarta": "yogyakarta",
    "sao paulo": "sao paulo", "constantinople": "istanbul",
}
