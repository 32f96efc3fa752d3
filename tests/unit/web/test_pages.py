"""Every page renders, in both languages, and the deal filters and highlights do their job."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest

from stackwatch.extract import Extractor
from stackwatch.web import create_app

from .clients import TestClient

PAGES = [
    "/",
    "/deals",
    "/deals?sort=date&order=asc",
    "/deals?type=contract&layer=infrastructure&status=done&min_usd=1000000000",
    "/deals?since=2025-11-01&until=2025-11-30&conflicts=1&page=2",
    "/deals?min_usd=&type=&entity=",  # an empty form submitted as is
    "/deals?min_usd=abc&page=-3&sort=drop+table",  # nonsense is ignored, not an error
    "/deals/1",
    "/entities/openai",
    "/entities/" + quote("new:Palo Alto's AI"),
    "/documents/1",
    "/documents/1?s=3",
    "/search",
    "/search?q=코어위브",
    "/ask",
    "/ask?q=오픈AI",
    "/reports",
    "/charts/capital-month.svg",
    "/charts/capital-layer.svg?lang=en",
    "/charts/network.svg?entity=openai",
]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders(client: TestClient, path: str, lang: str) -> None:
    joiner = "&" if "?" in path else "?"
    response = client.get(f"{path}{joiner}lang={lang}")
    assert response.status_code == 200, response.text[:500]
    if path.startswith("/charts/"):
        assert response.headers["content-type"].startswith("image/svg+xml")
        assert response.text.lstrip().startswith("<svg")
    else:
        assert response.headers["content-type"].startswith("text/html")
        assert f'<html lang="{lang}">' in response.text


def test_security_headers_on_pages_and_api(client: TestClient) -> None:
    for path in ("/", "/api/deals", "/static/style.css", "/nowhere"):
        headers = client.get(path).headers
        assert "default-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_no_asset_comes_from_another_site(client: TestClient) -> None:
    html = client.get("/").text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)


def test_korean_by_default_english_on_request_and_remembered(sample_db: Path, extractor: Extractor) -> None:
    with TestClient(create_app(sample_db, extractor=extractor)) as fresh:  # its own cookie jar
        assert "최근 대형 거래" in fresh.get("/").text
        english = fresh.get("/?lang=en")
        assert "Latest large deals" in english.text
        assert english.cookies.get("lang") == "en"
        assert "Sources" in fresh.get("/deals/1").text  # the cookie keeps English
        assert "출처" in fresh.get("/deals/1?lang=ko").text


def _deal_rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr.*?</tr>", body, re.S)


def _count(html: str) -> int:
    match = re.search(r'id="deal-count">[^0-9]*([0-9,]+)', html)
    assert match, "no deal count on the page"
    return int(match.group(1).replace(",", ""))


def test_deal_filters_narrow_the_table(client: TestClient) -> None:
    everything = _count(client.get("/deals").text)
    contracts = client.get("/deals?type=contract&lang=en").text
    assert 0 < _count(contracts) < everything
    assert all(">Contract<" in row for row in _deal_rows(contracts))
    openai = client.get("/deals?entity=오픈AI").text
    assert 0 < _count(openai) < everything
    assert all("/entities/openai" in row for row in _deal_rows(openai))
    large = client.get("/deals?min_usd=100000000000&lang=en").text
    assert 0 < _count(large) < everything
    assert _count(client.get("/deals?status=denied").text) <= everything
    assert _count(client.get("/deals?entity=no-such-company-anywhere").text) == 0
    signal = client.get("/deals?signal=chips").text
    assert 0 < _count(signal) < everything


def test_deals_sort_by_amount_and_date(client: TestClient) -> None:
    api = client.get("/api/deals", params={"sort": "date", "order": "asc", "limit": 500}).json()["items"]
    dates = [d["first_reported"] or d["date"] for d in api if d["first_reported"] or d["date"]]
    assert dates == sorted(dates)
    by_amount = client.get("/api/deals", params={"sort": "amount", "limit": 20}).json()["items"]
    amounts = [d["usd"] for d in by_amount if d["usd"] is not None]
    assert amounts == sorted(amounts, reverse=True)


def test_deal_page_lists_sources_with_the_evidence_and_amount_marked(client: TestClient) -> None:
    deal_id = client.get("/api/deals", params={"entity": "openai", "type": "contract"}).json()["items"][0][
        "id"
    ]
    html = client.get(f"/deals/{deal_id}").text
    assert 'class="evidence"' in html
    assert re.search(r'<mark class="hl hl-amount"[^>]*>[^<]+</mark>', html)
    assert re.search(r'href="/documents/\d+\?s=\d+#s\d+"', html)


def test_document_page_marks_entities_amounts_and_the_focused_sentence(client: TestClient) -> None:
    html = client.get("/documents/1?s=1").text
    assert '<a class="hl hl-entity" href="/entities/openai"' in html
    assert re.search(r'<mark class="hl hl-amount"[^>]*>380억 달러\(약 54조 원\)</mark>', html)
    assert re.search(r'<span id="s1" class="sentence[^"]*focus', html)
    assert "sentence event" in html


def test_entity_page_has_profile_network_and_timeline(client: TestClient) -> None:
    html = unescape(client.get("/entities/openai?lang=en").text)
    for part in ("Aliases", "Counterparties", "Timeline", "/charts/network.svg?entity=openai", "Money in"):
        assert part in html


def test_entity_given_by_name_is_not_found_by_id(client: TestClient) -> None:
    assert client.get("/entities/no-such-entity").status_code == 404


@pytest.mark.parametrize("path", ["/deals/999999", "/documents/999999", "/entities/nobody", "/nowhere"])
def test_missing_things_answer_an_html_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "404" in response.text


def test_bad_path_parameter_on_a_page_is_a_422_page(client: TestClient) -> None:
    response = client.get("/documents/abc")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")


def test_report_form_is_refused_on_a_read_only_server(client: TestClient) -> None:
    assert "STACKWATCH_TOKEN" in client.get("/reports").text
    response = client.post("/reports", data={"period": "2025-11", "token": "x"})
    assert response.status_code == 403
