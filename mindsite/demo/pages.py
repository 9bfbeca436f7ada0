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
            "How Mind uses your personal information when you order printed guides, tell us your story, ask for "
            "emails about restraint figures or tell us whether a page was useful: what we keep, why, and when it goes."
        ),
        "body": [
            text(
                "This notice explains what we do with your personal information when you use this website: when "
                "you order printed copies of our guides, tell us your story, ask us to email you when new restraint "
                "figures are out, or tell us whether a page was useful.",
                "You can read the guides, the stories and the restraint figures without giving us any personal "
                "information.",
            ),
            heading("Who we are"),
            text(
                "This website is run by Mind, the mental health charity. Mind is a registered charity in England "
                "and Wales (no. 219830). We are responsible for the personal information you give us on this "
                "site.",
            ),
            heading("When you order printed guides"),
            text(
                f'The <a href="{ORDER_FORM_URL}">order form</a> asks for:',
                "<ul>"
                "<li>your name</li>"
                "<li>your email address</li>"
                "<li>the name of your group or organisation, if you give it</li>"
                "<li>the postal address to send the guides to</li>"
                "<li>what you will use the guides for, if you tell us</li>"
                "<li>whether you would like news about the campaign</li>"
                "</ul>",
                "We use your name and address to post the guides, and your email address to confirm your order and "
                "to contact you if there is a problem with it. Your organisation and what you will use the guides for "
                "help us plan how many to print and understand where they are useful. Our lawful basis is "
                "legitimate interests: you have asked us for the guides, and we need these details to send them.",
                "If you tick the box to get news about the campaign, we will also use your email address to send "
                "you that news. We only do this if you ask us to, and you can unsubscribe at any time.",
                "<b>How long we keep it:</b> we erase your name, email address, organisation, postal address and "
                "what you told us <b>90 days after we post your order</b>, or 90 days after it is cancelled. An "
                "order we have not posted within 90 days is cancelled and erased then. After that we keep only "
                "which guides we sent, how many, when, and the first part of the postcode (for example, SW1A), "
                "which does not identify you.",
            ),
            heading("When you tell us your story"),
            text(
                f'The <a href="{STORY_FORM_URL}">story form</a> asks what happened and what changed, where it '
                "happened, the hospital or service if you want to name it, who you are to the story, how you would "
                "like to be named if we publish it, your name and your email address, and whether we may publish it "
                "and contact you about it. What you write may be about your health or someone else's.",
                "Our lawful basis is your consent, and for information about health, your explicit consent. We "
                "publish nothing without your consent and without our campaigns team reviewing it first. You can "
                "withdraw your consent at any time by emailing us, and we will take the story down.",
                "<b>Who can see it:</b> editors who review stories can read what you wrote. Only our campaigns team "
                "can see your name and email address, which we keep apart from your story.",
                "<b>How long we keep it:</b> we erase your name and email address <b>90 days after we publish or "
                "decide not to publish your story</b>, or 180 days after you sent it if we have not decided by then. "
                "If we do not publish it, what you wrote is deleted at the same time. If we publish it, the "
                "published story stays, named as you chose, and the version you first sent us is deleted then too.",
            ),
            heading("When you ask for emails about restraint figures"),
            text(
                "On the restraint figures pages you can ask us to email you when a provider's or England's new "
                "figures are out. We ask only for your email address. We send you a link to confirm first, and "
                "nothing else until you follow it. Our lawful basis is your consent.",
                "<b>How long we keep it:</b> if you do not confirm, we erase your address <b>after 7 days</b>. If "
                "you confirm, we keep it until you stop the emails: every email has a link to stop them, and "
                "following it erases your address at once.",
            ),
            heading("When you tell us whether a page was useful"),
            text(
                "We do not ask for your name or email address. If you write in the box about what was wrong, please "
                "do not include personal details. We blank what you wrote after one year, and keep only the yes or "
                "no answer and the date.",
            ),
            heading("Your internet address"),
            text(
                "To stop automated spam, we count how many forms are sent from one internet connection in an hour. "
                "We keep only a scrambled form of the internet address (a keyed hash), never the address itself, "
                "and it goes after an hour. We do not keep a log of visits.",
            ),
            heading("Who else sees it"),
            text(
                "We use an email service to send the emails described here. We keep backups of the website for 30 "
                "days, so information we have erased from the site stays in a backup until that backup is deleted. "
                "We do not share your details with anyone else, unless the law says we must. We will never sell "
                "your information.",
            ),
            heading("Your rights"),
            text(
                "You have the right to:",
                "<ul>"
                "<li>ask for a copy of the information we hold about you</li>"
                "<li>ask us to correct it if it is wrong</li>"
                "<li>ask us to erase it sooner</li>"
                "<li>object to how we use it, or withdraw your consent</li>"
                "</ul>",
                f"To do any of these, email us at {EMAIL_LINK}.",
            ),
            heading("Cookies"),
            text(
                "This site does not use cookies to track you or for advertising. It only uses the cookies it "
                "needs to work, such as one that keeps the order and story forms secure.",
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
