"""Show how stackwatch reads one sentence: names with their roles, clauses, triggers,
amounts and the events built. A debugging aid: `python scripts/explain.py "문장" [--en]`."""

from __future__ import annotations

import sys

from stackwatch.extract import Extractor
from stackwatch.extract.clauses import english_args, korean_args, split_clauses
from stackwatch.extract.serialize import event_record
from stackwatch.extract.triggers import find_triggers
from stackwatch.nlp import analyse
from stackwatch.records import Document


def main() -> None:
    text = sys.argv[1]
    language = "en" if "--en" in sys.argv else "ko"
    extractor = Extractor.load()
    doc = analyse(Document(doc="explain", source="explain", text=text, published="2025-11-20"))
    facts = extractor.extract(doc)
    for sentence in doc.sentences:
        mentions = [m for m in facts.mentions if m.evidence.sentence == sentence.index]
        args = (
            korean_args(sentence.text, mentions)
            if language == "ko"
            else english_args(sentence.text, mentions)
        )
        print(f"[{sentence.index}] {sentence.text}")
        print("   args:", [(a.mention.surface, a.mention.entity, a.role) for a in args])
        print("   clauses:", [sentence.text[s:e] for s, e in split_clauses(sentence.text, language)])
        print("   triggers:", [(t.type, t.word) for t in find_triggers(sentence.text, language)])
    for event in facts.events:
        record = event_record(event)
        actors = ", ".join(f"{a['role']}={a['name']}" for a in record["actors"])
        money = record["amount"]["text"] if record["amount"] else "-"
        print(f"EVENT {record['type']}({actors}) {money} {record['status']} {record['date']}")


if __name__ == "__main__":
    main()
