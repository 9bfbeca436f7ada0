"""Illustrative stories of local change: invented groups and first names, real kinds of change.

Every story has is_illustrative=True, so everywhere it appears says it is an example. Each is placed
by region with no real town, and its date (the 1st of a month) only orders the list: an example's
date is never shown. Each keeps its former slug, so a database loaded before is updated.
"""

import datetime

from . import PageRef, heading, quote, text
from .pictures import STORIES as PICTURES

GUIDANCE = PageRef("what-the-guidance-says")
INFLUENCING = PageRef("influencing-change-in-your-area")
CONTENT_NOTE = "This story talks about restraint on mental health wards."


def story(former_slug, title, slug, place, region, story_date, summary, related_guide, body):
    return {
        "former_slugs": [former_slug],
        "type": "campaigns.StoryPage",
        "title": title,
        "slug": slug,
        "fields": {
            "place": place,
            "region": region,
            "story_date": story_date,
            "summary": summary,
            # Search results say it is an example too.
            "search_description": f"An example story. {summary}",
            "is_illustrative": True,
            "content_note": CONTENT_NOTE,
            "related_guide": related_guide,
            "body": body,
            "image": PICTURES[slug],
            "image_is_decorative": True,
        },
    }


WAKEFIELD = story(
    "using-the-figures-wakefield",
    "Using the figures to start a conversation",
    "using-the-figures",
    "A city",
    "yorkshire",
    datetime.date(2023, 3, 1),
    "A peer support group asked their trust how often it used face-down restraint. The answer led to a seat "
    "at the table.",
    INFLUENCING,
    [
        heading("What worried them"),
        text(
            "Priya belongs to the Tuesday Circle, a peer support group for people who have used mental health "
            "services. Over a few months, several members talked about being restrained on local wards. "
            "Some had been held face down.",
            "Nobody in the group knew whether this was rare or common. They wanted to find out.",
        ),
        heading("What they did"),
        text(
            "First, the group looked up the national statistics for their trust. Then Priya sent a Freedom of "
            "Information request. She asked how often each kind of restraint had been used on each ward in the "
            "last year, how many times it was face down, and what training staff had.",
            "The figures were higher than the group expected. Instead of going to the local paper, they wrote "
            "to the trust's responsible person for the use of force. They shared the figures, and some of "
            "their members' experiences, with their permission. And they asked to meet.",
            "At the meeting, they kept to three clear questions. Why was face-down restraint still being used? "
            "What was the trust's plan to reduce it? And how could people who use services help?",
        ),
        quote(
            "We went in with questions, not accusations. I think that's why they listened.",
            "Priya, member of the Tuesday Circle",
        ),
        heading("What changed"),
        text(
            "The trust invited two members of the group to join its group on reducing restraint. The trust now "
            "shares its figures with them every three months, ward by ward.",
            "Over the next year, the use of face-down restraint on the trust's wards fell sharply. "
            "The group still meets on Tuesdays. Now they also help to plan training for new staff.",
            'Priya says the group looks after its members too: "Our rule is simple: anyone can step out of a '
            'meeting at any time, and no one has to explain why."',
        ),
    ],
)

PRESTON = story(
    "a-leaflet-about-your-rights-preston",
    "A leaflet that tells patients their rights",
    "a-leaflet-about-your-rights",
    "A town",
    "north-west",
    datetime.date(2022, 9, 1),
    "After he was restrained, nobody explained his rights to Dan. He helped his trust write a leaflet so that "
    "other patients are told.",
    GUIDANCE,
    [
        heading("What worried him"),
        text(
            "Dan was restrained during a stay on a mental health ward. Afterwards, nobody talked to him about "
            "what had happened, or told him what his rights were. He felt frightened and alone.",
            "When he got home, he joined Riverside Peer Voices, a group of people with experience of local "
            "services. He found that others had felt the same.",
        ),
        heading("What he did"),
        text(
            "Dan learned about Seni's Law. It says mental health units must give patients information about "
            "their rights on the use of force. He asked the trust to see the information it gave out.",
            "It was a long leaflet, full of hard words. Dan asked if he could help to improve it. The trust "
            "invited him to join its group on reducing restraint, as an expert by experience.",
            "Dan and two members of staff rewrote the leaflet together. They tested it with people on the wards, "
            "and changed it until it was easy to understand.",
        ),
        quote(
            "Once I knew the unit had to tell me my rights, I felt I had something solid to stand on.",
            "Dan, member of Riverside Peer Voices",
        ),
        heading("What changed"),
        text(
            "Every patient is now given the new leaflet when they arrive, and staff talk it through with them. "
            "It is short and clear, and it says who to talk to if something goes wrong.",
            "After any use of force, patients are now offered a chance to talk about what happened, when they "
            "feel ready. Dan also helps to run a session in the trust's training for new staff.",
            'Looking back, Dan says: "I went along to one meeting just to listen. A year later I was helping to '
            'train the staff."',
        ),
    ],
)

