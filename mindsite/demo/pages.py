"""The demo page tree: home, the campaign with its guides and stories, and the site's own pages."""

from mindsite.pages.models.menu_and_footer import CONTACT_EMAIL

from . import PageRef, action, heading, key_point, link, pictures, related_links, text
from .figures import SECTION, SECTION_SLUG
from .guides import GUIDANCE_GUIDE, INFLUENCING_GUIDE
from .stories import STORY_INDEX

SITE_NAME = "Mind campaigns"
ORDER_FORM_URL = "/order-printed-guides/"
STORY_FORM_URL = "/tell-us-your-story/"
EMAIL_LINK = f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>'

CAMPAIGN = {
    "type": "campaigns.CampaignPage",
    "title": "Restraint in mental health services",
    "slug": "restraint-in-mental-health-services",
    "fields": {
        "search_description": (
            "Are you worried about restraint in mental health services where you live? Read our guides, written "
            "with NSUN, and find out how to campaign for change."
        ),
        "summary": (
            "Are you worried about the use of restraint in mental health services where you live? "
            "We can help you campaign for change."
        ),
        # What the campaign wants and why; what a reader can do comes next, as four cards.
        "introduction": (
            "<p>Some services are already working hard to reduce restraint and to stop relying on force. "
            "We want to see that happen everywhere, and you can help.</p>"
            "<p>Mental health services are getting better at recording when they use restraint. "
            "Their figures show that it is used far more than our campaign found in 2013.</p>"
            "<p>The guides are about England. The law and the ways to complain that they describe are "
            "England's.</p>"
        ),
        "actions": [
            action(
                "Read what the guidance says",
                "What restraint is, what the law and guidance say, and your rights.",
                page="what-the-guidance-says",
            ),
            action(
                "See the figures for your area",
                "How often your local mental health provider uses restraint, beside England.",
                page=SECTION_SLUG,
            ),
            action(
                "Raise restraint with your local services",
                "How to get involved, campaign for change and, if you need to, complain.",
                page="influencing-change-in-your-area",
            ),
            action(
                "Order printed copies",
                "Of both guides, for yourself, your group or your ward.",
                url=ORDER_FORM_URL,
            ),
        ],
        "partner_credit": (
            '<p>Both guides were written with the <a href="https://www.nsun.org.uk/">National Survivor User '
            "Network (NSUN)</a>.</p>"
        ),
        "featured_stories": [
            {"story": PageRef("restraint-on-the-agenda")},
            {"story": PageRef("making-sure-families-are-told")},
            {"story": PageRef("using-the-figures")},
        ],
        "body": [
            heading("Why restraint matters"),
            text(
                "Being restrained can be frightening, and it can cause harm. It can also break the trust between "
                "a person and the staff who care for them.",
                "National guidance says restraint should only ever be a last resort, used for the shortest time "
                "possible. It says there should be no planned or intentional restraint face down.",
                "Since 2022, Seni's Law has meant that every mental health unit in England must record each use "
                "of force, and have a named person in charge of reducing it.",
            ),
            key_point(
                "The voices of people who use services, and of their carers, can transform care. "
                "You do not need to be an expert to make a difference."
            ),
            related_links(
                link("What restraint is", page="what-restraint-is"),
                link("What the law says", page="what-the-law-says"),
                link("Making a complaint", page="making-a-complaint"),
                heading="Where to start",
            ),
        ],
        "call_to_action_text": (
            "<p>Order printed copies of the guides to share with your group, your ward or your local service. "
            'Or start reading now with <a linktype="page" id="@what-restraint-is">What restraint is</a>.</p>'
            "<p>Have you helped change how restraint is used where you live? "
            f'<a href="{STORY_FORM_URL}">Tell us your story</a>, or email it to {CONTACT_EMAIL}.</p>'
        ),
    },
    "children": [GUIDANCE_GUIDE, INFLUENCING_GUIDE, SECTION, STORY_INDEX],
}

CAMPAIGN_INDEX = {
    "type": "campaigns.CampaignIndexPage",
    "title": "Campaigns",
    "slug": "campaigns",
    "fields": {
        "search_description": "Mind's campaigns for better mental health care, and how you can get involved.",
        "introduction": (
            "<p>We campaign so that everyone with a mental health problem gets support and respect. "
            "Find out about our campaigns and how you can get involved.</p>"
        ),
    },
    "children": [CAMPAIGN],
}


