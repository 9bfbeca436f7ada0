"""A provider's (or England's) figures, ready to show: the latest month, a year's trend, the breakdown by type.

CONTRACT (the provider page, the England page and the CSV downloads rely on it):
- `figures_for(provider=None)` -> Figures; provider None means England. A fixed number of queries
  (at most 3) however many months and types are stored.
- `Figures.is_synthetic`: True when anything it shows is invented (the page then carries the banner).
- `Figures.latest_month`: the newest Month with any figure for this subject, or None (nothing imported).
- `csv_files(figures)` -> {slug: (file_name, text)}: each chart's and table's data as CSV. The page
  serves each at `<provider address>/<slug>.csv`.
- Template `restraint_figures/_figures.html`, given `figures` (and `subject_name`), renders every figure,
  chart, table and caveat; the page wraps it.
STUB until the figures work lands.
"""

from dataclasses import dataclass


@dataclass
class Figures:
    provider: object = None
    latest_month: object = None
    is_synthetic: bool = False


def figures_for(provider=None):
    return Figures(provider=provider)


def csv_files(figures):
    return {}
