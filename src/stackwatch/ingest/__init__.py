"""Sources → Documents: files and folders, encodings, front matter, HTML, boilerplate."""

from stackwatch.ingest.files import expand_paths, parse_article, read_documents

__all__ = ["expand_paths", "parse_article", "read_documents"]
