"""The two guides written with NSUN, each with its parts, in reading order."""

import datetime

from . import TEXT_DATE, heading, key_point, link, pictures, quote, related_links, story_teaser, text

PARTNER_CREDIT = "Written with the National Survivor User Network (NSUN)."

GUIDE_FIELDS = {
    "partner_credit": PARTNER_CREDIT,
    "available_in_print": True,
    "max_copies_per_order": 50,
    "first_published": datetime.date(2015, 10, 1),
    # The words were last checked against public sources on TEXT_DATE; guides are reviewed yearly.
    "last_reviewed": TEXT_DATE,
    "next_review_due": TEXT_DATE.replace(year=TEXT_DATE.year + 1),
}


def part(title, slug, summary, body):
    return {
        "type": "guides.GuideChapterPage",
        "title": title,
        "slug": slug,
        # The summary is also what search engines show under the part's title.
        "fields": {"summary": summary, "search_description": summary, "body": body},
    }


# Guide 1 ---------------------------------------------------------------------------------

WHAT_RESTRAINT_IS = part(
    "What restraint is",
    "what-restraint-is",
    "What restraint means in a mental health service, the different kinds, and why it matters.",
    [
        text(
            "This guide is for anyone who wants to understand how restraint is used in mental health services. "
            "You might use services yourself, or care about someone who does. You might work in a service, "
            "or belong to a local group.",
            "It is about England. The law and the ways to complain are different in Wales, Scotland and "
            "Northern Ireland.",
            "Some of it may bring back difficult memories. Take it at your own pace. You can stop, and come back "
            "to it at any time.",
        ),
        heading("What restraint means"),
        text(
            "Restraint is when staff stop a person from moving freely, or keep them in one place, "
            "without their agreement.",
            "Staff in mental health services are sometimes allowed to do this. It is meant to keep people safe "
            "at a moment of serious risk. It should never be used to punish someone, or because a ward is busy "
            "or short of staff.",
            "Restraint is one kind of <b>restrictive intervention</b>. This is the name for anything that limits "
            "what a person can do, to keep them or other people safe.",
        ),
        heading("The different kinds of restrictive intervention"),
        text(
            "The law and the guidance talk about several kinds:",
            "<ul>"
            "<li><b>Physical restraint</b>: staff hold a person to stop them moving.</li>"
            "<li><b>Face-down restraint</b>, also called prone restraint: a person is held lying on their front. "
            "This is especially risky. The next part explains what each piece of guidance says about it.</li>"
            "<li><b>Mechanical restraint</b>: using a device, such as a belt or cuffs, to limit movement.</li>"
            "<li><b>Chemical restraint</b>: using medicine to calm a person or limit their movement. One kind is "
            "<b>rapid tranquillisation</b>: medicine given by injection when medicine by mouth is not possible "
            "or not right for the person.</li>"
            "<li><b>Seclusion</b>: keeping a person alone in a room they cannot leave.</li>"
            "<li><b>Segregation</b>: keeping a person apart from other people on the ward for a long time.</li>"
            "</ul>",
            "The law on the use of force in mental health units covers all of these. You can read about it in "
            '<a linktype="page" id="@what-the-law-says">part 2, What the law says</a>.',
        ),
        heading("Why it matters"),
        text(
            "Being restrained can be frightening and upsetting. It can hurt, and it can cause injuries. "
            "For some people it brings back memories of past trauma. It can also break the trust between a "
            "person and the staff who care for them.",
            "Seeing someone else being restrained can be distressing too, for other patients, for visitors "
            "and for staff.",
            "In the worst cases, people have died. This is why the law and the guidance say restraint must "
            "only ever be a last resort.",
        ),
        key_point(
            "Restraint should only be used as a last resort, when nothing else will keep people safe. "
            "It should last for the shortest time possible."
        ),
        heading("Why we are campaigning"),
        text(
            "In 2013 we used Freedom of Information requests to ask mental health trusts in England how often "
            "they used physical restraint. Their answers showed at least 39,883 incidents in a single year. "
            "Some trusts used restraint far more than others.",
            "Since then, services have got better at recording restraint. The figures they report now are much "
            "higher than the ones we found in 2013. Better recording is a good thing, because it shows the real "
            "size of the problem. But it also shows there is still a long way to go.",
            "Some services are doing great work to reduce restraint and to stop relying on force. "
            "We want to see that everywhere. This guide explains what good care should look like, so that you "
            "can ask for it where you live.",
        ),
        related_links(
            link("Our campaign: Restraint in mental health services", page="restraint-in-mental-health-services"),
            link(
                "Mental Health A-Z: information on a wide range of topics (Mind)",
                "https://www.mind.org.uk/information-support/a-z-mental-health/",
            ),
            heading="More about the campaign",
        ),
    ],
)

