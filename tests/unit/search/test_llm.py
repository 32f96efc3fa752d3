"""`--llm`: a reply is used only when every number it states is in the evidence.

A tiny OpenAI-compatible server runs on localhost for these tests; nothing leaves the machine.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from stackwatch.search import Answer, Citation
from stackwatch.search.llm import is_grounded, numbers_in, rephrase

ANSWER = Answer(
    question="코어위브 부채는 얼마인가?",
    text="코어위브의 부채: 88억 달러 이상 (2025년 3월)",
    found=True,
    shape="amount",
    language="ko",
    citations=(
        Citation(
            doc="000.txt",
            title=None,
            url=None,
            published="2025-06-27",
            sentence=12,
            evidence=(
                "그 결과 2025년 3월 기준 88억 달러가 넘는 채무가 남아 있고, 일부 차입금리는 연 15%에 이른다."
            ),
        ),
    ),
)


class _Fake(BaseHTTPRequestHandler):
    reply: str = ""
    status: int = 200
    seen: list[dict[str, object]] = []  # noqa: RUF012 - shared with the test on purpose

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        type(self).seen.append(json.loads(self.rfile.read(length)))
        body = json.dumps({"choices": [{"message": {"role": "assistant", "content": type(self).reply}}]})
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode("utf-8"))

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[str]:
    _Fake.seen = []
    _Fake.status = 200
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Fake)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_a_grounded_reply_is_used(server: str) -> None:
    _Fake.reply = "코어위브의 채무는 2025년 3월 기준 88억 달러가 넘습니다."
    answer = rephrase(ANSWER, url=server)
    assert answer.phrased_by == "llm"
    assert answer.text == _Fake.reply
    assert answer.citations == ANSWER.citations
    sent = _Fake.seen[0]
    assert "88억 달러가 넘는 채무" in json.dumps(sent, ensure_ascii=False)


def test_a_reply_with_a_number_not_in_the_evidence_is_rejected(server: str) -> None:
    _Fake.reply = "코어위브의 부채는 약 120억 달러입니다."
    answer = rephrase(ANSWER, url=server)
    assert answer.phrased_by == "rules"
    assert answer.text == ANSWER.text
    assert any("rejected" in note for note in answer.notes)


def test_a_failing_endpoint_keeps_the_rule_answer(server: str) -> None:
    _Fake.status = 500
    _Fake.reply = "anything"
    answer = rephrase(ANSWER, url=server)
    assert answer.text == ANSWER.text
    assert answer.phrased_by == "rules"


def test_not_found_is_never_sent() -> None:
    missing = Answer(
        question="?", text="기록에서 찾지 못했습니다.", found=False, shape="amount", language="ko"
    )
    assert rephrase(missing, url="http://127.0.0.1:9/v1") is missing


def test_numbers_are_compared_without_separators() -> None:
    assert numbers_in("1,500억 달러와 15%") == {"1500", "15"}
    assert is_grounded("88억 달러, 15%", ANSWER)
    assert not is_grounded("89억 달러", ANSWER)
