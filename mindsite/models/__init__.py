from .content import StandardPage
from .home import HomePage
from .site_chrome import SiteChrome

__all__ = ["HomePage", "SiteChrome", "StandardPage"]