WHAT_THE_LAW_SAYS = part(
    "What the law says",
    "what-the-law-says",
    "The Mental Health Units (Use of Force) Act 2018, known as Seni's Law, and what it means for mental health "
    "units in England.",
    [
        text(
            "Since 2022, a law in England has set out what mental health units must do about the use of force. "
            "It is called the Mental Health Units (Use of Force) Act 2018. Many people know it as "
            "<b>Seni's Law</b>.",
        ),
        heading("Why it is called Seni's Law"),
        text(
            "The law is named after Olaseni Lewis, known as Seni. Seni died in 2010, after he was restrained "
            "in a mental health unit. His family campaigned for years so that other families would not go "
            "through the same thing.",
            "The law received Royal Assent, which means it became an Act of Parliament, on 1 November 2018. "
            "Most of it came into force on 31 March 2022. Two parts did not start then: section 12, on police "
            "body cameras, and sections 7 and 8, on the Act's own statistics and yearly report.",
        ),
        heading("Who the law covers"),
        text(
            "The law covers mental health units in England. These are hospital wards where people stay to be "
            "treated for their mental health. It covers NHS hospitals, and private hospitals that treat NHS "
            "patients.",
            "The law talks about the <b>use of force</b>. This means physical, mechanical or chemical restraint, "
            "and keeping a person apart from others through seclusion or segregation.",
        ),
        heading("What every mental health unit must do"),
        text(
            "Under the law, the organisation that runs a unit, such as an NHS trust, must:",
            "<ul>"
            "<li>have one <b>responsible person</b>: a senior manager whose job is to make sure its units "
            "follow the law</li>"
            "<li>publish a <b>policy</b> that says how it will reduce the use of force</li>"
            "<li>tell patients about their <b>rights</b> on the use of force</li>"
            "<li><b>train staff</b> in how to avoid and reduce the use of force</li>"
            "<li><b>record every use of force</b>, including what happened and why</li>"
            "</ul>",
        ),
        key_point(
            "If you are a patient in a mental health unit in England, staff must give you information about "
            "your rights on the use of force. If you have not been given it, you can ask for it."
        ),
        heading("Records, figures and body cameras"),
        text(
            "Because every use of force must be recorded, we can now see how often it happens. Records are "
            "kept for 3 years. Force that the government's guidance calls negligible does not have to be "
            "recorded.",
            "National figures come from NHS England's Mental Health Services Data Set. It is published every "
            "month, provider by provider.",
            "Our other guide explains how to find these figures and use them. See "
            '<a linktype="page" id="@finding-and-using-the-data">Finding and using the data</a>.',
            "The Act also provides for police officers who are called to help in a mental health unit to wear "
            "a body camera, where they reasonably can. But this section, section 12, was not started with the "
            "rest of the Act in 2022.",
        ),
        heading("What the law does not do"),
        text(
            "The law does not ban restraint. Staff can still use force when it is needed to keep people safe.",
            "But the law makes services more open about how often they use force. And it puts a named person "
            "in charge of reducing it. That gives campaigners someone to talk to, and something clear to ask "
            "about.",
        ),
        quote(
            "Once I knew the unit had to tell me my rights, I felt I had something solid to stand on.",
            "Dan, from one of our example stories",
        ),
        related_links(
            link(
                "Mental Health Units (Use of Force) Act 2018 (legislation.gov.uk)",
                "https://www.legislation.gov.uk/ukpga/2018/27",
            ),
            link(
                "Government guidance on the Act (GOV.UK)",
                "https://www.gov.uk/government/publications/mental-health-units-use-of-force-act-2018",
            ),
            heading="Read the law",
        ),
    ],
)