ENFIELD = story(
    "making-sure-families-are-told-enfield",
    "Making sure families are told",
    "making-sure-families-are-told",
    "A London borough",
    "london",
    datetime.date(2024, 5, 1),
    "Amara only found out days later that her brother had been restrained. Her complaint changed how the trust "
    "keeps families informed.",
    INFLUENCING,
    [
        heading("What worried her"),
        text(
            "Amara cares for her brother, who spent some time on a mental health ward. He was restrained one "
            "evening. The family only found out several days later, when he told them himself.",
            "Amara was upset that nobody had let them know. Her brother had agreed that the ward could talk to "
            "her about his care.",
        ),
        heading("What she did"),
        text(
            "Amara talked to the ward manager first, but she did not feel she got a clear answer. So she "
            "contacted PALS, the trust's Patient Advice and Liaison Service. PALS explained how to make a "
            "formal complaint.",
            "With help from an NHS complaints advocate, Amara wrote to the trust. She said what had happened, "
            "and what she wanted: an explanation, and a change so that other families would be told.",
            "She also shared her experience with the Northside Carers' Circle, a local carers' group. Other "
            "carers had been through the same thing. Together, they asked to meet the trust.",
        ),
        quote(
            "I didn't want anyone to get into trouble. I wanted the next family to hear it on the day.",
            "Amara, member of the Northside Carers' Circle",
        ),
        heading("What changed"),
        text(
            "The trust apologised, and looked again at how it keeps families informed. Now, if a patient has "
            "agreed, staff tell their chosen family member or carer on the same day if force is used.",
            "The carers' group was invited to help review the trust's policy on the use of force. Two of its "
            "members now sit on the trust's group on reducing restraint.",
        ),
    ],
)

PLYMOUTH = story(
    "a-calmer-ward-plymouth",
    "A calmer ward",
    "a-calmer-ward",
    "A coastal city",
    "south-west",
    datetime.date(2021, 11, 1),
    "Patients said the ward was loud and there was nowhere to calm down. A peer group helped to design a calm "
    "room, and restraint on the ward went down.",
    GUIDANCE,
    [
        heading("What worried them"),
        text(
            "Jo is part of the Harbourside Peer Group. Members who had stayed on one local ward said it was "
            "noisy and busy, with little to do in the evenings. When people became distressed, there was "
            "nowhere quiet to go.",
            "They felt this was one reason restraint was used so often on that ward.",
        ),
        heading("What they did"),
        text(
            "Jo asked to come to the ward's community meeting. With the staff's help, the group ran a short "
            "survey of patients. It asked one question: what helps you to feel calm?",
            "The answers were simple. A quiet space. Soft light. Music. Something to hold. Someone to sit with.",
            "Jo shared the results with the ward manager. She also pointed to the ward's latest CQC report, "
            "which had said the same thing.",
        ),
        quote(
            "Ask any ward what helps people feel calm. If the staff can answer straight away, that's a good sign.",
            "Jo, member of the Harbourside Peer Group",
        ),
        heading("What changed"),
        text(
            "The ward turned a spare room into a calm room, designed with patients. It has soft lighting, "
            "comfortable chairs and music. Staff now talk with each patient, when they arrive, about what helps "
            "them, and write it into their care plan.",
            "There are more activities in the evenings and at weekends. Staff have had new training in calming "
            "things down, certified against the Restraint Reduction Network's Training Standards.",
            "A year later, restraint on the ward had gone down, and patients said they felt safer.",
        ),
    ],
)

COVENTRY = story(
    "restraint-on-the-agenda-coventry",
    "Getting restraint on the board's agenda",
    "restraint-on-the-agenda",
    "A city",
    "west-midlands",
    datetime.date(2025, 2, 1),
    "Two campaigners kept asking their trust's board a simple question. Now the board looks at restraint "
    "figures at every meeting.",
    INFLUENCING,
    [
        heading("What worried them"),
        text(
            "Sam and Ravi are members of the Canal Basin Group, a small user-led group. They wanted to know how "
            "often their trust used restraint. But they could not find the figures in the trust's board papers "
            "or its annual report.",
        ),
        heading("What they did"),
        text(
            "They found their trust's figures in the national statistics, and read its latest CQC report. "
            "Then they went to the trust's board meetings, which are open to the public.",
            "At each meeting, they asked the same question: how often is restraint used here, and what is the "
            "plan to reduce it?",
            "They also wrote to the councillors on their council's health scrutiny committee, who asked the "
            "trust to come and explain its plans.",
        ),
        quote(
            "We asked the same simple question at every board meeting. In the end, they answered it in public.",
            "Ravi, member of the Canal Basin Group",
        ),
        heading("What changed"),
        text(
            "The trust's board now looks at restraint figures at every meeting, ward by ward, in papers that "
            "anyone can read. It has set clear goals for reducing restraint, and reports on them every year.",
            "Sam and Ravi were invited to help the trust review its policy on the use of force. They still go to "
            "board meetings, and they still ask questions.",
        ),
    ],
)

STORIES = [WAKEFIELD, PRESTON, ENFIELD, PLYMOUTH, COVENTRY]

STORY_INDEX = {
    "type": "campaigns.StoryIndexPage",
    "title": "Stories of local change",
    "slug": "stories",
    "fields": {
        "search_description": (
            "Example stories of how people who use services, carers and local groups have helped services use "
            "restraint less."
        ),
        "introduction": (
            "<p>How people who use services, carers and local groups have helped services use restraint less. "
            "These stories are illustrative examples of the kinds of change campaigners make.</p>"
        ),
    },
    "children": STORIES,
}
