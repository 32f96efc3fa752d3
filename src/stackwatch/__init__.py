"""stackwatch: a structured, cited record of the AI industry from Korean and English news."""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__: list[str] = []