KEY_POINTS_FROM_THE_GUIDANCE = part(
    "Key points from the guidance",
    "key-points-from-the-guidance",
    "What national guidance says about when and how restrictive interventions may be used: as a last resort, "
    "for the shortest time, and never face down on purpose.",
    [
        text(
            "As well as the law, there is national guidance on restraint. Guidance says what good care looks "
            "like. Services are expected to follow it. Inspectors check that they do.",
            "This part sums up three of the most important pieces of guidance. Each one has a long name, but "
            "the main points are simple.",
        ),
        heading("Positive and Proactive Care (2014)"),
        text(
            "In April 2014 the Department of Health published <i>Positive and Proactive Care: reducing the need "
            "for restrictive interventions</i>. It was written for adult health and social care. Separate "
            "guidance for children and young people followed in June 2019.",
            "It says that:",
            "<ul>"
            "<li>restrictive interventions should only ever be used as a <b>last resort</b></li>"
            "<li>when they are used, it should be for the <b>shortest time possible</b></li>"
            "<li>there should be no planned or intentional restraint <b>face down</b>, in what is called the "
            "prone position</li>"
            "<li>people who use services, and their families and carers, should be involved in planning their "
            "care</li>"
            "</ul>",
        ),
        heading("NICE guideline NG10 (2015)"),
        text(
            "NICE, the National Institute for Health and Care Excellence, advises the NHS on good care. "
            "In May 2015 it published guideline NG10, <i>Violence and aggression: short-term management in "
            "mental health, health and community settings</i>.",
            "It explains how staff can notice the early signs that someone is becoming distressed, and help "
            "them to feel calmer before things get worse. This is called <b>de-escalation</b>.",
            "It says restrictive interventions should only be used when de-escalation and other ways of helping "
            "have not worked.",
            "On face-down restraint, NG10 says staff should:",
            "<ul>"
            "<li>avoid taking a person to the floor</li>"
            "<li>hold a person face up rather than face down</li>"
            "<li>only hold a person face down if they must, and for as short a time as possible</li>"
            "<li>never put pressure on the neck, chest or stomach, or block the mouth or nose</li>"
            "<li>have one member of staff watch the person's breathing and physical health</li>"
            "</ul>",
            "After rapid tranquillisation, NG10 asks staff to check the person's physical health, and to talk "
            "it through with them afterwards.",
        ),
        heading("The Mental Health Act Code of Practice (2015)"),
        text(
            "The Mental Health Act 1983 is the law that allows people to be kept in hospital for treatment. "
            "Its Code of Practice tells staff how to use the Act well. The current code for England came out "
            "in 2015. This guide is about England.",
            "Chapter 26 of the code is about how staff should respond, safely and kindly, when a person is very "
            "distressed. Its title is <i>Safe and therapeutic responses to disturbed behaviour</i>. It covers "
            "restraint, seclusion and segregation.",
            "It asks services to work hard to prevent distress, to understand what causes it, and to choose "
            "the option that limits a person's freedom the least.",
            "On face-down restraint, the code (paragraph 26.70) says it should only be used if there are "
            "cogent, meaning strong and clear, reasons for it.",
        ),
        key_point(
            "<ul>"
            "<li>Restraint is a last resort.</li>"
            "<li>It should last for the shortest time possible.</li>"
            "<li>Face-down restraint is the most risky. Each piece of guidance limits it in its own way.</li>"
            "<li>The aim is to prevent distress in the first place.</li>"
            "</ul>",
            title="The guidance in short",
        ),
        heading("What this means for you"),
        text(
            "You do not need to know the guidance by heart. But it helps to know that it exists, and what it asks for.",
            "If you are worried about a service, you can ask how it follows the guidance. For example, you could ask:",
            "<ul>"
            "<li>How do staff help people before they become very distressed?</li>"
            "<li>How often is face-down restraint used, and why?</li>"
            "<li>How are patients and carers involved in planning care?</li>"
            "</ul>",
            "Good services will be glad you asked.",
        ),
        related_links(
            link("NICE guideline NG10: Violence and aggression", "https://www.nice.org.uk/guidance/ng10"),
            link(
                "Positive and Proactive Care (GOV.UK)",
                "https://www.gov.uk/government/publications/positive-and-proactive-care-reducing-restrictive-interventions",
            ),
            link(
                "Mental Health Act 1983: Code of Practice (GOV.UK)",
                "https://www.gov.uk/government/publications/code-of-practice-mental-health-act-1983",
            ),
            heading="Read the guidance",
        ),
    ],
)

WHAT_GOOD_PRACTICE_LOOKS_LIKE = part(
    "What good practice looks like",
    "what-good-practice-looks-like",
    "How services are working to use restraint less: restraint reduction, better training for staff, and "
    "inspection by the Care Quality Commission.",
    [
        text(
            "Across the country, many services are working hard to use restraint less. The best of them show "
            "that big changes are possible, and that wards can be calmer and safer for everyone.",
            "This part describes what good practice looks like, so you know what to look for, and what to ask "
            "for, where you live.",
        ),
        heading("Restraint reduction"),
        text(
            "Good services treat reducing restraint as everyone's job, from the board to the ward. They often:",
            "<ul>"
            "<li>have a plan to reduce restraint, with clear goals</li>"
            "<li>look at their figures often, ward by ward</li>"
            "<li>talk with each patient about what upsets them and what helps them feel calm, and write this "
            "into their care plan</li>"
            "<li>make wards calmer places, with things to do, quiet spaces and enough staff</li>"
            "<li>talk about every use of restraint afterwards, to learn how it could have been avoided</li>"
            "<li>involve people who use services, and carers, in all of this</li>"
            "</ul>",
        ),
        quote(
            "Ask any ward what helps people feel calm. If the staff can answer straight away, that's a good sign.",
            "Jo, from one of our example stories",
        ),
        heading("Training for staff"),
        text(
            "Staff need good training to help people without using force. The Restraint Reduction Network is "
            "an independent group. It brings together services, professionals and people with lived "
            "experience. In 2019 it published its <b>Training Standards</b>.",
            "The standards focus on human rights, on preventing distress, and on calming things down. "
            "They were written with people who have lived experience of restraint.",
            "If the NHS pays for a service, any training its staff get in restraint must now be certified as "
            "meeting these standards. You can ask a service whether its training is certified.",
        ),
        story_teaser(
            "a-calmer-ward",
            "How a peer group helped patients and staff design a calm room, and what happened next.",
        ),
        heading("Inspection by the Care Quality Commission"),
        text(
            "The Care Quality Commission (CQC) checks health and care services in England. Its inspectors visit "
            "mental health services and talk to patients and staff.",
            "CQC reports describe how each service uses restraint, and whether it is working to reduce it. "
            "The reports are free to read on the CQC website. They are a good place to start if you want to "
            "know more about a service near you.",
        ),
        heading("Signs of a service that is reducing restraint"),
        text(
            "<ul>"
            "<li>It shares its figures openly, and can tell you whether they are going down.</li>"
            "<li>Patients and carers help to plan care and to review what happened after restraint.</li>"
            "<li>Staff can tell you what helps each person feel calm.</li>"
            "<li>Its latest CQC report talks about how it is reducing restraint.</li>"
            "</ul>",
        ),
        key_point(
            "Good practice is not about one big change. It is about many small ones: listening, planning care "
            "together, and learning from every time restraint is used."
        ),
        related_links(
            link(
                "Restraint Reduction Network Training Standards",
                "https://restraintreductionnetwork.org/training-standards/",
            ),
            link("Find a service and read its inspection reports (CQC)", "https://www.cqc.org.uk/"),
            heading="Good practice: find out more",
        ),
    ],
)

