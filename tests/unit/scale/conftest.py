"""Inputs shared by the scale tests: the bundled samples plus inputs that must fail, and
what plain `run_batch` makes of them, the reference every engine is compared with."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from scale_helpers import outcome_text

from stackwatch.extract import Extractor
from stackwatch.pipeline import Failure, Outcome, run_batch

BAD_JSONL = "\n".join(
    [
        json.dumps({"title": "빈 줄", "text": "   "}, ensure_ascii=False),
        "{not json",
        json.dumps(
            {"title": "Nvidia invests $2 billion in xAI", "text": "Nvidia will invest $2 billion in xAI."}
        ),
    ]
)
BAD_FILES = {"empty.txt": b"", "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40}


@pytest.fixture(scope="session")
def inputs_dir(samples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples, two files that cannot be read and a JSON Lines shard with two bad lines."""
    folder = tmp_path_factory.mktemp("scale-inputs")
    for path in samples_dir.iterdir():
        if path.is_file():
            shutil.copy(path, folder / path.name)
    for name, data in BAD_FILES.items():
        (folder / name).write_bytes(data)
    (folder / "bad_lines.jsonl").write_text(BAD_JSONL + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def reference(inputs_dir: Path, extractor: Extractor) -> list[Outcome]:
    """`run_batch` over the inputs, in its order."""
    return list(run_batch([inputs_dir], extractor))


@pytest.fixture(scope="session")
def reference_records(reference: list[Outcome]) -> list[str]:
    return sorted(outcome_text(o) for o in reference if not isinstance(o, Failure))


@pytest.fixture(scope="session")
def reference_failures(reference: list[Outcome]) -> list[Failure]:
    return [o for o in reference if isinstance(o, Failure)]
