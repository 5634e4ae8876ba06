"""Uploads never lose registry data: stored suppliers change only when a row names them (by
external ref, or the exact registration number in the same country); a look-alike is
proposed to a person; an empty cell never clears a stored value unless mode=replace."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from api.settings import Settings
from models import Supplier
from models.database import Database
from tests.conftest import Tenant, make_tenant
from tests.integration.test_duplicates import pairs
from tests.integration.test_imports import counts, upload

NAMES = [
    ("SUP-001", "Tirupur Lakshmi Knitting Mills Ltd", "India", "Tirupur", "1200"),
    ("SUP-002", "Golden Star Textile Mills", "Bangladesh", "Dhaka", "800"),
    ("SUP-003", "Saigon Shoes Factory No. 2", "Vietnam", "Ho Chi Minh", "2300"),
    ("SUP-004", "Huaqiang Garment Co., Ltd.", "China", "Shenzhen", "640"),
    ("SUP-005", "Phnom Penh Apparel Co., Ltd.", "Cambodia", "Phnom Penh", "1500"),
    ("SUP-006", "Karachi Leather Works", "Pakistan", "Karachi", "300"),
    ("SUP-007", "Dhaka Denim Ltd", "Bangladesh", "Dhaka", "950"),
    ("SUP-008", "Penang Glove Sdn Bhd", "Malaysia", "Penang", "4100"),
]
HEADER = "Supplier ID,Supplier,Country,City,Workers\n"


def registry(database: Database, tenant: Tenant) -> dict[uuid.UUID, dict[str, Any]]:
    with database.session() as session:
        rows = session.scalars(
            select(Supplier).where(Supplier.organisation_id == uuid.UUID(tenant.organisation_id))
        )
        return {
            s.id: {
                "name": s.name,
                "external_ref": s.external_ref,
                "worker_count": s.worker_count,
                "city": s.city,
                "status": s.status,
            }
            for s in rows
        }


def first_upload(client: TestClient, tenant: Tenant) -> None:
    body = HEADER + "".join(f'{r},"{n}",{c},{city},{w}\n' for r, n, c, city, w in NAMES)
    job = upload(client, tenant, body, "first.csv").json()
    assert job["status"] == "completed" and counts(job)["created"] == len(NAMES), job


def test_a_second_upload_without_ids_changes_no_stored_supplier_and_proposes_matches(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    first_upload(client, tenant)
    before = registry(database, tenant)
    # The same suppliers, ids left out, names retyped, worker counts blank.
    retyped = "Supplier,Country,City,Workers\n" + "".join(
        f'"{n.upper().replace(",", "")}",{c},{city},\n' for _, n, c, city, _ in NAMES
    )
    job = upload(client, tenant, retyped, "second.csv").json()
    assert job["status"] == "completed", job
    after = registry(database, tenant)
    assert {k: after[k] for k in before} == before
    c = counts(job)
    assert c["updated"] == 0 and c["merged"] == 0
    assert c["proposed"] == len(NAMES)
    assert sum(c[k] for k in ("created", "updated", "unchanged", "rejected")) == len(NAMES)
    proposed = pairs(client, tenant, status="proposed")
    assert {p["supplier"]["external_ref"] for p in proposed} == {r for r, *_ in NAMES}
    sup8 = client.get(
        "/v1/suppliers", params={"external_ref": "SUP-008"}, headers=tenant.headers()
    ).json()["items"]
    assert sup8[0]["worker_count"] == 4100


def test_an_empty_cell_keeps_the_stored_value_unless_the_client_asks_to_replace(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    first_upload(client, tenant)
    partial = HEADER + '"SUP-008","Penang Glove Sdn Bhd",Malaysia,,\n'
    job = upload(client, tenant, partial, "partial.csv").json()
    assert counts(job)["unchanged"] == 1, job
    stored = next(s for s in registry(database, tenant).values() if s["external_ref"] == "SUP-008")
    assert stored["worker_count"] == 4100 and stored["city"] == "Penang"

    job = upload(client, tenant, partial, "replace.csv", mode="replace").json()
    assert counts(job)["updated"] == 1, job
    stored = next(s for s in registry(database, tenant).values() if s["external_ref"] == "SUP-008")
    assert stored["worker_count"] is None and stored["city"] is None
    assert stored["external_ref"] == "SUP-008"


def test_the_exact_registration_number_in_the_same_country_names_a_supplier(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    body = "Supplier ID,Supplier,Country,Registration number,Workers\n"
    upload(client, tenant, body + "R-1,Penang Glove Sdn Bhd,Malaysia,199701012345,4100\n")
    # No id; the registration number written another way; a new worker count.
    job = upload(
        client, tenant, body + ",Penang Gloves,Malaysia,1997-0101-2345,4300\n", "reg.csv"
    ).json()
    assert counts(job)["updated"] == 1, job
    (stored,) = registry(database, tenant).values()
    assert stored["worker_count"] == 4300 and stored["external_ref"] == "R-1"
    assert stored["name"] == "Penang Gloves"
    # The same number in another country is another company.
    job = upload(
        client, tenant, body + ",Penang Gloves,Thailand,199701012345,10\n", "other.csv"
    ).json()
    assert counts(job)["created"] == 1 and counts(job)["updated"] == 0


_ROW = st.tuples(
    st.sampled_from([None, *[r for r, *_ in NAMES[:4]], "SUP-NEW"]),  # the row's ref
    st.sampled_from([n for _, n, *_ in NAMES[:4]] + ["Tirupur Lakshmi Knitting"]),
    st.sampled_from(["", "10", "999"]),  # workers: empty cells included
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(uploads=st.lists(st.lists(_ROW, min_size=1, max_size=5), min_size=1, max_size=3))
def test_no_sequence_of_uploads_clears_a_ref_or_changes_a_supplier_it_does_not_name(
    client: TestClient,
    database: Database,
    settings: Settings,
    uploads: list[list[tuple[str | None, str, str]]],
) -> None:
    tenant = make_tenant(database, settings, f"Org {uuid.uuid4()}")
    first_upload(client, tenant)
    for n, rows in enumerate(uploads):
        before = registry(database, tenant)
        named = {ref for ref, _, _ in rows if ref}
        seen: set[str] = set()
        lines = []
        for ref, name, workers in rows:
            if ref and ref in seen:
                continue  # one row per ref (a repeat is a row error of its own)
            seen.add(ref or "")
            country, city = next((c, ci) for _, nm, c, ci, _ in NAMES if nm in name or name in nm)
            lines.append(f'{ref or ""},"{name}",{country},{city},{workers}\n')
        job = upload(client, tenant, HEADER + "".join(lines), f"up{n}.csv").json()
        assert job["status"] == "completed", job
        after = registry(database, tenant)
        for sid, old in before.items():
            assert after[sid]["external_ref"] == old["external_ref"]  # never cleared
            if old["external_ref"] not in named:
                assert after[sid] == old  # a supplier no row named is as it was


def test_the_rejected_rows_come_back_as_a_file_to_fix_and_upload_again(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    body = (
        "Supplier ID;Supplier;Country;Workers\n"
        "P-1;Dhaka Denim Ltd;Bangladesh;950\n"
        "P-2;Atlantis Weaving;Atlantis;10\n"
        'P-3;=HYPERLINK("x");Germany;many\n'
    )
    job = upload(client, tenant, body, "partners.csv").json()
    assert counts(job)["created"] == 1 and counts(job)["rejected"] == 2, job
    response = client.get(
        f"/v1/imports/{job['id']}/errors", params={"format": "rows"}, headers=tenant.headers()
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["Supplier ID", "Supplier", "Country", "Workers", "error"]
    assert rows[1][:4] == ["P-2", "Atlantis Weaving", "Atlantis", "10"]
    assert "Country" in rows[1][4]
    assert rows[2][1] == '\'=HYPERLINK("x")'  # formula-safe
    assert "Workers" in rows[2][4] and len(rows) == 3
    # Fixed and uploaded again (the error column dropped), the rows import.
    fixed = io.StringIO()
    writer = csv.writer(fixed)
    writer.writerow(rows[0][:4])
    writer.writerow(["P-2", "Atlantis Weaving", "Greece", "10"])
    writer.writerow(["P-3", "Hyperlink Textiles", "Germany", "40"])
    again = upload(client, tenant, fixed.getvalue(), "fixed.csv").json()
    assert counts(again)["created"] == 2 and counts(again)["rejected"] == 0, again