YOUR_RIGHTS = part(
    "Your rights, and what should happen after restraint",
    "your-rights",
    "What you can expect if you are a patient in a mental health unit, what should happen after restraint, "
    "and where to get support.",
    [
        text(
            "This part is about what you can expect if you are a patient in a mental health unit. It may also "
            "help if you are a carer, a friend or a family member.",
            "If you have been restrained, or have seen someone else restrained, this may be hard to read. "
            "Please go gently, and take a break whenever you need to.",
        ),
        heading("Your rights"),
        text(
            "<ul>"
            "<li>You should be treated with dignity and respect at all times.</li>"
            "<li>You should be involved in planning your care, including what helps you when you are "
            "distressed.</li>"
            "<li>In England, the unit must give you information about your rights on the use of force.</li>"
            "<li>Most people kept in hospital under the Mental Health Act can have help from an "
            "<b>Independent Mental Health Advocate</b> (IMHA). This does not include the short holding powers, "
            "such as sections 4, 5, 135 and 136. People on a community treatment order or guardianship can have "
            "one too. An IMHA is free and independent, and on your side. They can help you understand your "
            "rights and have your say. The hospital must tell you if you can have one.</li>"
            "<li>You can ask to see your records, including records of any use of force.</li>"
            "<li>You have the right to complain.</li>"
            "</ul>",
        ),
        heading("What should happen after restraint"),
        text(
            "Restraint should stop as soon as it is safe. After that, good practice is that:",
            "<ul>"
            "<li>staff check that you are not hurt, and make sure you get any care you need</li>"
            "<li>someone offers to talk with you about what happened, when you feel ready. This might be a "
            "member of staff you trust, or an advocate</li>"
            "<li>your care plan is looked at again, so the same thing is less likely to happen</li>"
            "<li>what happened is recorded</li>"
            "<li>if you agree, your family or carer is told</li>"
            "</ul>",
        ),
        key_point(
            "You can ask for a copy of the record of what happened. You can also ask to talk it through with "
            "staff or an advocate. You do not have to do this straight away.",
            title="Remember",
        ),
        heading("If you want to complain"),
        text(
            "If you are unhappy about how you, or someone close to you, was treated, you can complain. "
            "Complaining can get you an explanation and an apology. It can also help to stop the same thing "
            "happening to someone else.",
            "Our other guide explains how, step by step. See "
            '<a linktype="page" id="@making-a-complaint">Making a complaint</a>.',
        ),
        heading("Getting support"),
        text(
            "If you are finding things hard, you do not have to cope alone.",
            "<ul>"
            "<li>Call Mind's Infoline on 0300 123 3393 for information about mental health and where to get "
            "help. It is open weekdays, 9am to 6pm. It is not a crisis line.</li>"
            "<li>Call Samaritans on 116 123, any time of the day or night.</li>"
            "<li>Text SHOUT to 85258.</li>"
            "<li>If you need urgent help, call NHS 111. In England, choose option 2 for mental health crisis "
            "support.</li>"
            "<li>If you or someone else is in danger now, call 999 or go to A&amp;E.</li>"
            "</ul>",
        ),
        related_links(
            link("Making a complaint", page="making-a-complaint"),
            link("Mental Health A-Z (Mind)", "https://www.mind.org.uk/information-support/a-z-mental-health/"),
            heading="Where to go next",
        ),
    ],
)

