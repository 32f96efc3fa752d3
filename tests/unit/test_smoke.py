"""The package imports and extracts one sentence end to end."""

from stackwatch.extract import Extractor, document_record
from stackwatch.nlp import analyse
from stackwatch.records import Document


def test_one_sentence_becomes_a_contract(extractor: Extractor) -> None:
    doc = Document(
        doc="t",
        source="t",
        text="메타는 코어위브와 6년간 $142억 규모의 인프라 계약을 체결했다.",
        published="2025-11-03",
    )
    record = document_record(extractor.extract(analyse(doc)))
    [event] = [e for e in record["events"] if e["type"] == "contract"]
    assert {(a["role"], a["name"]) for a in event["actors"]} == {
        ("customer", "Meta"),
        ("provider", "CoreWeave"),
    }
    assert event["amount"]["value"] == 14_200_000_000
    assert event["period"] == "6y"
