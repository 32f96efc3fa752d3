"""The knowledge base: entities of the AI industry with Korean and English aliases,
layers, countries and tickers, the currency table, and the lexicons the extractor reads.

Everything here is data shipped in the package (`kb/data/`), loaded and validated once
by `load_knowledge_base`. Users extend it with their own YAML files (`--kb FILE`).
"""

from stackwatch.kb.loader import KnowledgeBase, KnownEntity, load_knowledge_base, load_lexicon

__all__ = ["KnowledgeBase", "KnownEntity", "load_knowledge_base", "load_lexicon"]