STORIES_OF_CHANGE = part(
    "Stories of change",
    "stories-of-change",
    "Examples of how people who use services, carers and local groups have helped services use restraint less.",
    [
        text(
            "Up and down the country, people who use services, carers and local groups are helping services "
            "to use restraint less.",
            "Here are some examples of the kinds of change they make. These stories are illustrative: the "
            "people and groups in them are not real. But what they did is the kind of thing campaigners "
            "really do, and you could do it too.",
        ),
        story_teaser("using-the-figures"),
        story_teaser("a-leaflet-about-your-rights"),
        story_teaser("making-sure-families-are-told"),
        story_teaser("a-calmer-ward"),
        story_teaser("restraint-on-the-agenda"),
        heading("What these stories have in common"),
        text(
            "<ul>"
            "<li>They started small, often with one worry and a few people.</li>"
            "<li>They asked clear questions, calmly.</li>"
            "<li>They worked with staff, not against them.</li>"
            "<li>They made sure the voices of people who use services were heard.</li>"
            "<li>They kept going, even when change was slow.</li>"
            "</ul>",
            'Our guide <a linktype="page" id="@influencing-change-in-your-area">Influencing change in your '
            "area</a> shows you how to do the same where you live.",
        ),
        heading("Tell us your story"),
        text(
            "Have you helped to change how restraint is used where you live? Or are you just starting out? "
            "We would love to hear from you. Your story could help someone else to take their first step.",
            '<a href="/tell-us-your-story/">Tell us your story</a> with our form, or email the campaigns team at '
            '<a href="mailto:action@mind.org.uk">action@mind.org.uk</a>. Only share what you are comfortable with. '
            "We publish nothing you tell us unless you agree, and not before our team has read it.",
        ),
        related_links(
            link("Read all the stories of local change", page="stories"),
            link(
                "Restraint in mental health services: Influencing change in your area",
                page="influencing-change-in-your-area",
            ),
            heading="Read more stories",
        ),
    ],
)

GUIDANCE_SUMMARY = (
    "What restraint is in a mental health setting, and how and when it should be used. It sums up the key "
    "points of the law and the current guidance, describes good practice, explains your rights, and "
    "shares stories of campaigners who are making a difference."
)

GUIDANCE_GUIDE = {
    "type": "guides.GuidePage",
    "title": "Restraint in mental health services: What the guidance says",
    "slug": "what-the-guidance-says",
    "fields": {
        **GUIDE_FIELDS,
        "summary": GUIDANCE_SUMMARY,
        "search_description": GUIDANCE_SUMMARY,
        "cover_image": pictures.GUIDANCE_GUIDE,
        "cover_image_is_decorative": True,
    },
    "children": [
        WHAT_RESTRAINT_IS,
        WHAT_THE_LAW_SAYS,
        KEY_POINTS_FROM_THE_GUIDANCE,
        WHAT_GOOD_PRACTICE_LOOKS_LIKE,
        YOUR_RIGHTS,
        STORIES_OF_CHANGE,
    ],
}

# Guide 2 ---------------------------------------------------------------------------------

GETTING_INVOLVED = part(
    "Getting involved with your local services",
    "getting-involved",
    "Who runs the mental health services near you, and the ways you can have a say in how they work.",
    [
        text(
            "People who use mental health services, and the people who care about them, know what helps and "
            "what does not. When services really listen to them, care gets better.",
            "This guide shows you how to make your voice heard about restraint where you live. You do not need "
            "to be an expert, or to have campaigned before. You can do as much or as little as feels right "
            "for you.",
        ),
        heading("Who runs your local services"),
        text(
            "Most mental health wards in England are run by NHS trusts. Some are run by private companies or "
            "charities, usually on behalf of the NHS.",
            "To find out who runs a ward, search for the hospital's name or your postcode on the Care Quality "
            "Commission (CQC) website. You will also find the service's latest inspection report there.",
        ),
        heading("Ways to get involved"),
        text(
            "<ul>"
            "<li><b>Service user and carer groups.</b> Many trusts have groups where people who use services "
            "and carers meet staff to talk about how things are going.</li>"
            "<li><b>Ward community meetings.</b> If you are on a ward, there may be a regular meeting where "
            "patients can raise worries and ideas.</li>"
            "<li><b>Members and governors.</b> Many NHS trusts are foundation trusts. People who live in the "
            "area can join as members for free, and members can stand to become governors.</li>"
            "<li><b>Healthwatch.</b> Every area in England has a local Healthwatch today. It gathers people's "
            "views on health and care services and shares them with the people in charge. In July 2025 the "
            "government said it plans to close local Healthwatch. This needs a new law, so for now they are "
            "still there.</li>"
            "<li><b>Local groups.</b> Peer support groups, local Minds and other charities often work with "
            "services, and can help you get started.</li>"
            "</ul>",
        ),
        key_point(
            "Ask whether the service pays people for their time, or covers travel costs. Many services do. "
            "Helping to improve a service should not leave you out of pocket.",
            title="Tip",
        ),
        heading("Getting started"),
        text(
            "<ol>"
            "<li>Find out who runs the services near you.</li>"
            "<li>Look on the trust's website for pages about involvement, patient experience or "
            "co-production.</li>"
            "<li>Get in touch and ask how people can get involved in work to reduce restraint.</li>"
            "<li>If it helps, ask someone to come with you to your first meeting.</li>"
            "</ol>",
            "Many people start by going along to one meeting just to listen. That is a good way to begin.",
        ),
        quote(
            "I went along to one meeting just to listen. A year later I was helping to train the staff.",
            "Dan, from one of our example stories",
        ),
        story_teaser("a-leaflet-about-your-rights"),
        related_links(
            link("Find a service and read its inspection reports (CQC)", "https://www.cqc.org.uk/"),
            link("Healthwatch England", "https://www.healthwatch.co.uk/"),
            heading="Find your local services",
        ),
    ],
)

