"""Document → sentences and language; Korean morphemes with Kiwi where they pay."""

from stackwatch.nlp.sentences import detect_language, split_sentences
from stackwatch.records import AnalysedDocument, Document


def analyse(document: Document) -> AnalysedDocument:
    """Read a document's text; add its language and its sentences (headline first)."""
    language = detect_language(f"{document.title or ''}\n{document.text}")
    return AnalysedDocument(
        document=document,
        language=language,
        sentences=split_sentences(document.text, title=document.title),
    )


__all__ = ["analyse", "detect_language", "split_sentences"]