PRIVACY_NOTICE = {
    "type": "mindsite.StandardPage",
    "title": "Privacy notice",
    "slug": "privacy-notice",
    "fields": {
        "search_description": (
            "How Mind uses your personal information when you order printed copies of our guides on this "
            "website, how long we keep it, and your rights."
        ),
        "body": [
            text(
                "This notice explains what we do with your personal information when you order printed copies of "
                "our guides on this website.",
            ),
            heading("Who we are"),
            text(
                "This website is run by Mind, the mental health charity. Mind is a registered charity in England "
                "and Wales (no. 219830). We are responsible for the personal information you give us on this "
                "site.",
            ),
            heading("What we collect"),
            text(
                f'When you <a href="{ORDER_FORM_URL}">order printed guides</a>, the order form asks for:',
                "<ul>"
                "<li>your name</li>"
                "<li>your email address</li>"
                "<li>the name of your group or organisation, if you give it</li>"
                "<li>the postal address to send the guides to</li>"
                "<li>what you will use the guides for, if you tell us</li>"
                "<li>whether you would like news about the campaign</li>"
                "</ul>",
                "We also record which guides you ordered, how many copies, and when.",
            ),
            heading("Why we collect it"),
            text(
                "We use your information to deal with your order:",
                "<ul>"
                "<li>your name and address, to post the guides to you</li>"
                "<li>your email address, to confirm your order and to contact you if there is a problem with "
                "it</li>"
                "<li>your organisation and what you will use the guides for, to help us plan how many guides to "
                "print and to understand where they are useful</li>"
                "</ul>",
                "Our lawful basis for this is legitimate interests: you have asked us for the guides, and we need "
                "these details to send them to you.",
                "If you tick the box to get news about the campaign, we will also use your email address to send "
                "you that news. We only do this if you ask us to, and you can unsubscribe at any time.",
                "We will never sell your information.",
            ),
            heading("Who can see it"),
            text(
                "Only the people in our campaigns team who handle orders can see your details. We use an email "
                "service to send messages about your order. We do not share your details with anyone else, "
                "unless the law says we must.",
            ),
            heading("How long we keep it"),
            text(
                "We erase your name, email address, organisation, postal address and what you told us about your "
                "order <b>90 days after we post your order</b>. If your order is cancelled, we erase them 90 days "
                "after it is cancelled.",
                "After that, we keep only which guides we sent, how many, and the first part of the postcode "
                "(for example, SW1A). This shows us which areas the guides reach. It does not identify you.",
            ),
            heading("Your rights"),
            text(
                "You have the right to:",
                "<ul>"
                "<li>ask for a copy of the information we hold about you</li>"
                "<li>ask us to correct it if it is wrong</li>"
                "<li>ask us to erase it sooner</li>"
                "<li>object to how we use it</li>"
                "</ul>",
                f"To do any of these, email us at {EMAIL_LINK}.",
            ),
            heading("Cookies"),
            text(
                "This site does not use cookies to track you or for advertising. It only uses the cookies it "
                "needs to work, such as one that keeps the order form secure.",
            ),
            heading("Contact us"),
            text(
                f"If you have a question about this notice or about your information, email {EMAIL_LINK}.",
                "If you are unhappy with how we have handled your information, you can complain to the "
                'Information Commissioner\'s Office (ICO) at <a href="https://ico.org.uk/">ico.org.uk</a>.',
            ),
        ],
    },
}

ACCESSIBILITY_STATEMENT = {
    "type": "mindsite.StandardPage",
    "title": "Accessibility statement",
    "slug": "accessibility",
    "fields": {
        "search_description": (
            "How accessible this website is, and how to contact Mind if you have a problem using it or need "
            "information in a different format."
        ),
        "body": [
            text(
                "This statement is about this website, which is run by Mind. It explains how accessible the site "
                "is, and how to contact us if you have a problem using it.",
            ),
            heading("Using this website"),
            text(
                "We want as many people as possible to be able to use this website. We have designed it so that "
                "you should be able to:",
                "<ul>"
                "<li>zoom in up to 400% without the text spilling off the screen</li>"
                "<li>use the whole site with just a keyboard</li>"
                "<li>use the site with a screen reader</li>"
                "<li>use the site, including the order form, with JavaScript turned off</li>"
                "<li>read each guide part by part, or as a whole guide on one page that you can print</li>"
                "</ul>",
                "We have also tried to make the words as simple as possible to understand.",
            ),
            heading("How accessible this website is"),
            text(
                "We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. We check the site "
                "with automated tests each time we change it.",
                "Some parts may not be fully accessible yet. If you find a problem, please tell us.",
            ),
            heading("Information in a different format"),
            text(
                "If you need information on this website in a different format, such as large print, easy read "
                f"or audio, email {EMAIL_LINK}. Tell us what you need, and we will do our best to help.",
                f'You can also <a href="{ORDER_FORM_URL}">order printed copies of our guides</a>.',
            ),
            heading("Reporting problems with this website"),
            text(
                "We are always looking to make this website easier to use. If you find a problem that we have not "
                f"mentioned here, or you think we are not meeting accessibility standards, email {EMAIL_LINK}.",
            ),
        ],
    },
}

HOME = {
    "type": "mindsite.HomePage",
    "title": "Mind campaigns",
    "slug": "home",
    "fields": {
        # The browser tab reads "Campaigning for better mental health care | Mind campaigns", not the name twice.
        "seo_title": "Campaigning for better mental health care",
        "search_description": (
            "Mind, the mental health charity, campaigns so that everyone with a mental health problem gets "
            "support and respect. Find out about our campaign on restraint."
        ),
        "introduction": (
            "<p>We're Mind, the mental health charity. We campaign so that everyone with a mental health "
            "problem gets support and respect.</p>"
        ),
        "image": pictures.HOME,
        "image_is_decorative": True,
        "featured_campaign": PageRef("restraint-in-mental-health-services"),
        "featured_heading": "Are you worried about restraint in your area?",
        "featured_text": (
            "Read our guides, written with the National Survivor User Network, and find out how you can campaign "
            "for change where you live."
        ),
        "featured_link_text": "Find out about the campaign",
    },
    "children": [CAMPAIGN_INDEX, PRIVACY_NOTICE, ACCESSIBILITY_STATEMENT],
}

# The whole tree, from the page under Wagtail's root.
TREE = HOME
