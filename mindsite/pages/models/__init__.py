from .base import BasePage
from .home import HomePage
from .menu_and_footer import MenuAndFooter
from .standard import StandardPage

__all__ = ["BasePage", "HomePage", "MenuAndFooter", "StandardPage"]
