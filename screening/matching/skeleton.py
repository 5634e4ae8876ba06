"""Consonant skeletons: how a romanised word compares across transliteration systems.

Two romanisations of one word differ in their vowels and in how they spell a sound:
"Paxtakor" / "Pakhtakor" (Uzbek x = kh), "Samarqand" / "Samarkand", النور read "nwr" and
written "Noor", สยาม read "syam" and written "Siam". The skeleton folds the spellings of a
sound to one letter (kh, x, q, c, ck, g -> k (Thai ก is either); ph -> p; th -> t; sh -> s; a final l or r -> n), drops the
vowels, w, y and h (Arabic و and ي are vowels as often as not), and collapses doubled letters, so those pairs meet ("pktkn", "smrknd",
"nn", "sm"). It is deliberately loose: a skeleton match is evidence for a person to weigh,
never enough for an automatic merge (see ``compare.name_similarity``).
"""

from __future__ import annotations

import re
from functools import lru_cache

_DIGRAPHS = (
    ("sch", "s"),
    ("tch", "ç"),
    ("ch", "ç"),
    ("kh", "k"),
    ("gh", "g"),
    ("ph", "p"),  # aspirated p in Thai and Indic romanisations
    ("th", "t"),
    ("dh", "d"),
    ("sh", "s"),
    ("zh", "j"),
    ("ts", "s"),
    ("ck", "k"),
    ("dj", "j"),
)
_LETTERS = str.maketrans({"x": "k", "q": "k", "c": "k", "g": "k", "ç": "c"})
_DROP = re.compile(r"[aeiouywh'`\W\d_]+")
_DOUBLES = re.compile(r"(.)\1+")
_SOFT_C = re.compile(r"c(?=[eiy])")  # "pacific" -> "pasifik"
_FINAL_LIQUID = re.compile(r"[lr]$")


@lru_cache(maxsize=131_072)
def skeleton(word: str) -> str:
    """The consonant skeleton of a folded word: "pakhtakor" -> "pktkn"."""
    text = _SOFT_C.sub("s", word.lower())
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    text = _DROP.sub("", text.translate(_LETTERS))
    # A word-final l, r or n is one sound in Thai (มงคล "Mongkol" / "mongkhon").
    return _FINAL_LIQUID.sub("n", _DOUBLES.sub(r"\1", text))
