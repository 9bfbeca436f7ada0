"""The menu, crisis help, promotions and footer links every page shows (the MenuAndFooter setting)."""

from mindsite.pages.models.menu_and_footer import CONTACT_EMAIL

from . import link
from .figures import SECTION_SLUG
from .pages import ORDER_FORM_URL

MENU = [
    link("The campaign", page="restraint-in-mental-health-services"),
    link("What the guidance says", page="what-the-guidance-says"),
    link("Influencing change", page="influencing-change-in-your-area"),
    link("Restraint in your area", page=SECTION_SLUG),
    link("Stories", page="stories"),
    link("Order printed guides", ORDER_FORM_URL),
]

# Menu items added to the demo since it was first loaded. A demo site whose menu is still as an earlier
# loader left it gets them in their places; a menu an editor has changed is left alone.
MENU_ADDED = [MENU[3]]


PROMOTIONS = [
    {
        "title": "Mental Health A-Z",
        "text": "Information and advice on a wide range of mental health topics.",
        "link_text": "Read our A-Z",
        "url": "https://www.mind.org.uk/information-support/a-z-mental-health/",
    },
    {
        "title": "Training",
        "text": "Courses to help you understand and support people with mental health problems.",
        "link_text": "View our courses",
        "url": "https://www.mind.org.uk/workplace/mind-training/",
    },
    {
        "title": "Special offers",
        "text": "Offers on our print and digital booklets in the Mind shop, for a limited time only.",
        "link_text": "Visit our shop",
        "url": "https://shop.mind.org.uk/",
    },
]

FOOTER_LINKS = [
    link("Privacy notice", page="privacy-notice"),
    link("Accessibility statement", page="accessibility"),
    link("Contact the campaigns team", f"mailto:{CONTACT_EMAIL}"),
]
