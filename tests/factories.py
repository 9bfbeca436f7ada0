"""Factories for the page tree, built on wagtail-factories."""

import datetime

import factory
import wagtail_factories

from campaigns.models import CampaignIndexPage, CampaignPage, StoryIndexPage, StoryPage
from guides.models import GuideChapterPage, GuidePage
from mindsite.pages.models import HomePage, StandardPage


def body(*headings, text="Some text about restraint."):
    """A StreamField body: a paragraph, then a heading and a paragraph for each heading given."""
    blocks = [("paragraph", f"<p>{text}</p>")]
    for heading in headings:
        blocks += [("heading", {"text": heading, "anchor": ""}), ("paragraph", f"<p>About {heading}.</p>")]
    return [{"type": kind, "value": value} for kind, value in blocks]


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Mind campaigns"
    introduction = "<p>Campaigning for better mental health services.</p>"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")

    class Meta:
        model = StandardPage


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    title = "Campaigns"

    class Meta:
        model = CampaignIndexPage


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = "Restraint in mental health services"
    summary = "Are you concerned about restraint in your area? We can help you campaign for change."
    introduction = "<p>Restraint should only ever be a last resort.</p>"
    partner_credit = "<p>Written with the National Survivor User Network.</p>"

    class Meta:
        model = CampaignPage


class GuidePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Guide {n}")
    summary = "What the guidance says about restraint."
    available_in_print = True
    max_copies_per_order = 50
    first_published = datetime.date(2024, 1, 15)
    last_reviewed = datetime.date(2026, 6, 1)

    class Meta:
        model = GuidePage


class GuideChapterPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Part {n}")
    summary = "A part of the guide."
    body = factory.LazyFunction(lambda: body("First section", "Second section", "Third section"))

    class Meta:
        model = GuideChapterPage


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Stories of local change"

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Story {n}")
    region = "london"
    place = "Lambeth"
    story_date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    summary = "A group asked their trust for its restraint figures."
    is_illustrative = True
    body = factory.LazyFunction(lambda: body("What worried them", "What changed"))

    class Meta:
        model = StoryPage
