"""What the figures mean: NHS England's file carries codes only, so the site keeps the names here."""

import datetime

from django.db import models


class Metric(models.TextChoices):
    """The measures the site imports; any other METRIC in a file is skipped and counted."""

    PEOPLE = "MHS76", "People subject to restrictive intervention in the month"
    INTERVENTIONS = "MHS77", "Restrictive interventions (incident × type)"
    RATE_PER_1000_BED_DAYS = "MHS96", "Restrictive interventions per 1,000 occupied bed days"
    PERCENT_OF_PEOPLE = "MHS97", "Percentage of people in hospital who were restrained"
    INCIDENTS = "MHS136", "Incidents"
    INTERVENTIONS_PER_INCIDENT = "MHS137", "Restrictive interventions per incident"


class Level(models.TextChoices):
    ENGLAND = "england", "England"
    REGION = "region", "Region"
    PROVIDER = "provider", "Provider"


# The code a figure for the whole of England is stored under (the file writes "England").
ENGLAND_CODE = "ENGLAND"

# BREAKDOWN (lower case, spaces collapsed) -> (level, whether LEVEL_TWO holds an intervention type code).
# The older layout writes "Restrictive intervention type" in lower case; any other breakdown is skipped.
BREAKDOWNS = {
    "england": (Level.ENGLAND, False),
    "england; restrictive intervention type": (Level.ENGLAND, True),
    "region": (Level.REGION, False),
    "provider": (Level.PROVIDER, False),
    "provider; restrictive intervention type": (Level.PROVIDER, True),
}


class Status(models.TextChoices):
    """How final a month's figures are. A month published twice keeps the higher one."""

    PROVISIONAL = "provisional", "Provisional"
    PERFORMANCE = "performance", "Performance"
    ADHOC = "adhoc", "Adhoc"
    FINAL = "final", "Final"


# Final > Adhoc > Performance > Provisional.
STATUS_RANK = {Status.PROVISIONAL: 1, Status.PERFORMANCE: 2, Status.ADHOC: 3, Status.FINAL: 4}

# STATUS as files write it (lower case) -> Status. "End of Year" is the final publication's other name.
STATUS_NAMES = {
    "provisional": Status.PROVISIONAL,
    "performance": Status.PERFORMANCE,
    "adhoc": Status.ADHOC,
    "ad hoc": Status.ADHOC,
    "final": Status.FINAL,
    "end of year": Status.FINAL,
}

# Intervention type code (two digits, leading zero kept) -> (name, group). Codes not listed are kept as published.
INTERVENTION_TYPES = {
    "01": ("Physical restraint: prone (face down)", "prone"),
    "04": ("Mechanical restraint", "mechanical"),
    "05": ("Seclusion", "seclusion"),
    "06": ("Segregation", "segregation"),
    "07": ("Physical restraint: standing", "physical"),
    "08": ("Physical restraint: restrictive escort", "physical"),
    "09": ("Physical restraint: supine (face up)", "physical"),
    "10": ("Physical restraint: side", "physical"),
    "11": ("Physical restraint: seated", "physical"),
    "12": ("Physical restraint: kneeling", "physical"),
    "13": ("Physical restraint: other", "physical"),
    "14": ("Chemical restraint: rapid tranquillisation by injection", "chemical"),
    "15": ("Chemical restraint: other injection", "chemical"),
    "16": ("Chemical restraint: oral", "chemical"),
    "17": ("Chemical restraint: other", "chemical"),
}


def intervention_type_name(code):
    if not code:
        return "All types"
    name, _ = INTERVENTION_TYPES.get(code, (f"Type {code}", ""))
    return name


# NHS England changed how the figures are counted from July 2022 (MHSDS v5): said beside any trend that crosses it.
METHODOLOGY_CHANGE = datetime.date(2022, 7, 1)
