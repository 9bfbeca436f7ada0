"""The demo's restraint figures: NHS England's layout, every provider and figure invented (see the files' README)."""

from pathlib import Path

import campaigns.figures

from . import PageRef

DEMO_FILES = Path(campaigns.figures.__file__).resolve().parent / "demo"

# Both layouts: today's (April 2024 to March 2025, March twice) and the older one (April and May 2024 as Final,
# which replaces those months). Each is imported once, marked synthetic, and never again (its checksum is kept).
FIGURE_FILES = [
    DEMO_FILES / "mhsds-restrictive-interventions-sample.csv",
    DEMO_FILES / "mhsds-restrictive-interventions-older-layout-sample.csv",
]

# The invented providers as NHS England's Organisation Data Service publishes real ones (headerless, ODS's
# 27 columns): NHS trusts (etr) and an independent provider (ephp), with their sites (ets, ephpsite) in the
# invented towns the finder knows them by. Imported the same way as real files (campaigns/figures/ods.py).
ODS_FILES = [DEMO_FILES / "ods" / name for name in ["etr.csv", "ephp.csv", "ets.csv", "ephpsite.csv"]]

# The campaign's section that shows them. Its "What you can do" links to the guide's part on raising concerns.
SECTION_SLUG = "restraint-in-your-area"
SECTION = {
    "type": "restraint_figures.RestraintFiguresPage",
    "title": "Restraint in your area",
    "slug": SECTION_SLUG,
    "fields": {
        "search_description": (
            "Find the mental health provider where you live and see how often it uses restraint, beside England, "
            "from NHS England's monthly figures. Then find out what you can do."
        ),
        "intro": (
            "<p>Are you concerned about the use of restraint in your area? NHS England publishes, every month, how "
            "often each mental health provider in England restrains people. Find your provider to see its figures "
            "beside England's, what they mean, and what you can do about them.</p>"
        ),
        "influencing_part": PageRef("campaigning-for-change"),
    },
}
