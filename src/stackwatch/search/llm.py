"""Optional phrasing by a language model: an OpenAI-compatible chat endpoint rewrites the
answer from its evidence only, and its reply is checked before it is used.

The model sees the question, the rule-based answer and the cited sentences, and is told to
use nothing else. A reply is rejected, and the rule-based answer kept, when it states a
number that is neither in the evidence nor in the rule-based answer (a figure the model
made up or miscopied), when it is empty, or when the endpoint fails. No model is needed
for the default path.
"""

from __future__ import annotations

import dataclasses
import logging
import re

import httpx

from stackwatch.search.records import Answer

logger = logging.getLogger(__name__)

TIMEOUT_S = 30.0
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SYSTEM = (
    "You answer questions about the AI industry using ONLY the evidence sentences given. "
    "Answer in the language of the question, in one to three sentences. Copy every figure "
    "exactly as the evidence writes it. If the evidence does not answer the question, say so."
)


def numbers_in(text: str) -> set[str]:
    """The numbers written in `text`, normalised (commas dropped: 1,500 and 1500 are one)."""
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}


def is_grounded(reply: str, answer: Answer) -> bool:
    """True when every number of `reply` appears in the evidence or the rule-based answer."""
    allowed = numbers_in(answer.text) | {n for c in answer.citations for n in numbers_in(c.evidence)}
    return numbers_in(reply) <= allowed


def rephrase(
    answer: Answer, *, url: str, model: str = "default", client: httpx.Client | None = None
) -> Answer:
    """`answer` rephrased by the model at `url` (…/v1/chat/completions), or unchanged when the
    reply cannot be trusted."""
    if not answer.found:
        return answer
    evidence = "\n".join(f"[{i}] {c.evidence}" for i, c in enumerate(answer.citations, start=1))
    payload = {
        "model": model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": _SYSTEM},
            {
                "role": "user",
                "content": (
                    f"Question: {answer.question}\n\nEvidence:\n{evidence}\n\nDraft answer:\n{answer.text}"
                ),
            },
        ],
    }
    own = client is None
    http = client or httpx.Client(timeout=TIMEOUT_S)
    try:
        response = http.post(_endpoint(url), json=payload)
        response.raise_for_status()
        reply = str(response.json()["choices"][0]["message"]["content"]).strip()
    except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as exc:
        logger.warning("llm %s: no usable reply (%s); keeping the rule-based answer", url, exc)
        return dataclasses.replace(answer, notes=(*answer.notes, "llm: no usable reply"))
    finally:
        if own:
            http.close()
    if not reply or not is_grounded(reply, answer):
        logger.warning("llm %s: reply states a number not in the evidence; rejected", url)
        return dataclasses.replace(answer, notes=(*answer.notes, "llm: rejected (number not in evidence)"))
    return dataclasses.replace(answer, text=reply, phrased_by="llm")


def _endpoint(url: str) -> str:
    base = url.rstrip("/")
    return base if base.endswith("/chat/completions") else base + "/chat/completions"
