"""Citations a person can read: "Trafficking in Persons Report, June 2023 (United States
Department of State, 2023), lines 886-905", not ``004_9fbd24e16dca7199.txt L886-L905``.

The engine cites its sources compactly in each factor's ``source``: parts separated by ``;``,
each naming a source by its manifest id (``us_tip_2023 L446``), by its file
(``004_9fbd24e16dca7199.txt L351, L630``) or by a description around the file
(``ILAB countries.xml <Advancement_Level>``), followed by line numbers or an XML path and,
sometimes, a note in brackets. ``readable_citations`` turns such a string into labels, one per
source in the order first cited; what names no source of the version (``SPEC 4.4``, a policy
constant) is kept as written, so nothing cited is ever dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from risk_data.types import Source

_LINE = re.compile(r"L(\d+)(?:\s*-\s*L?(\d+))?")
_NOTE = re.compile(r"\(([^()]*)\)\s*$")
_XML_ENTRY = re.compile(r'^\w+\[\w+="([^"]+)"\](?:/(\w+))?$')
_XML_FIELD = re.compile(r"^<(\w+)>$")
# Cited by path inside the project rather than a published source.
_PROJECT_REFERENCES = {
    "SPEC": "Product specification, section",
    "screening/policy.py": "Scoring policy constant",
}


@dataclass(frozen=True)
class ReadableCitation:
    title: str
    publisher: str = ""
    year: int | None = None
    url: str = ""
    places: tuple[str, ...] = field(default_factory=tuple)  # "lines 886-905", 'entry "Gold"'
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        """One line: title (publisher, year), places; notes."""
        by = ", ".join(p for p in (self.publisher, str(self.year) if self.year else "") if p)
        text = f"{self.title} ({by})" if by else self.title
        if self.places:
            text += ", " + "; ".join(self.places)
        if self.notes:
            text += " — " + "; ".join(self.notes)
        return text


def _keys(sources: Iterable[Source]) -> dict[str, Source]:
    keys: dict[str, Source] = {}
    for source in sources:
        keys[source.id] = source
        if source.file:
            keys[PurePosixPath(source.file).name] = source
    return keys


def _line_spans(locator: str) -> list[str]:
    """``L351, L630`` -> ``["351", "630"]``; ``L886-L905`` -> ``["886-905"]``; [] when the
    locator is not only line numbers."""
    found = _LINE.findall(locator)
    if not found or _LINE.sub("", locator).strip(" ,") != "":
        return []
    return [f"{a}-{b}" if b else a for a, b in found]


def _lines(spans: list[str]) -> str:
    spans = sorted(spans, key=lambda span: int(span.split("-")[0]))
    single = len(spans) == 1 and "-" not in spans[0]
    return ("line " if single else "lines ") + ", ".join(spans)


def _place(locator: str) -> str:
    entry = _XML_ENTRY.match(locator)
    if entry:
        name, child = entry.groups()
        return f'entry "{name}"' + (f", field {child}" if child else "")
    xml_field = _XML_FIELD.match(locator)
    if xml_field:
        return f"field {xml_field.group(1)}"
    return locator


def _cited_source(part: str, keys: dict[str, Source]) -> tuple[Source, str] | None:
    """The source a part names and what follows the name (its locator)."""
    for word in re.split(r"[\s(]+", part):
        source = keys.get(word.strip("()<>"))
        if source is not None:
            after = part.split(word, 1)[1]
            return source, after.strip()
    return None


def _project_reference(part: str) -> ReadableCitation:
    for prefix, title in _PROJECT_REFERENCES.items():
        if part.startswith(prefix):
            rest = part[len(prefix) :].strip()
            return ReadableCitation(title=f"{title} {rest}".strip())
    return ReadableCitation(title=part)


def readable_citations(text: str, sources: Iterable[Source]) -> list[ReadableCitation]:
    """The engine's compact ``source`` string as labels, one per cited source."""
    keys = _keys(sources)
    found: dict[str, tuple[Source, list[str], list[str], list[str]]] = {}
    order: list[str | ReadableCitation] = []
    for raw in text.split(";"):
        part = raw.strip()
        if not part:
            continue
        cited = _cited_source(part, keys)
        if cited is None:
            order.append(_project_reference(part))
            continue
        source, locator = cited
        note = _NOTE.search(locator)
        # "(goods.xml <Child_Labor>)" wraps the locator; "(TIP 2023 tier guide)" follows it.
        if note and not locator[: note.start()].strip():
            locator, note_text = note.group(1), ""
        else:
            note_text = note.group(1) if note else ""
            locator = locator[: note.start()] if note else locator
        if source.id not in found:
            found[source.id] = (source, [], [], [])
            order.append(source.id)
        _, spans, places, notes = found[source.id]
        locator = locator.strip().strip("()").strip()
        line_spans = _line_spans(locator)
        spans.extend(s for s in line_spans if s not in spans)
        place = "" if line_spans or not locator else _place(locator)
        if place and place not in places:
            places.append(place)
        if note_text and note_text not in notes:
            notes.append(note_text)
    out: list[ReadableCitation] = []
    for item in order:
        if isinstance(item, ReadableCitation):
            out.append(item)
            continue
        source, spans, places, notes = found[item]
        if spans:
            places.insert(0, _lines(spans))
        out.append(
            ReadableCitation(
                title=source.title,
                publisher=source.publisher,
                year=source.year,
                url=source.url,
                places=tuple(places),
                notes=tuple(notes),
            )
        )
    return out
