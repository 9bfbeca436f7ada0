from .content import StandardPage
from .feedback import PageFeedback
from .home import HomePage
from .mail import MailDeliveryFailure
from .site_chrome import SiteChrome

__all__ = ["HomePage", "MailDeliveryFailure", "PageFeedback", "SiteChrome", "StandardPage"]
