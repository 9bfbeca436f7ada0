from .pages import CampaignFeaturedStory, CampaignIndexPage, CampaignPage, StoryIndexPage, StoryPage

__all__ = [
    "CampaignFeaturedStory",
    "CampaignIndexPage",
    "CampaignPage",
    "StoryIndexPage",
    "StoryPage",
]
