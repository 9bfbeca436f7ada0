from .content import StandardPage
from .home import HomePage
from .mail import MailDeliveryFailure
from .site_chrome import SiteChrome

__all__ = ["HomePage", "MailDeliveryFailure", "SiteChrome", "StandardPage"]
