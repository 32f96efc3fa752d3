"""The library API stays explicit: `__all__` is sorted and names what the package exports."""

import stackwatch


def test_all_is_sorted_and_unique() -> None:
    assert stackwatch.__all__ == sorted(set(stackwatch.__all__), key=lambda n: (n[0].islower(), n))


def test_every_exported_name_exists() -> None:
    missing = [name for name in stackwatch.__all__ if not hasattr(stackwatch, name)]
    assert missing == []


def test_public_callables_have_docstrings() -> None:
    undocumented = [
        name
        for name in stackwatch.__all__
        if callable(getattr(stackwatch, name)) and not getattr(stackwatch, name).__doc__
    ]
    assert undocumented == []