FINDING_AND_USING_THE_DATA = part(
    "Finding and using the data",
    "finding-and-using-the-data",
    "Where to find figures on restraint in your area, how to ask for them, and how to use them well.",
    [
        text(
            "Figures can help you understand what is happening in your area. They can help you ask the right "
            "questions, and show whether things are getting better.",
        ),
        heading("What our 2013 report found"),
        text(
            "In 2013 we published a report called <i>Mental health crisis care: physical restraint in "
            "crisis</i>. We used Freedom of Information requests to ask mental health trusts in England about "
            "their use of restraint in the year 2011 to 2012.",
            "We found:",
            "<ul>"
            "<li>at least <b>39,883</b> recorded incidents of physical restraint</li>"
            "<li><b>3,439</b> of these were face-down restraint</li>"
            "<li><b>949</b> injuries</li>"
            "<li>a huge difference between trusts: from <b>38</b> incidents in one trust to <b>3,346</b> in "
            "another</li>"
            "</ul>",
            "Trusts differ in size and in the services they run, so some difference is to be expected. "
            "But a gap this wide raised serious questions about why some trusts used restraint so much more "
            "than others.",
        ),
        heading("The figures today"),
        text(
            "Since Seni's Law came into force, every mental health unit in England must record each use of "
            "force. NHS England publishes national figures every month, provider by provider, in its Mental "
            "Health Services Data Set.",
            "Services are also much better at recording restraint than they were in 2013. So the numbers "
            "recorded today are much higher than the ones we found. This does not always mean that restraint "
            "has gone up. It means we can now see more of it.",
            "You can often find the figures for your own trust in the national statistics. Your trust may "
            "also share figures in its board papers or its annual report.",
        ),
        heading("Asking for information"),
        text(
            "If you cannot find what you need, you can ask for it. Under the Freedom of Information Act, "
            "anyone can ask a public body, such as an NHS trust, for information it holds. It should usually "
            "reply within 20 working days.",
            "This does not cover independent hospitals, such as private hospitals, even when they treat NHS "
            "patients. You can still ask them, or the NHS body that pays for the care.",
            "To make a request:",
            "<ol>"
            "<li>Write to the trust's Freedom of Information team. Their email address is usually on the "
            "trust's website.</li>"
            "<li>Keep your questions short and clear. Ask for figures, not opinions.</li>"
            "<li>Say which time you mean, for example the last 12 months.</li>"
            "</ol>",
            "For example, you could ask how many times each kind of restraint was used on each ward, how many "
            "of those times were face down, and how many injuries there were.",
        ),
        heading("Using the figures well"),
        text(
            "<ul>"
            "<li><b>Compare like with like.</b> A large trust will usually have higher numbers than a small "
            "one.</li>"
            "<li><b>Look at the trend.</b> Are the numbers going up or down over time?</li>"
            "<li><b>Remember that better recording</b> can make numbers go up at first.</li>"
            "<li><b>Ask questions, do not accuse.</b> Figures are a way to start a conversation with the "
            "trust.</li>"
            "</ul>",
        ),
        key_point(
            "Numbers never tell the whole story. Put them next to people's experiences, and ask the service "
            "what it is doing to make things better."
        ),
        story_teaser(
            "using-the-figures",
            "How a peer support group used the figures to start a conversation with their trust.",
        ),
        related_links(
            link(
                "How to make a Freedom of Information request (GOV.UK)",
                "https://www.gov.uk/make-a-freedom-of-information-request",
            ),
            link("What the law says about recording the use of force", page="what-the-law-says"),
            heading="Find out more about the figures",
        ),
    ],
)

