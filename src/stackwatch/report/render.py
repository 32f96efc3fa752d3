"""Write a report: `report.md` (Jekyll front matter), a self-contained `report.html` and the SVG charts.

Both files come from the same `Report` through the Jinja2 templates shipped in
`report/templates/`. The HTML inlines its CSS and SVG and links only within itself
(a Content-Security-Policy forbids any other request), so it opens offline and on a
phone. Each file is written to a temporary name and moved into place (`os.replace`),
so a reader never sees half a report.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from stackwatch.report.fonts import embedded_font_face
from stackwatch.report.labels import words
from stackwatch.report.model import Line, Report

__all__ = ["ReportFiles", "render_html", "render_markdown", "write_report"]

_FILE_MODE = 0o644  # mkstemp makes 0600; a report is meant to be read
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


@dataclass(frozen=True, slots=True)
class ReportFiles:
    markdown: Path
    html: Path
    figures: tuple[Path, ...]


def _md(text: str) -> str:
    """Text safe inside Markdown: no accidental emphasis, links, HTML or table cells."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _cite_list(cites: Iterable[int]) -> str:
    numbers = list(cites)
    return f"[{', '.join(str(n) for n in numbers)}]" if numbers else ""


def _md_line(line: Line, labels: Mapping[str, str]) -> str:
    text = _md(line.text)
    if line.cites:
        text += " " + _cite_list(line.cites)
    if line.computed:
        text += f" *({labels['computed']})*"
    return text


def _cite_links(cites: Iterable[int]) -> Markup:
    links = "".join(f'<a class="cite" href="#src-{n}">[{n}]</a>' for n in cites)
    return Markup(links)


def _html_line(line: Line, labels: Mapping[str, str]) -> Markup:
    html = escape(line.text)
    if line.cites:
        html += Markup('<sup class="cite">') + _cite_links(line.cites) + Markup("</sup>")
    if line.computed:
        html += Markup('<span class="computed"> (') + escape(labels["computed"]) + Markup(")</span>")
    return Markup(html)


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _names_json(names: Mapping[str, list[str]]) -> str:
    return json.dumps(names, ensure_ascii=False, sort_keys=True).replace("--", "-\\u002d")


@cache
def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("stackwatch.report", "templates"),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        md=_md,
        mdcell=_md,
        mdline=_md_line,
        citelist=_cite_list,
        citelinks=_cite_links,
        htmlline=_html_line,
        yaml=_yaml,
        namesjson=_names_json,
    )
    return env


def render_markdown(report: Report) -> str:
    text = _environment(False).get_template("report.md.j2").render(report=report, words=words(report.lang))
    return re.sub(r"\n{3,}", "\n\n", text)


def render_html(report: Report) -> str:
    css = resources.files("stackwatch.report").joinpath("templates", "report.css").read_text(encoding="utf-8")
    template = _environment(True).get_template("report.html.j2")
    draft = template.render(report=report, words=words(report.lang), css=Markup(css), font_face="")
    font_face = embedded_font_face(draft)
    if not font_face:
        return draft
    return template.render(
        report=report, words=words(report.lang), css=Markup(css), font_face=Markup(font_face)
    )


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        Path(temporary).chmod(_FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_report(report: Report, out_dir: Path) -> ReportFiles:
    """Write the report's files into `out_dir` (created if needed) and return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    figures = []
    for name, svg in report.figures.items():
        path = out_dir / name
        _write_atomically(path, svg + "\n")
        figures.append(path)
    markdown, html = out_dir / "report.md", out_dir / "report.html"
    _write_atomically(markdown, render_markdown(report))
    _write_atomically(html, render_html(report))
    return ReportFiles(markdown=markdown, html=html, figures=tuple(figures))
