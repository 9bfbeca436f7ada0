from .orders import MailDeliveryFailure, OrderSettings, PrintOrder, PrintOrderItem
from .pages import CampaignFeaturedStory, CampaignIndexPage, CampaignPage, StoryIndexPage, StoryPage

__all__ = [
    "CampaignFeaturedStory",
    "CampaignIndexPage",
    "CampaignPage",
    "MailDeliveryFailure",
    "OrderSettings",
    "PrintOrder",
    "PrintOrderItem",
    "StoryIndexPage",
    "StoryPage",
]