CAMPAIGNING_FOR_CHANGE = part(
    "Campaigning for change",
    "campaigning-for-change",
    "How to raise your concerns with the people who can change things: working with others, meeting your trust "
    "and joining work to reduce restraint.",
    [
        text(
            "Campaigning simply means working for a change you believe in. You can do it on your own, but it is "
            "usually easier, and more enjoyable, with other people.",
        ),
        heading("Work with others"),
        text(
            "Find people who share your worries. This could be a peer support group, a carers' group, your "
            "local Mind or another user-led group.",
            "The National Survivor User Network (NSUN) helped us write these guides. It is a network of people "
            "with lived experience of mental distress, and of the groups they run. It can be a good way to find "
            "groups near you.",
        ),
        heading("Meet the trust"),
        text(
            "Meeting the people who run the service is often the most useful step you can take. Under Seni's "
            "Law, each organisation that runs mental health units has a <b>responsible person</b> in charge of "
            "reducing the use of force. They are a "
            "good person to ask to meet.",
            "Before the meeting:",
            "<ul>"
            "<li>Agree what you want to ask for. Keep it to two or three things.</li>"
            "<li>Gather any figures and experiences you want to share. Only share people's experiences with "
            "their permission.</li>"
            "<li>Decide who will say what.</li>"
            "</ul>",
            "At the meeting:",
            "<ul>"
            "<li>Be calm and clear. Most staff want to reduce restraint too.</li>"
            "<li>Ask what the trust is doing now, and what it plans to do next.</li>"
            "<li>Agree what will happen next, and when.</li>"
            "</ul>",
            "Afterwards, write to thank them and to set out what you agreed. Then follow it up.",
        ),
        heading("Join the work to reduce restraint"),
        text(
            "Many trusts have a group that works to reduce restraint and other restrictive practices. "
            "These groups work best when people who use services, and carers, are part of them.",
            "Ask if you can join, or if the group would like to hear from your group. You could help to review "
            "the trust's policy on the use of force, check the information given to patients, or help to "
            "train staff.",
        ),
        story_teaser("restraint-on-the-agenda"),
        heading("Other people who can help"),
        text(
            "<ul>"
            "<li><b>Integrated care boards</b> plan and pay for NHS services in each area of England. "
            "They can ask services to improve.</li>"
            "<li><b>Councillors</b> on your council's health scrutiny committee can look into local health "
            "services.</li>"
            "<li><b>Your MP</b> can raise your worries with the trust or with the government.</li>"
            "<li><b>The CQC</b> wants to hear about people's experiences of care. This helps it decide what to "
            "look at when it inspects.</li>"
            "</ul>",
        ),
        quote(
            "We asked the same simple question at every board meeting. In the end, they answered it in public.",
            "Ravi, from one of our example stories",
        ),
        key_point("Celebrate progress, however small. Change can take a long time, and every step counts."),
        related_links(
            link("National Survivor User Network (NSUN)", "https://www.nsun.org.uk/"),
            link("Restraint Reduction Network", "https://restraintreductionnetwork.org/"),
            heading="Groups that can help",
        ),
    ],
)

MAKING_A_COMPLAINT = part(
    "Making a complaint",
    "making-a-complaint",
    "How to complain about the use of restraint, step by step: talking to the service, PALS, a formal complaint, "
    "the ombudsman and the CQC.",
    [
        text(
            "If you, or someone you care about, has been treated badly, you have the right to complain. "
            "A complaint can get you an explanation and an apology. It can also help to stop the same thing "
            "happening to someone else.",
            "You can complain about your own care. You can also complain for someone else, if they agree.",
        ),
        key_point(
            "If you think someone is at risk of harm now, do not wait to complain. Tell the person in charge of "
            "the ward straight away. If someone is in immediate danger, call 999.",
            title="If someone is at risk now",
        ),
        heading("Before you start"),
        text(
            "<ul>"
            "<li>Write down what happened, when and where, while you still remember it.</li>"
            "<li>Keep copies of any letters and emails.</li>"
            "<li>Think about what you want: an explanation, an apology, a change to care, or all of these.</li>"
            "<li>You can get free help from an independent advocate. Ask the service, or your local council, "
            "about NHS complaints advocacy. Most people kept in hospital under the Mental Health Act can also "
            "get help from an Independent Mental Health Advocate (IMHA).</li>"
            "</ul>",
        ),
        heading("Step 1: Talk to the service"),
        text(
            "Often the quickest way to sort something out is to talk to the ward manager, or to the person in "
            "charge of your care. You can ask someone to come with you.",
        ),
        heading("Step 2: Contact PALS"),
        text(
            "Most NHS trusts have a Patient Advice and Liaison Service (PALS). PALS can give you advice, help you "
            "get answers from staff, and explain how to make a formal complaint. You will find their details on "
            "the trust's website.",
        ),
        heading("Step 3: Make a formal complaint"),
        text(
            "Write to the trust's complaints team. Say what happened, why you are unhappy, and what you would "
            "like to happen now.",
            "You should usually complain within 12 months of what happened, or of when you found out about it. "
            "The trust should let you know it has your complaint, and explain how it will look into it.",
        ),
        heading("Step 4: Go to the ombudsman"),
        text(
            "If you are not happy with the trust's final answer, you can ask the Parliamentary and Health "
            "Service Ombudsman to look at your complaint. The ombudsman is independent and free to use. "
            "This is the route in England. Wales has its own, called Putting Things Right, and its own "
            "ombudsman: the Public Services Ombudsman for Wales.",
        ),
        heading("Telling the CQC"),
        text(
            "You can also tell the CQC about your experience. The CQC cannot usually sort out a single "
            "complaint. But it uses what people tell it to decide where to inspect and what to look at.",
            "If you are, or were, kept in hospital under the Mental Health Act, the CQC can look into complaints "
            "about how the Act was used.",
        ),
        story_teaser(
            "making-sure-families-are-told",
            "How one carer's complaint led a trust to change the way it tells families about restraint.",
        ),
        related_links(
            link(
                "How to complain to the NHS (NHS website)",
                "https://www.nhs.uk/using-the-nhs/about-the-nhs/how-to-complain-to-the-nhs/",
            ),
            link("Parliamentary and Health Service Ombudsman", "https://www.ombudsman.org.uk/"),
            link("Give feedback on care (CQC)", "https://www.cqc.org.uk/give-feedback-on-care"),
            heading="Where to complain",
        ),
    ],
)

