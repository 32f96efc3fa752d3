"""Charts as self-contained SVG: Hangul drawn as paths from the bundled NanumGothic, no leaks.

"No tofu" is checked where it can be: matplotlib resolves the chart family to the bundled
file, every Hangul character of a label has a real glyph (not .notdef, index 0) in the
SVG, and a missing glyph would warn (an error under our pytest settings).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from stackwatch.prose import bar_chart, korean_font_path, network_chart, stacked_bars_by_month

XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def _bar() -> str:
    return bar_chart(["오픈AI", "앤트로픽", "엔비디아"], [380, 130.5, 100], title="투자 규모", unit="억 달러")


def _stacked() -> str:
    return stacked_bars_by_month(
        ["2025년 9월", "2025년 10월", "2025년 11월"],
        {"인프라": [10, 20, 30], "모델": [5, 0, 12.5]},
        title="월별 거래",
        unit="억 달러",
    )


def _network() -> str:
    return network_chart(
        [("마이크로소프트", 3), ("오픈AI", 5), ("엔비디아", 4), ("앤트로픽", 2)],
        [("마이크로소프트", "오픈AI", 130), ("엔비디아", "오픈AI", 1000), ("앤트로픽", "엔비디아", 100)],
        title="거래 관계망",
    )


CHARTS: dict[str, tuple[Callable[[], str], str]] = {
    "bar": (_bar, "오픈AI앤트로픽엔비디아투자규모억달러"),
    "stacked": (_stacked, "년월인프라모델월별거래억달러"),
    "network": (_network, "마이크로소프트오픈AI엔비디아앤트로픽거래관계망"),
}


@pytest.fixture(scope="module", params=sorted(CHARTS))
def rendered(request: pytest.FixtureRequest) -> tuple[str, str]:
    draw, hangul = CHARTS[request.param]
    return draw(), hangul


def _ids(root: ET.Element) -> set[str]:
    return {element.attrib["id"] for element in root.iter() if "id" in element.attrib}


def test_the_font_is_the_bundled_nanumgothic() -> None:
    path = korean_font_path()
    spec = importlib.util.find_spec("koreanize_matplotlib")
    assert spec is not None
    assert spec.submodule_search_locations
    assert path.parent.parent == Path(next(iter(spec.submodule_search_locations)))
    family = font_manager.FontProperties(fname=path).get_name()
    resolved = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert Path(resolved) == path
    assert FT2Font(str(path)).get_char_index(ord("한")) != 0


def test_svg_is_self_contained_xml(rendered: tuple[str, str]) -> None:
    svg, _ = rendered
    assert svg.startswith("<svg ")  # no XML prolog: ready to inline in HTML
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert "text" not in tags
    assert "path" in tags
    assert "font-family" not in svg
    for element in root.iter():
        for name in (XLINK_HREF, "href"):
            if name in element.attrib:
                assert element.attrib[name].startswith("#"), element.attrib[name]


def test_hangul_is_drawn_from_the_bundled_font(rendered: tuple[str, str]) -> None:
    svg, hangul = rendered
    font = FT2Font(str(korean_font_path()))
    ids = _ids(ET.fromstring(svg))
    for char in set(hangul) - set("AI"):
        glyph = font.get_char_index(ord(char))
        assert glyph != 0, char
        assert f"{font.postscript_name}-{glyph:x}" in ids, char
    assert not any(glyph_id.endswith("-0") for glyph_id in ids)  # .notdef: a tofu box


def test_the_title_is_the_accessible_name() -> None:
    root = ET.fromstring(_bar())
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-label"] == "투자 규모"


def test_rendering_is_reproducible() -> None:
    assert _network() == _network()
    assert _bar() == _bar()


def test_global_settings_are_left_alone() -> None:
    before = dict(matplotlib.rcParams)
    _stacked()
    assert dict(matplotlib.rcParams) == before


def test_pyplot_and_koreanize_are_never_imported() -> None:
    script = textwrap.dedent(
        """
        import sys
        from stackwatch.prose import bar_chart
        bar_chart(["메타"], [1.0], title="제목", unit="건")
        assert "matplotlib.pyplot" not in sys.modules
        assert "koreanize_matplotlib" not in sys.modules
        """
    )
    subprocess.run([sys.executable, "-W", "error", "-c", script], check=True)


def test_no_data_says_so() -> None:
    font = FT2Font(str(korean_font_path()))
    for svg in (
        bar_chart([], [], title="빈 차트", unit="건"),
        stacked_bars_by_month([], {}, title="빈 차트", unit="건"),
        network_chart([], [], title="빈 차트"),
    ):
        ids = _ids(ET.fromstring(svg))
        assert all(f"{font.postscript_name}-{font.get_char_index(ord(c)):x}" in ids for c in "자료없음")


def test_lengths_must_match() -> None:
    with pytest.raises(ValueError, match="2 values for 1 labels"):
        bar_chart(["메타"], [1, 2], title="t", unit="u")
    with pytest.raises(ValueError, match="series '모델' has 1 values for 2 months"):
        stacked_bars_by_month(["2025-10", "2025-11"], {"모델": [1]}, title="t", unit="u")


def test_edges_must_join_known_nodes() -> None:
    with pytest.raises(ValueError, match="'구글' is not among the nodes"):
        network_chart([("메타", 1)], [("메타", "구글", 1)], title="t")
