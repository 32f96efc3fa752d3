"""Search the record and answer questions from it, citing the sentences.

search(store, "코어위브 부채")          → [SearchHit, ...]  ranked sentences
ask(store, "코어위브 부채는 얼마인가?")  → Answer           the figure, with its citations
"""

from stackwatch.search.ask import ask
from stackwatch.search.question import Question, parse_question
from stackwatch.search.records import Answer, Citation, SearchHit
from stackwatch.search.search import search

__all__ = ["Answer", "Citation", "Question", "SearchHit", "ask", "parse_question", "search"]