LOOKING_AFTER_YOURSELF = part(
    "Looking after yourself while you campaign",
    "looking-after-yourself",
    "Campaigning about restraint can stir up strong feelings. Some ways to look after yourself, and each other, "
    "along the way.",
    [
        text(
            "Campaigning about restraint matters. It can also be hard work. It may bring back memories of "
            "difficult times, for you or for people in your group.",
            "Looking after yourself is not selfish. It is what helps you to keep going.",
            "Here are some ideas that other campaigners have found useful. Take what helps, and leave the rest.",
        ),
        heading("Notice how you are feeling"),
        text(
            "Watch for signs that things are getting too much. You might sleep badly, feel on edge, or dread "
            "the next meeting. These are signals to slow down. They are not signs that you have failed.",
        ),
        heading("Set limits"),
        text(
            "<ul>"
            "<li>Decide how much time you can give, and try to stick to it.</li>"
            "<li>It is fine to say no, or to step back for a while.</li>"
            "<li>You do not have to share your own story unless you want to. If you do, you choose how much "
            "to say.</li>"
            "<li>Share the work, so that no one person carries it all.</li>"
            "</ul>",
        ),
        heading("Look after each other"),
        text(
            "<ul>"
            "<li>Check in with each other before and after meetings.</li>"
            "<li>Agree as a group how you will talk about difficult things, and that anyone can take a break "
            "at any time.</li>"
            "<li>Make time to do things you enjoy together, not just the campaign.</li>"
            "</ul>",
        ),
        quote(
            "Our rule is simple: anyone can step out of a meeting at any time, and no one has to explain why.",
            "Priya, from one of our example stories",
        ),
        heading("Celebrate what you achieve"),
        text(
            "Change often takes longer than we would like. Notice the small wins along the way: a reply to a "
            "letter, a good meeting, a new member. They all count.",
            "When something goes well, tell people. Thank the staff who helped. Share the news with your group. "
            "Good news keeps everyone going, and it shows others that change is possible.",
        ),
        heading("If you need support"),
        text(
            "If you are struggling, please reach out. Talk to someone you trust, or to your GP.",
            "<ul>"
            "<li>Call Mind's Infoline on 0300 123 3393, weekdays 9am to 6pm, for information. It is not a "
            "crisis line.</li>"
            "<li>Call Samaritans on 116 123, any time of the day or night.</li>"
            "<li>Text SHOUT to 85258.</li>"
            "<li>If you need urgent help, call NHS 111. In England, choose option 2 for mental health crisis "
            "support.</li>"
            "<li>If you or someone else is in danger now, call 999 or go to A&amp;E.</li>"
            "</ul>",
        ),
        related_links(
            link("Mind: information and support", "https://www.mind.org.uk/information-support/"),
            link("Samaritans", "https://www.samaritans.org/"),
            heading="More support",
        ),
    ],
)

INFLUENCING_SUMMARY = (
    "How to get involved with your local services, campaign for change and, where you need to, make a "
    "complaint. The voices of people who use services, and of their carers, can transform care. "
    "This guide is full of practical tips to help you."
)

INFLUENCING_GUIDE = {
    "type": "guides.GuidePage",
    "title": "Restraint in mental health services: Influencing change in your area",
    "slug": "influencing-change-in-your-area",
    "fields": {
        **GUIDE_FIELDS,
        "summary": INFLUENCING_SUMMARY,
        "search_description": INFLUENCING_SUMMARY,
        "cover_image": pictures.INFLUENCING_GUIDE,
        "cover_image_is_decorative": True,
    },
    "children": [
        GETTING_INVOLVED,
        FINDING_AND_USING_THE_DATA,
        CAMPAIGNING_FOR_CHANGE,
        MAKING_A_COMPLAINT,
        LOOKING_AFTER_YOURSELF,
    ],
}
