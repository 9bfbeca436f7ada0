from .pages import CampaignFeaturedStory, CampaignIndexPage, CampaignPage, StoryIndexPage, StoryPage, StoryProvider

__all__ = [
    "CampaignFeaturedStory",
    "CampaignIndexPage",
    "CampaignPage",
    "StoryIndexPage",
    "StoryPage",
    "StoryProvider",
]
