"""Reading screening-list files as their publishers write them.

* **CBP Withhold Release Orders and Findings** (CSV from cbp.gov): columns ``Entity, Country,
  Country Code, Industry, Status, WRO/Finding, Effective Date, Remarks, Press Release,
  Calendar Year``. Only ``Active`` and ``Partially Active`` orders are in force (as
  OpenSanctions' ``us_cbp_forced_labor`` crawler reads it); inactive ones are kept, not in
  force. ``a/k/a`` names in the Entity cell become aliases.
* **OpenSanctions FollowTheMoney entities** (``entities.ftm.json``: one JSON entity per line),
  e.g. ``us_dhs_uflpa`` and ``us_cbp_forced_labor``: ``Company`` / ``Organization`` /
  ``LegalEntity`` / ``Vessel`` with ``name``, ``alias``, ``country``; ``Sanction`` with
  ``entity``, ``program``, ``startDate``; ``Ownership`` (``owner`` -> ``asset``) and
  ``UnknownLink`` (``subject`` -> ``object``, how the UFLPA crawler links an Organization's
  subsidiaries). An entity is in force when it has the ``sanction`` topic or a Sanction.

Plain ``json`` per line rather than the ``followthemoney`` library: see
``docs/decisions/lists-screening.md``. Bytes in, a ``ScreeningList`` or a ``ListFileError``
naming the line out; nothing here touches a database.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import pycountry

from risk_data.screening_lists import KNOWN_DATASETS, ListEntity, ListFormat, ScreeningList

CBP_COLUMNS = (
    "Entity",
    "Country",
    "Country Code",
    "Industry",
    "Status",
    "WRO/Finding",
    "Effective Date",
    "Remarks",
    "Press Release",
    "Calendar Year",
)
CBP_IN_FORCE = frozenset({"active", "partially active"})
PARTY_SCHEMAS = frozenset({"Company", "Organization", "LegalEntity", "Vessel", "PublicBody"})
MAX_LIST_BYTES = (
    512 * 1024**2
)  # OpenSanctions' full default collection is far larger; these are not
_AKA = re.compile(r",?\s*a/k/a\s+", re.IGNORECASE)
_SUBSIDIARIES = re.compile(
    r",?\s+and\s+(its\s+|their\s+)?(subsidiaries|subordinates)(\s+and\s+joint\s+ventures)?\.?$",
    re.IGNORECASE,
)


class ListFileError(ValueError):
    """A list file that cannot be read; ``line`` is 1-based where there is one."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line


def read_list(
    content: bytes,
    *,
    filename: str,
    dataset: str | None = None,
    published: date | None = None,
    today: date | None = None,
) -> ScreeningList:
    """A list version from a file's bytes; the format is told by content (a JSON object on the
    first line is FtM, a header with the CBP columns is CBP's CSV)."""
    if len(content) > MAX_LIST_BYTES:
        raise ListFileError(f"file is larger than {MAX_LIST_BYTES // 1024**2} MiB")
    sha256 = hashlib.sha256(content).hexdigest()
    text = _decode(content)
    head = text.lstrip()[:1]
    list_format: ListFormat = "ftm" if head == "{" else "cbp_csv"
    if list_format == "ftm":
        entities, found_dataset = _read_ftm(text)
    else:
        entities = _read_cbp(text)
        found_dataset = "us_cbp_forced_labor"
    name = dataset or found_dataset
    if not name:
        raise ListFileError("no dataset named in the file: give one (--dataset)")
    title, publisher = KNOWN_DATASETS.get(name, (name, ""))
    when = published or _newest(entities) or today or date.today()
    return ScreeningList(
        dataset=name,
        title=title,
        publisher=publisher,
        format=list_format,
        source=filename,
        published=when,
        sha256=sha256,
        entities=tuple(sorted(entities, key=lambda e: e.entity_id)),
    )


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _newest(entities: Iterable[ListEntity]) -> date | None:
    dates = [e.start_date for e in entities if e.start_date is not None]
    return max(dates) if dates else None


def _country(text: str | None) -> str | None:
    value = (text or "").strip()
    if not value:
        return None
    if len(value) == 2 and pycountry.countries.get(alpha_2=value.upper()) is not None:
        return value.upper()
    try:
        return str(pycountry.countries.lookup(value).alpha_2)
    except LookupError:
        return None  # "Fishing Vessels" is CBP's country for vessels on the high seas


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.casefold()))[:120]


# --- CBP CSV --------------------------------------------------------------------------


