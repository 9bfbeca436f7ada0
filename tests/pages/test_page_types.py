"""Each page type may only be created where it belongs in the tree."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from campaigns.figures.pages import RestraintFiguresPage
from campaigns.models import CampaignIndexPage, CampaignPage, StoryIndexPage, StoryPage
from guides.models import GuideChapterPage, GuidePage
from mindsite.pages.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

ALLOWED = {
    HomePage: {CampaignIndexPage, StandardPage},
    CampaignIndexPage: {CampaignPage},
    CampaignPage: {GuidePage, StoryIndexPage, RestraintFiguresPage},
    GuidePage: {GuideChapterPage},
    GuideChapterPage: set(),
    StoryIndexPage: {StoryPage},
    StoryPage: set(),
    StandardPage: {StandardPage},
    RestraintFiguresPage: set(),
}


@pytest.mark.parametrize("parent", ALLOWED, ids=lambda model: model.__name__)
def test_children_allowed_only_where_they_belong(parent):
    allowed = set(parent.allowed_subpage_models())
    assert allowed == ALLOWED[parent]


def test_guide_parts_cannot_go_under_a_campaign():
    assert not GuideChapterPage.can_create_at(CampaignPage())
    assert GuideChapterPage.can_create_at(GuidePage())


def test_home_page_is_a_root_page_only():
    assert HomePage.allowed_parent_page_models() == [Page]


def test_only_one_story_list_per_campaign(site):
    assert not StoryIndexPage.can_create_at(site.campaign)


def test_story_with_image_must_describe_it(site):
    story = site.stories[0]
    story.image = Image.objects.create(title="Group", file=get_test_image_file())
    story.image_alt_text = " "
    with pytest.raises(ValidationError) as caught:
        story.full_clean()
    assert "image_alt_text" in caught.value.message_dict
