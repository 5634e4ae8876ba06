"""Sub-supplier links, risk that flows upstream, the chain and the tracing evidence pack."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from models import Supplier
from models.database import Database
from tests.conftest import Tenant
from tests.integration.test_imports import upload

SUPPLIERS_CSV = """external_ref,name,country,region,city,address,products
MOD-1,Sunrise Modules Inc,US,Ohio,Toledo,1 Solar Way,solar modules
WAF-1,Jiangsu Wafer Co,CN,Jiangsu,Wuxi,88 Wafer Road,solar wafers
POLY-1,Hoshine Polysilicon,CN,Xinjiang,Shihezi,5 Industrial Park,polysilicon
"""
LINKS_CSV = """supplier_ref,buyer_ref,input,hs_code,share,period_start,period_end
POLY-1,WAF-1,polysilicon,2804.61,100%,2026-01-01,2026-12-31
WAF-1,MOD-1,solar wafers,,60%,2026-01-01,2026-12-31
"""
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _job(client: TestClient, tenant: Tenant, response: Any) -> dict[str, Any]:
    assert response.status_code in (200, 202), response.text
    job = client.get(response.headers["location"], headers=tenant.headers("compliance")).json()
    assert job["status"] == "completed", job
    result: dict[str, Any] = job
    return result


def _ids(database: Database, tenant: Tenant) -> dict[str, str]:
    with database.session() as session:
        rows = session.execute(
            select(Supplier.external_ref, Supplier.id).where(
                Supplier.organisation_id == uuid.UUID(tenant.organisation_id)
            )
        )
        return {ref: str(i) for ref, i in rows}


def _three_tiers(client: TestClient, tenant: Tenant, database: Database) -> dict[str, Any]:
    _job(client, tenant, upload(client, tenant, SUPPLIERS_CSV, kind="suppliers"))
    links = _job(
        client, tenant, upload(client, tenant, LINKS_CSV, "links.csv", kind="supply_links")
    )
    return {"ids": _ids(database, tenant), "import": links}


def _attach(client: TestClient, tenant: Tenant, link_id: str, **form: Any) -> Any:
    content = form.pop("content", PDF)
    return client.post(
        f"/v1/supply-links/{link_id}/documents",
        files={"file": (form.pop("filename", "doc.pdf"), content, "application/octet-stream")},
        data={k: str(v).lower() if isinstance(v, bool) else v for k, v in form.items()},
        headers=tenant.headers("compliance"),
    )


def _links(client: TestClient, tenant: Tenant) -> dict[tuple[str, str], dict[str, Any]]:
    items = client.get("/v1/supply-links", headers=tenant.headers("compliance")).json()["items"]
    return {(i["supplier_id"], i["buyer_id"]): i for i in items}


def test_an_imported_three_tier_chain_flags_the_module_maker_with_the_path(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    chain = _three_tiers(client, tenant, database)
    ids, job = chain["ids"], chain["import"]
    assert job["counts"]["created"] == 2 and job["counts"]["rejected"] == 0
    # The buyers downstream were re-scored by a job with its report.
    rescore = client.get(
        f"/v1/assessments/rescore/{job['options']['rescore_job_id']}",
        headers=tenant.headers("compliance"),
    ).json()
    assert rescore["status"] == "completed"
    flagged = {s["supplier_id"] for s in rescore["report"]["newly_flagged"]}
    assert ids["MOD-1"] in flagged

    links = _links(client, tenant)
    poly_link = links[(ids["POLY-1"], ids["WAF-1"])]
    assert poly_link["input_good"] == "Polysilicon" and poly_link["hs_code"] == "280461"
    assert poly_link["share"] == 1.0

    body = client.get(
        f"/v1/suppliers/{ids['MOD-1']}/assessment", headers=tenant.headers("compliance")
    ).json()["assessment"]
    reason = next(r for r in body["flag_reasons"] if r["code"] == "upstream_risk")
    # The strongest hazard upstream is the producer's Xinjiang location (the UFLPA
    # presumption), stronger than the ILAB polysilicon listing it also carries.
    assert "upstream:uflpa_presumption_region" in reason["evidence"]
    assert reason["summary"].startswith("uflpa presumption region upstream:")
    assert "Xinjiang" in reason["summary"]
    assert (
        "Sunrise Modules Inc ← (Photovoltaic Wafers, 60%) Jiangsu Wafer Co ← "
        "(Polysilicon, 100%) Hoshine Polysilicon" in reason["summary"]
    )
    factor = next(f for f in body["factors"] if f["code"] == "upstream_risk")
    assert factor["points"] > 0
    assert round(sum(f["points"] for f in body["factors"]), 1) == body["score"]


def test_the_evidence_pack_lists_every_stage_with_its_documents(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    ids = _three_tiers(client, tenant, database)["ids"]
    links = _links(client, tenant)
    poly_link = links[(ids["POLY-1"], ids["WAF-1"])]["id"]
    wafer_link = links[(ids["WAF-1"], ids["MOD-1"])]["id"]
    for link, doc_type, number in (
        (poly_link, "invoice", "INV-2026-001"),
        (poly_link, "bill_of_lading", "BL-77"),
        (wafer_link, "purchase_order", "PO-9"),
    ):
        response = _attach(
            client,
            tenant,
            link,
            doc_type=doc_type,
            number=number,
            issued_on="2026-03-02",
            translated=doc_type != "invoice",
        )
        assert response.status_code == 201, response.text
    pack = client.get(
        f"/v1/suppliers/{ids['MOD-1']}/evidence-pack", headers=tenant.headers("auditor")
    ).json()
    stages = {s["supplier"]["name"]: s for s in pack["stages"]}
    assert [s["number"] for s in pack["stages"]] == [1, 2, 3]
    assert set(stages) == {"Sunrise Modules Inc", "Jiangsu Wafer Co", "Hoshine Polysilicon"}
    poly = stages["Hoshine Polysilicon"]
    assert poly["tier"] == 2 and poly["supplier"]["address"] == "5 Industrial Park"
    docs = poly["supplies"][0]["documents"]
    assert [(d["ref"], d["doc_type"], d["number"]) for d in docs] == [
        ("3.1", "invoice", "INV-2026-001"),
        ("3.2", "bill_of_lading", "BL-77"),
    ]
    assert docs[0]["translated"] is False and len(docs[0]["sha256"]) == 64
    assert [d["number"] for d in stages["Jiangsu Wafer Co"]["supplies"][0]["documents"]] == ["PO-9"]
    summary = pack["executive_summary"]
    assert summary["stages"] == 3 and summary["documents"] == 3
    assert summary["documents_not_translated"] == 1
    assert (
        summary["upstream_risk"] and "Hoshine Polysilicon" in summary["upstream_risk"][0]["summary"]
    )
    assert [i["anchor"] for i in pack["index"]] == [
        "summary",
        "flow-chart",
        "stages",
        "screening",
        "documents",
    ]

    html = client.get(
        f"/v1/suppliers/{ids['MOD-1']}/evidence-pack?format=html",
        headers=tenant.headers("auditor"),
    )
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    text = html.text
    assert "<svg" in text and "Flow chart" in text
    for name in stages:
        assert name in text
    for number in ("INV-2026-001", "BL-77", "PO-9"):
        assert number in text

    by_product = client.get(
        "/v1/evidence-packs", params={"product": "Solar Modules"}, headers=tenant.headers("auditor")
    ).json()
    assert next(s["supplier"]["name"] for s in by_product["stages"]) == "Sunrise Modules Inc"


def test_a_link_that_closes_a_loop_is_refused_with_the_loop(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    ids = _three_tiers(client, tenant, database)["ids"]
    response = client.post(
        "/v1/supply-links",
        json={"supplier_id": ids["MOD-1"], "buyer_id": ids["POLY-1"], "input": "spare parts"},
        headers=tenant.headers("compliance"),
    )
    assert response.status_code == 409, response.text
    problem = response.json()
    assert problem["type"].endswith("supply-cycle")
    assert [c["name"] for c in problem["cycle"]] == [
        "Sunrise Modules Inc",
        "Hoshine Polysilicon",
        "Jiangsu Wafer Co",
        "Sunrise Modules Inc",
    ]
    rows = "supplier_ref,buyer_ref,input\nMOD-1,POLY-1,spare parts\nMOD-1,NOPE,glass\n"
    job = _job(client, tenant, upload(client, tenant, rows, "loop.csv", kind="supply_links"))
    assert job["counts"]["rejected"] == 2
    errors = client.get(
        f"/v1/imports/{job['id']}/errors", headers=tenant.headers("compliance")
    ).json()["items"]
    messages = {e["value"]: e["message"] for e in errors}
    assert messages["POLY-1"].startswith("cycle: ")
    assert "unknown supplier reference" in messages["NOPE"]


def test_documents_are_typed_by_content_and_kept_with_their_checksum(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    ids = _three_tiers(client, tenant, database)["ids"]
    link = _links(client, tenant)[(ids["POLY-1"], ids["WAF-1"])]["id"]
    fake = _attach(
        client, tenant, link, doc_type="invoice", content=b"MZ\x90\x00", filename="x.pdf"
    )
    assert fake.status_code == 415, fake.text
    unknown = _attach(client, tenant, link, doc_type="selfie")
    assert unknown.status_code == 422
    scan = _attach(client, tenant, link, doc_type="packing_list", content=PNG, filename="p.pdf")
    assert scan.status_code == 201 and scan.json()["media_type"] == "image/png"
    document = scan.json()
    got = client.get(
        f"/v1/supply-links/{link}/documents/{document['id']}", headers=tenant.headers("auditor")
    )
    assert got.content == PNG and got.headers["x-content-sha256"] == document["sha256"]


def test_the_chain_goes_up_and_down_within_the_depth_and_stays_in_the_organisation(
    client: TestClient, tenant: Tenant, other_tenant: Tenant, database: Database
) -> None:
    ids = _three_tiers(client, tenant, database)["ids"]
    both = client.get(
        f"/v1/suppliers/{ids['WAF-1']}/chain", headers=tenant.headers("procurement")
    ).json()
    assert [s["name"] for s in both["upstream"]["suppliers"]] == [
        "Jiangsu Wafer Co",
        "Hoshine Polysilicon",
    ]
    assert [s["name"] for s in both["downstream"]["suppliers"]] == [
        "Jiangsu Wafer Co",
        "Sunrise Modules Inc",
    ]
    shallow = client.get(
        f"/v1/suppliers/{ids['MOD-1']}/chain?depth=1&direction=upstream",
        headers=tenant.headers("procurement"),
    ).json()
    assert len(shallow["upstream"]["links"]) == 1 and shallow["upstream"]["truncated"] is True
    assert shallow["downstream"] is None and shallow["upstream_risk"]["code"] == "upstream_risk"
    hidden = client.get(
        f"/v1/suppliers/{ids['MOD-1']}/chain", headers=other_tenant.headers("procurement")
    )
    assert hidden.status_code == 404


def test_deleting_a_link_rescores_the_buyers_downstream_by_a_job(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    ids = _three_tiers(client, tenant, database)["ids"]
    link = _links(client, tenant)[(ids["POLY-1"], ids["WAF-1"])]["id"]
    response = client.delete(f"/v1/supply-links/{link}", headers=tenant.headers("compliance"))
    assert response.status_code == 204
    job = client.get(response.headers["location"], headers=tenant.headers("compliance")).json()
    assert job["status"] == "completed"
    body = client.get(
        f"/v1/suppliers/{ids['MOD-1']}/assessment", headers=tenant.headers("compliance")
    ).json()["assessment"]
    # The wafer maker (China, Tier 3, unaudited) is still upstream; the polysilicon is not.
    reason = next(r for r in body["flag_reasons"] if r["code"] == "upstream_risk")
    assert "Hoshine" not in reason["summary"] and "Jiangsu Wafer Co" in reason["summary"]
    assert job["trigger"].startswith("supply link") and job["suppliers_total"] == 2


def test_a_chain_of_depth_ten_renders_in_the_pack(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    headers = tenant.headers("compliance")
    ids = []
    for n in range(11):
        response = client.post(
            "/v1/suppliers", json={"name": f"Stage Co {n}", "country": "VN"}, headers=headers
        )
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
    for n in range(10):  # Stage Co n+1 supplies Stage Co n
        response = client.post(
            "/v1/supply-links",
            json={"supplier_id": ids[n + 1], "buyer_id": ids[n], "input": f"part {n + 1}"},
            headers=headers,
        )
        assert response.status_code == 201, response.text
    pack = client.get(f"/v1/suppliers/{ids[0]}/evidence-pack", headers=headers).json()
    assert [s["tier"] for s in pack["stages"]] == list(range(11))
    assert pack["truncated"] is False and pack["executive_summary"]["deepest_tier"] == 10
    html = client.get(f"/v1/suppliers/{ids[0]}/evidence-pack?format=html", headers=headers).text
    for n in range(11):
        assert f"{n + 1}. Stage Co {n}</text>" in html  # each stage drawn in the flow chart
    assert len(pack["executive_summary"]["links_without_documents"]) == 10


def test_a_change_at_the_source_rescores_the_buyers_downstream_by_a_job(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    ids = _three_tiers(client, tenant, database)["ids"]
    headers = tenant.headers("compliance")
    # The polysilicon turns out to come from Germany: the producer's own flags change.
    response = client.patch(
        f"/v1/suppliers/{ids['POLY-1']}", json={"country": "DE", "region": None}, headers=headers
    )
    assert response.status_code == 200, response.text
    jobs = client.get("/v1/assessments/rescore", headers=headers).json()["items"]
    job = next(j for j in jobs if (j["trigger"] or "").startswith("flags of Hoshine"))
    assert job["status"] == "completed"
    assert set(job["supplier_ids"]) == {ids["WAF-1"], ids["MOD-1"]}
    body = client.get(f"/v1/suppliers/{ids['MOD-1']}/assessment", headers=headers).json()
    reason = next(r for r in body["assessment"]["flag_reasons"] if r["code"] == "upstream_risk")
    assert "Hoshine" not in reason["summary"]


def test_the_organisation_wide_pass_finds_what_each_suppliers_own_chain_does(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    from api.engine_inputs.upstream import organisation_exposures, upstream_exposure
    from risk_data.loader import load_risk_data

    ids = _three_tiers(client, tenant, database)["ids"]
    data = load_risk_data()
    with database.session() as session:
        everyone = organisation_exposures(session, uuid.UUID(tenant.organisation_id), data)
        for ref in ("MOD-1", "WAF-1"):
            one = upstream_exposure(session, session.get_one(Supplier, uuid.UUID(ids[ref])), data)
            assert everyone[ids[ref]] == one
        assert ids["POLY-1"] not in everyone


def test_a_whole_organisation_rescore_reads_the_chain_once_and_agrees_with_each_chain(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    ids = _three_tiers(client, tenant, database)["ids"]
    headers = tenant.headers("compliance")
    before = client.get(f"/v1/suppliers/{ids['MOD-1']}/assessment", headers=headers).json()
    response = client.post("/v1/assessments/rescore", headers=headers)
    job = client.get(response.headers["location"], headers=headers).json()
    assert job["status"] == "completed", job
    # The module maker was scored from its own chain when the links came in; the
    # organisation-wide pass gives it the same inputs, so nothing new is recorded.
    assert job["report"]["reassessed"] == 0 and job["report"]["unchanged"] == 3
    after = client.get(f"/v1/suppliers/{ids['MOD-1']}/assessment", headers=headers).json()
    assert after["assessment"]["input_digest"] == before["assessment"]["input_digest"]
    assert any(r["code"] == "upstream_risk" for r in after["assessment"]["flag_reasons"])