def _cbp_date(text: str, line: int) -> date | None:
    value = text.strip()
    if not value:
        return None
    for pattern in ("%m/%d/%Y", "%Y-%m-%d", "%m/%d/%y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ListFileError(f"Effective Date {value!r} is not MM/DD/YYYY", line=line)


def _read_cbp(text: str) -> list[ListEntity]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or ()]
    missing = [c for c in ("Entity", "Country", "Status", "WRO/Finding") if c not in header]
    if missing:
        raise ListFileError(
            f"not a CBP WRO/Findings CSV: missing column(s) {', '.join(missing)} "
            f"(expected {', '.join(CBP_COLUMNS)})",
            line=1,
        )
    entities: dict[str, ListEntity] = {}
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        cell = row.get("Entity", "")
        if not cell:
            continue
        names = [n.strip(" ;,") for n in _AKA.split(cell) if n.strip(" ;,")]
        notes = []
        main = names[0]
        trailing = _SUBSIDIARIES.search(main)
        if trailing:
            notes.append(trailing.group(0).strip(" ,."))
            main = main[: trailing.start()].strip(" ,")
        country = _country(row.get("Country Code")) or _country(row.get("Country"))
        order = row.get("WRO/Finding", "")
        industry = row.get("Industry", "")
        status = row.get("Status", "")
        entity_id = f"cbp-{_slug(main)}-{(country or 'xx').lower()}"
        remarks = row.get("Remarks", "")
        entity = ListEntity(
            entity_id=entity_id,
            schema="LegalEntity",
            name=main,
            aliases=tuple(dict.fromkeys(names[1:])),
            country=country,
            program=f"CBP {order or 'order'}" + (f" - {industry}" if industry else ""),
            start_date=_cbp_date(row.get("Effective Date", ""), number),
            in_force=status.casefold() in CBP_IN_FORCE,
            order=order,
            sector=industry,
            notes="; ".join(x for x in (*notes, f"status: {status}", remarks) if x),
            source_url=row.get("Press Release", ""),
        )
        previous = entities.get(entity_id)
        # One entity may carry a WRO and, later, a Finding: the one in force and newest wins.
        if previous is None or (entity.in_force, entity.start_date or date.min) >= (
            previous.in_force,
            previous.start_date or date.min,
        ):
            entities[entity_id] = entity
    return list(entities.values())


# --- FollowTheMoney -------------------------------------------------------------------


def _values(props: dict[str, Any], name: str) -> list[str]:
    found = props.get(name) or []
    if isinstance(found, str):
        return [found]
    return [str(v) for v in found if v not in (None, "")]


def _ftm_date(values: list[str]) -> date | None:
    parsed = []
    for value in values:
        try:
            # FtM dates are prefixes of ISO 8601 ("2022", "2022-06", "2022-06-21").
            parts = [*value[:10].split("-"), "01", "01"][:3]
            parsed.append(date(int(parts[0]), int(parts[1]), int(parts[2])))
        except ValueError:
            continue
    return min(parsed) if parsed else None


def _read_ftm(text: str) -> tuple[list[ListEntity], str | None]:
    parties: dict[str, dict[str, Any]] = {}
    sanctions: dict[str, list[dict[str, Any]]] = {}
    owners: dict[str, list[str]] = {}
    datasets: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ListFileError(f"not a JSON entity ({exc.msg})", line=number) from exc
        if not isinstance(item, dict) or "schema" not in item or "id" not in item:
            raise ListFileError("an FtM entity needs 'id' and 'schema'", line=number)
        props = item.get("properties") or {}
        if not isinstance(props, dict):
            raise ListFileError("'properties' must be an object", line=number)
        schema = str(item["schema"])
        for name in item.get("datasets") or ():
            datasets[str(name)] = datasets.get(str(name), 0) + 1
        if schema in PARTY_SCHEMAS:
            if not _values(props, "name"):
                raise ListFileError(f"{schema} {item['id']} has no name", line=number)
            parties[str(item["id"])] = item
        elif schema == "Sanction":
            for target in _values(props, "entity"):
                sanctions.setdefault(target, []).append(props)
        elif schema in ("Ownership", "UnknownLink"):
            owner_key, asset_key = (
                ("owner", "asset") if schema == "Ownership" else ("subject", "object")
            )
            for owner in _values(props, owner_key):
                for asset in _values(props, asset_key):
                    owners.setdefault(asset, []).append(owner)
    entities: list[ListEntity] = []
    for entity_id, item in parties.items():
        props = item.get("properties") or {}
        names = _values(props, "name")
        own = sanctions.get(entity_id, [])
        programs = sorted({p for s in own for p in _values(s, "program")})
        countries = [c for c in (_country(v) for v in _values(props, "country")) if c]
        entities.append(
            ListEntity(
                entity_id=entity_id,
                schema=str(item["schema"]),
                name=names[0],
                aliases=tuple(dict.fromkeys(n for n in [*names[1:], *_values(props, "alias")])),
                country=countries[0] if countries else None,
                program="; ".join(programs),
                start_date=_ftm_date([d for s in own for d in _values(s, "startDate")]),
                in_force="sanction" in _values(props, "topics") or bool(own),
                owners=tuple(o for o in dict.fromkeys(owners.get(entity_id, [])) if o in parties),
                sector="; ".join(_values(props, "sector")),
                notes="; ".join(_values(props, "notes")),
                source_url=(_values(props, "sourceUrl") or [""])[0],
            )
        )
    dataset = max(datasets, key=lambda k: (datasets[k], k)) if datasets else None
    return entities, dataset
