"""A provider's duties under the Mental Health Units (Use of Force) Act 2018, as editors found them.

Editors keep four duties on each provider (records.Provider: <key>_status, <key>_source, <key>_checked): its
responsible person (section 2 of the Act), its policy on the use of force (section 3), its information for
patients (section 4) and its staff training (section 5; the statutory guidance of December 2021 expects it
to be certified against the Restraint Reduction Network's Training Standards). Each is Yes (with the source
and, when known, the day checked), No (looked for on the day checked, and not found) or Not known: the
default, never guessed.

CONTRACT (the provider page relies on it, through what_you_can_do.provider_extras):
- `DUTIES`: the four, in the Act's order, each with its words for the page, the admin and the FOI request.
- `duty_checklist(provider)` -> a `Checked` for each duty, in that order. No query: they are the provider's fields.
- `letter_question(provider)` -> the question the letter (letters.py) adds about the duties not found, or "".
- `ask_them(provider)` -> `AskThem` when a duty is not Yes, else None: for an NHS trust or care trust the
  Freedom of Information request written out (`text`), and WhatDoTheyKnow's addresses: `request_url` (its
  form for that trust, pre-filled with the title and the letter: Alaveteli's `/new/<url_name>?title=
  &default_letter=`) and `body_url` when editors gave the trust's name there, else `search_url` (Alaveteli's
  `/select_authority?query=`). None of these for an invented provider. For an independent provider (or one no
  ODS file has said is an NHS body) `kind` is "letter": the page offers the letter (letters.py) instead.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from .records import DutyStatus

WHATDOTHEYKNOW = "https://www.whatdotheyknow.com"
ACT = "Mental Health Units (Use of Force) Act 2018"


@dataclass(frozen=True)
class Duty:
    key: str
    section: int
    title: str  # the checklist's item
    law: str  # what the Act asks, one sentence, for the checklist
    unknown: str  # "who its responsible person is": what a reader does not know yet, after "We do not know"
    yours: str  # the same, in a letter to the provider: "who your responsible person for the use of force is"
    short: str  # in the FOI request's title
    question: str  # the FOI request's question; {name} is the provider's name
    admin_heading: str
    admin_help: str


DUTIES = (
    Duty(
        key="responsible_person",
        section=2,
        title="A responsible person for the use of force",
        law="The Act says it must appoint one senior person, employed by it, who is responsible for how force is "
        "used in its mental health units (section 2).",
        unknown="who its responsible person is",
        yours="who your responsible person for the use of force is",
        short="responsible person",
        question="The name and job title of the responsible person {name} has appointed under section 2 of the Act.",
        admin_heading="Responsible person (section 2)",
        admin_help="Yes: you found who the responsible person is (a name or job title) in a public source, such as "
        "the provider's website or board papers. Give that page as the source.",
    ),
    Duty(
        key="policy",
        section=3,
        title="A published policy on the use of force",
        law="It must publish a policy on the use of force by its staff, saying what it does to reduce it (section 3).",
        unknown="where its use of force policy is published",
        yours="where your policy on the use of force is published",
        short="use of force policy",
        question="Where {name} has published its policy on the use of force by staff, under section 3 of the Act. "
        "If it is not published, please send me a copy.",
        admin_heading="Policy published (section 3)",
        admin_help="Yes: the policy itself is on the provider's website. Give the policy's own address as the "
        "source: it is the policy link in 'What you can do'.",
    ),
    Duty(
        key="patient_information",
        section=4,
        title="Information for patients about their rights",
        law="It must publish information for patients about their rights in relation to the use of force, and "
        "give it to them (section 4).",
        unknown="what information it gives patients about the use of force",
        yours="what information you give patients about their rights when force is used",
        short="information for patients",
        question="The information about patients' rights in relation to the use of force that {name} publishes "
        "and gives patients under section 4 of the Act: a copy, or where it is published.",
        admin_heading="Information for patients (section 4)",
        admin_help="Yes: you found the information for patients (a leaflet or page about their rights when force "
        "is used) published by the provider. Give its address as the source.",
    ),
    Duty(
        key="training",
        section=5,
        title="Staff training certified to the Restraint Reduction Network standards",
        law="It must train its staff in the use of force (section 5). The government's statutory guidance "
        "expects that training to be certified against the Restraint Reduction Network (RRN) Training Standards.",
        unknown="whether its staff training is certified against the Restraint Reduction Network Training Standards",
        yours="whether your staff training is certified against the Restraint Reduction Network Training Standards",
        short="staff training",
        question="Whether the training on the use of force that {name} gives its staff under section 5 of the "
        "Act is certified against the Restraint Reduction Network (RRN) Training Standards, and if so, "
        "the name of the training.",
        admin_heading="RRN training (section 5)",
        admin_help="Yes: the provider says in public (its website, board papers, its policy) that its training is "
        "certified against the RRN Training Standards. Give that page as the source.",
    ),
)


@dataclass(frozen=True)
class Checked:
    """One duty as editors found it for one provider."""

    duty: Duty
    status: str
    source: str
    checked: object  # a date, or None when not recorded

    @property
    def is_yes(self):
        return self.status == DutyStatus.YES

    @property
    def is_no(self):
        return self.status == DutyStatus.NO

    @property
    def is_not_known(self):
        return not (self.is_yes or self.is_no)

    @property
    def source_host(self):
        """The source's site, for its link's words ("www.example.nhs.uk")."""
        return urlsplit(self.source).hostname or self.source


def duty_checklist(provider):
    return [
        Checked(
            duty=duty,
            status=getattr(provider, f"{duty.key}_status"),
            source=getattr(provider, f"{duty.key}_source"),
            checked=getattr(provider, f"{duty.key}_checked"),
        )
        for duty in DUTIES
    ]


def words_list(items):
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class AskThem:
    kind: str  # "foi" or "letter"
    duties: tuple  # the Duty objects not found to be Yes
    unknown_words: str  # "who its responsible person is and where its use of force policy is published"
    title: str = ""
    letter: str = ""  # the request between "Dear ..." and "Yours faithfully" (WhatDoTheyKnow adds those)
    text: str = ""  # the whole request, to copy
    request_url: str = ""
    body_url: str = ""
    search_url: str = ""


def foi_request(name, duties):
    """(title, letter, whole text) of a Freedom of Information request about `duties` to the trust `name`."""
    title = f"Use of Force Act duties: {words_list(duty.short for duty in duties)}"
    lines = [
        f"Under the Freedom of Information Act 2000, I would like to ask about how {name} meets its duties under "
        f"the {ACT}.",
        "",
        "Please tell me:",
        "",
    ]
    for number, duty in enumerate(duties, start=1):
        lines.append(f"{number}. {duty.question.format(name=name)}")
    lines += [
        "",
        "If any of this is already published, a link to where it is published is enough.",
        "",
        "Thank you for your help.",
    ]
    letter = "\n".join(lines)
    text = f"Dear {name},\n\n{letter}\n\nYours faithfully,\n\n[Your name]"
    return title, letter, text


def ask_them(provider, checklist=None):
    checklist = duty_checklist(provider) if checklist is None else checklist
    duties = tuple(item.duty for item in checklist if not item.is_yes)
    if not duties:
        return None
    unknown_words = words_list(duty.unknown for duty in duties)
    if not provider.is_nhs_trust:
        return AskThem(kind="letter", duties=duties, unknown_words=unknown_words)
    name = provider.display_name
    title, letter, text = foi_request(name, duties)
    links = {}
    if not provider.is_synthetic:
        url_name = provider.whatdotheyknow_name
        if url_name:
            query = urlencode({"title": title, "default_letter": letter}, quote_via=quote)
            links["request_url"] = f"{WHATDOTHEYKNOW}/new/{quote(url_name, safe='')}?{query}"
            links["body_url"] = f"{WHATDOTHEYKNOW}/body/{quote(url_name, safe='')}"
        else:
            links["search_url"] = f"{WHATDOTHEYKNOW}/select_authority?{urlencode({'query': name}, quote_via=quote)}"
    return AskThem(
        kind="foi", duties=duties, unknown_words=unknown_words, title=title, letter=letter, text=text, **links
    )


def letter_question(provider):
    """What a letter to the provider asks about the duties not found: "Could you tell me who your ...?", or ""."""
    duties = [item.duty for item in duty_checklist(provider) if not item.is_yes]
    if not duties:
        return ""
    return f"Could you tell me {words_list(duty.yours for duty in duties)}?"
