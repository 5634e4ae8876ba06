"""Script-aware romanisation: the right tool per script, before the common ASCII fold.

* Han (simplified and traditional alike): ``pypinyin``, which reads characters in context
  (重庆 is "chongqing", not "zhongqing"). A run of characters becomes syllables, and the
  syllables that spell a generic pinyin word (``vocabulary.PINYIN_WORDS``: youxian gongsi,
  wujin zhipin, fangzhi ...) are split off, so "永康市宏达五金制品有限公司" reads
  "yongkang hongda wujin zhipin youxian gongsi", exactly what a person types in pinyin. The
  place marker 市 (and 省, 县, 区) separates place from brand; 第二 is "no 2"; 厂 is "factory".
* Thai: the words for legal forms and trades are put in English first
  (``vocabulary.THAI_WORDS``), the vowels written before their consonant (เ แ โ ใ ไ) are
  moved after it, as they are spoken, then ``anyascii``.
* Arabic: legal forms and trade words in English first (``vocabulary.ARABIC_WORDS``), the
  article ال and the ligature لل dropped, ة read "a", then ``anyascii``.
* Everything else (Cyrillic, Uzbek Cyrillic, Greek, Vietnamese and Turkish letters ...):
  ``anyascii``.

The result is still mixed case; ``normalise.fold_text`` lower-cases it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from screening.matching.vocabulary import ARABIC_WORDS, PINYIN_WORDS, THAI_WORDS

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_HAN_PLACE_MARKERS = re.compile("([市省县縣区區镇鎮])")
_HAN_ORDINAL = re.compile("第([一二三四五六七八九十]+)")
_HAN_FACTORY = re.compile("[厂廠]")
_HAN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_LONGEST_PINYIN_WORD = 4  # syllables

_THAI_LEADING_VOWELS = "\u0e40\u0e41\u0e42\u0e43\u0e44"
_THAI_LEADING = re.compile(f"([{_THAI_LEADING_VOWELS}])([\u0e01-\u0e2e])")
# Keys in NFKC, as fold_text hands the text over (NFKC splits SARA AM: "ำ" -> "ํา").
_THAI_TABLE = [(unicodedata.normalize("NFKC", w), e) for w, e in THAI_WORDS]
_ARABIC_TABLE = [(unicodedata.normalize("NFKC", w), e) for w, e in ARABIC_WORDS]
_THAI_RE = re.compile(
    "|".join(re.escape(w) for w, _ in sorted(_THAI_TABLE, key=lambda e: -len(e[0])))
)
_THAI_MAP = dict(_THAI_TABLE)

_THAI_FINALS = {
    **dict.fromkeys("ญณนรลฬ", "n"),
    **dict.fromkeys("ดตทธฎฏฐฑฒถศษสจชซฌ", "t"),
    **dict.fromkeys("บปพฟภ", "p"),
    **dict.fromkeys("กขคฆ", "k"),
}
_THAI_SILENT = re.compile("[\u0e01-\u0e2e][\u0e34\u0e38]?\u0e4c")
_THAI_FINAL = re.compile("([" + "".join(_THAI_FINALS) + "])(?![\u0e01-\u0e4e])")
_ARABIC_RE = re.compile(
    "|".join(re.escape(w) for w, _ in sorted(_ARABIC_TABLE, key=lambda e: -len(e[0])))
)
_ARABIC_MAP = dict(_ARABIC_TABLE)
_ARABIC_ARTICLE = re.compile(r"(?<![\u0621-\u064a])(?:لل|ال)(?=[\u0621-\u064a]{2})")


def _han_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _HAN_DIGITS.get(text[1:], 0)
    if "十" in text:
        tens, _, units = text.partition("十")
        return 10 * _HAN_DIGITS.get(tens, 1) + _HAN_DIGITS.get(units, 0)
    return _HAN_DIGITS.get(text, 0)


def _segment(syllables: list[str]) -> list[str]:
    """Generic pinyin words split off; the syllables between them joined into one word."""
    words: list[str] = []
    pending: list[str] = []
    i = 0
    while i < len(syllables):
        for size in range(min(_LONGEST_PINYIN_WORD, len(syllables) - i), 1, -1):
            word = "".join(syllables[i : i + size])
            if word in PINYIN_WORDS:
                if pending:
                    words.append("".join(pending))
                    pending = []
                words.append(word)
                i += size
                break
        else:
            pending.append(syllables[i])
            i += 1
    if pending:
        words.append("".join(pending))
    return words


def _pinyin(chunk: str) -> list[str]:
    # Imported on first use: pypinyin's phrase dictionary takes 0.3 s to load, which every
    # ``flrisk score`` run would pay for names that are mostly not Han.
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(chunk, style=Style.NORMAL)


def _han_run(run: str) -> str:
    run = _HAN_ORDINAL.sub(lambda m: f" no {_han_number(m.group(1))} ", run)
    run = _HAN_FACTORY.sub(" factory ", run)
    parts: list[str] = []
    for piece in _HAN_PLACE_MARKERS.split(run):
        if _HAN_PLACE_MARKERS.fullmatch(piece):
            parts.append("shi")  # read like pinyin "Yongkang Shi": the word before is a place
            continue
        for chunk in re.split(r"([^" + _HAN + "]+)", piece):
            if not chunk:
                continue
            if _HAN_RUN.fullmatch(chunk):
                parts.extend(_segment(_pinyin(chunk)))
            else:
                parts.append(chunk)
    return " " + " ".join(parts) + " "


def _thai_final(match: re.Match[str]) -> str:
    return _THAI_FINALS.get(match.group(1), match.group(1))


def _thai(text: str) -> str:
    text = _THAI_RE.sub(lambda m: _THAI_MAP[m.group(0)], text)
    # A letter under the thanthakhat is silent (สวัสดิ์ "sawat").
    text = _THAI_SILENT.sub("", text)
    text = _THAI_LEADING.sub(r"\2\1", text)
    # A consonant that ends a word is spoken as one of six finals (เจริญ "charoen").
    return _THAI_FINAL.sub(_thai_final, text)


def _arabic(text: str) -> str:
    text = _ARABIC_RE.sub(lambda m: _ARABIC_MAP[m.group(0)], text)
    text = _ARABIC_ARTICLE.sub("", text)
    return text.replace("ة", "a").replace("ى", "a")


def script_of(text: str) -> str:
    """ "han" when the text has Chinese characters, "other" for any other non-Latin letters
    (their romanisation is loose), "latin" otherwise."""
    if text.isascii():
        return "latin"
    if _HAN_RUN.search(text):
        return "han"
    for char in text:
        if (
            char.isalpha()
            and not char.isascii()
            and not unicodedata.name(char, "").startswith(("LATIN", "MODIFIER"))
        ):
            return "other"
    return "latin"


@lru_cache(maxsize=65_536)
def romanise(text: str) -> str:
    """Any script to ASCII letters (case kept), each script by its own rules."""
    if text.isascii():
        return text
    if _HAN_RUN.search(text):
        text = _HAN_RUN.sub(lambda m: _han_run(m.group(0)), text)
    if any("\u0e00" <= ch <= "\u0e7f" for ch in text):
        text = _thai(text)
    if any("\u0600" <= ch <= "\u06ff" for ch in text):
        text = _arabic(text)
    return anyascii(text)
