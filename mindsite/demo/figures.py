"""The demo's restraint figures: NHS England's layout, every provider and figure invented (see the files' README)."""

import datetime
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

# What editors "found" of the invented providers' Use of Force Act duties (campaigns/figures/duties.py): a mix of
# found, not found and not known, every source on example.org (a name kept for examples) and every day made up,
# like the providers. Each duty is (status, source path, day checked); a provider not named keeps "not known".
DEMO_DUTY_DAY = datetime.date(2025, 4, 14)
DEMO_DUTIES = {
    "Z0001": {
        "responsible_person": ("yes", "board-papers-march-2025", DEMO_DUTY_DAY),
        "policy": ("yes", "use-of-force-policy", DEMO_DUTY_DAY),
        "patient_information": ("yes", "your-rights-leaflet", DEMO_DUTY_DAY),
        "training": ("yes", "use-of-force-policy", DEMO_DUTY_DAY),
    },
    "Z0002": {
        "responsible_person": ("yes", "about-us/our-board", DEMO_DUTY_DAY),
        "policy": ("yes", "policies/use-of-force", DEMO_DUTY_DAY),
        "patient_information": ("no", "patients-and-visitors", DEMO_DUTY_DAY),
    },
    "Z0004": {
        "responsible_person": ("no", "about-us", DEMO_DUTY_DAY),
        "policy": ("no", "policies", DEMO_DUTY_DAY),
    },
    "Z0005": {
        "responsible_person": ("yes", "board-papers", DEMO_DUTY_DAY),
        "policy": ("yes", "reducing-restrictive-practice", DEMO_DUTY_DAY),
        "patient_information": ("yes", "reducing-restrictive-practice", DEMO_DUTY_DAY),
    },
    "Z0006": {"policy": ("yes", "policies/use-of-force", None)},
    "Z0008": {
        "responsible_person": ("yes", "annual-report", DEMO_DUTY_DAY),
        "policy": ("no", "policies", DEMO_DUTY_DAY),
        "training": ("yes", "annual-report", DEMO_DUTY_DAY),
    },
    "Z0010": {"policy": ("yes", "use-of-force-policy", DEMO_DUTY_DAY)},
    "Z9001": {
        "policy": ("yes", "our-policies/restrictive-practice", DEMO_DUTY_DAY),
        "patient_information": ("no", "our-hospitals", DEMO_DUTY_DAY),
    },
}


def set_demo_duties():
    """Give the invented providers their invented duties, once: a provider whose duties an editor has changed
    (any not "not known") keeps them. Returns the ODS codes changed."""
    from campaigns.figures.records import DUTY_KEYS, DutyStatus, Provider

    changed = []
    for provider in Provider.objects.filter(ods_code__in=DEMO_DUTIES, is_synthetic=True):
        if any(getattr(provider, f"{key}_status") != DutyStatus.NOT_KNOWN for key in DUTY_KEYS):
            continue
        for key, (status, path, day) in DEMO_DUTIES[provider.ods_code].items():
            setattr(provider, f"{key}_status", status)
            setattr(provider, f"{key}_source", f"https://example.org/{provider.ods_code.lower()}/{path}")
            setattr(provider, f"{key}_checked", day)
        provider.save()
        changed.append(provider.ods_code)
    return changed
