"""The demo's restraint figures: NHS England's layout, every provider and figure invented (see the files' README)."""

from pathlib import Path

import campaigns.restraint_figures

DEMO_FILES = Path(campaigns.restraint_figures.__file__).resolve().parent / "demo"

# Both layouts: today's (April 2024 to March 2025, March twice) and the older one (April and May 2024 as Final,
# which replaces those months). Each is imported once, marked synthetic, and never again (its checksum is kept).
FIGURE_FILES = [
    DEMO_FILES / "mhsds-restrictive-interventions-sample.csv",
    DEMO_FILES / "mhsds-restrictive-interventions-older-layout-sample.csv",
]

# ODS_CODE, NAME, PLACES ("; " between places): the invented places each invented provider serves.
PLACES_FILE = DEMO_FILES / "demo-provider-places.csv"
