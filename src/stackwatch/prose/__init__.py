"""Writing for readers: Korean particles, money, dates and charts for reports and the dashboard.

josa     메타는, 앤트로픽은, OpenAI가, GPT-5는: the particle after any name
money    380억 달러(약 51조 원), $14.2 billion: Decimal amounts in both languages
dates    2025년 11월, November 2025, 2025년 4분기, Q4 2025
charts   bar, stacked monthly bar and network charts as self-contained SVG strings
"""

from stackwatch.prose.charts import bar_chart, korean_font_path, network_chart, stacked_bars_by_month
from stackwatch.prose.dates import english_date, korean_date
from stackwatch.prose.josa import PARTICLE_PAIRS, josa, particle
from stackwatch.prose.money import english_amount, korean_amount, korean_usd_with_krw

__all__ = [
    "PARTICLE_PAIRS",
    "bar_chart",
    "english_amount",
    "english_date",
    "josa",
    "korean_amount",
    "korean_date",
    "korean_font_path",
    "korean_usd_with_krw",
    "network_chart",
    "particle",
    "stacked_bars_by_month",
]
