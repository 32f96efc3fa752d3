"""Facts → a cited trend report: Markdown with Jekyll front matter, self-contained HTML, SVG charts.

report = build_report(store, Period.parse("2025-11"), lang="ko", kb=kb)
files = write_report(report, Path("out"))
verify_report(files.markdown, kb).ok      # every cited number and name is in its evidence
"""

from stackwatch.report.build import LARGE_DEAL_USD, build_report, period_name
from stackwatch.report.model import Block, Line, Report, Row, Section, SourceEntry
from stackwatch.report.render import ReportFiles, render_html, render_markdown, write_report
from stackwatch.report.verify import (
    Problem,
    Verification,
    Vocabulary,
    check_claim,
    verify_report,
    verify_text,
)

__all__ = [
    "LARGE_DEAL_USD",
    "Block",
    "Line",
    "Problem",
    "Report",
    "ReportFiles",
    "Row",
    "Section",
    "SourceEntry",
    "Verification",
    "Vocabulary",
    "build_report",
    "check_claim",
    "period_name",
    "render_html",
    "render_markdown",
    "verify_report",
    "verify_text",
    "write_report",
]
