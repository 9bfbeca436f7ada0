"""'Write a letter': a provider's figures, England's and the year's trend, in a letter the reader edits and sends.

CONTRACT (RestraintFiguresPage's `<ods_code>/letter/` route relies on it):
- `letter_response(page, request, provider)` answers the route. GET `?to=chief-executive|board|mp` shows
  the letter for that recipient, pre-filled (`letter_text`); POST (the form, with Django's CSRF check)
  either downloads the edited text as a .txt attachment (`action=download`) or shows the page again with
  it, the email link and the printed copy made from what was typed (`action=update`).
- Nothing the reader types is kept: it comes only by POST (access logs record query strings, never
  bodies), is never logged, saved or put in the session, every response is `Cache-Control: no-store`,
  the request is marked so Django's error reports leave its POST data out, and the text sits in the
  template's context as `Unshown`, whose repr Django's template debug log cannot print.
- Queries: 4 for the page (the provider, its figures: 2, and the rate a year before the latest month).

The asks are the ones the guide "Influencing change in your area" makes (its part "Campaigning for
change"): keep to two or three things; ask what the organisation is doing now and plans to do next; ask to
meet the responsible person; ask whether people who use services and carers can join its work to reduce
restraint; and of an MP, to raise the worries with the provider or with the government. A letter to the
provider also asks about the Use of Force Act duties its page says were not found (duties.letter_question):
the page offers this letter where a Freedom of Information request does not apply.
"""

from urllib.parse import quote

from django import forms
from django.db.models import Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.text import slugify

from .display import MISSING, Value, add_months, figures_for
from .duties import letter_question
from .metrics import ENGLAND_CODE, METHODOLOGY_CHANGE, Level, Metric
from .records import Figure
from .what_you_can_do import WRITETOTHEM_URL
from .wording import format_number, month_name

# Who the letter is to: the address in ?to=, the link's words, the letter's first lines.
RECIPIENTS = {
    "chief-executive": ("Its chief executive", "The chief executive", "Dear chief executive,"),
    "board": ("Its board", "The board", "Dear members of the board,"),
    "mp": ("Your MP", "", "Dear [your MP's name],"),
}
DEFAULT_RECIPIENT = "chief-executive"
# Longer than this is not a letter: a clear message at the field, never a 500.
MAX_LETTER_LENGTH = 20_000
# A mailto: address longer than this (after encoding) may be cut short or refused by some mail programs
# and browsers: the page then says to copy the letter instead.
MAX_MAILTO_LENGTH = 6_000
INVENTED_FIRST_LINE = (
    "EXAMPLE ONLY, NOT A REAL LETTER: the provider and the figures below are invented for a demonstration "
    "of Mind's website. They are not NHS England's figures. Do not send it."
)
SOURCE_NAME = "NHS England, Mental Health Services Data Set"


class Unshown(str):
    """Text from the reader's letter in a template's context. Django's template logger (at DEBUG) prints a
    failed variable lookup with the whole context's repr: this repr never shows the text."""

    def __repr__(self):
        return "<the reader's letter: not shown>"


class LetterForm(forms.Form):
    letter = forms.CharField(
        max_length=MAX_LETTER_LENGTH,
        strip=False,
        error_messages={
            "required": "Write your letter in the box",
            "max_length": f"Your letter is too long: make it shorter than {MAX_LETTER_LENGTH:,} characters",
        },
    )
    action = forms.ChoiceField(choices=[("download", "download"), ("update", "update")], required=False)
    to = forms.ChoiceField(choices=[(key, key) for key in RECIPIENTS], required=False)


def recipient_from(value):
    return value if value in RECIPIENTS else DEFAULT_RECIPIENT


def year_before(provider, figures):
    """The rate to compare the latest with: the same month a year before when the site has it (1 query), else
    the earliest of the 12 months the page shows with a figure for the provider. (month, the provider's Value,
    England's), or None."""
    if figures.latest_month is None:
        return None
    month = add_months(figures.latest_month.start, -12)
    codes = figures.succession.codes if figures.succession is not None else [provider.ods_code]
    rows = Figure.objects.filter(
        Q(level=Level.PROVIDER, code__in=codes) | Q(level=Level.ENGLAND, code=ENGLAND_CODE),
        month__start=month,
        metric=Metric.RATE_PER_1000_BED_DAYS,
        intervention_type="",
    ).values_list("level", "code", "value", "suppressed")
    found = {(level, code): Value(number=value, suppressed=suppressed) for level, code, value, suppressed in rows}
    if found:
        # The provider's own code first; a predecessor's only when its own has none (as the trend does).
        own = next((found[(Level.PROVIDER, code)] for code in codes if (Level.PROVIDER, code) in found), MISSING)
        return month, own, found.get((Level.ENGLAND, ENGLAND_CODE), MISSING)
    # That month is not on this site: the earliest of the 12 months the page shows with a figure for the provider.
    first = next((point for point in figures.trend if point.value.is_number), None)
    if first is None or first.month >= figures.latest_month.start:
        return None
    return first.month, first.value, first.england or MISSING


def value_words(value, kind="count"):
    """A figure in a letter: 'about 190', or what a [c] or a gap means, in plain words."""
    if value is None:
        return "not published"
    if getattr(value, "not_in_file", False) and value.is_missing:
        return "not in NHS England's file for this month"
    if hasattr(value, "parts"):  # chemical restraint: several kinds added up
        hidden = value.suppressed_count
        if value.is_missing:
            return "no data reported"
        if value.known is None:
            return "[c]: hidden to protect privacy (1 to 4 for each kind)"
        words = f"about {format_number(value.known)}"
        if hidden:
            words += (
                f", plus [c] for {hidden} kind{'s' if hidden != 1 else ''} (1 to 4 each, hidden to protect privacy)"
            )
        return words
    if value.suppressed:
        if kind == "rate":
            return "[c]: hidden to protect privacy, because the numbers behind it are small"
        return "[c]: between 1 and 4, hidden to protect privacy"
    if value.number is None:
        return "no data reported"
    return f"about {format_number(value.number)}"


def trend_words(provider_name, latest_month, figures, before):
    """The year's trend in the rate: latest against a year before, only where both are numbers."""
    if before is None:
        return ""
    month, own, england = before
    latest = figures.rate_headline
    now = month_name(latest_month.start)
    then = month_name(month)
    if latest is None or not latest.value.is_number or not own.is_number:
        why = []
        if not own.is_number:
            why.append(f"{then}: {value_words(own, 'rate')}")
        if latest is None or not latest.value.is_number:
            why.append(f"{now}: {value_words(latest.value if latest else None, 'rate')}")
        return f"I cannot compare this with {then} from the published figures ({'; '.join(why)})."
    change = "more than" if latest.value.number > own.number else "fewer than"
    if latest.value.number == own.number:
        change = "the same as"
    over = "Over the year" if add_months(month, 12) == latest_month.start else "Over recent months"
    text = (
        f"{over}: in {then} there were {value_words(own)} uses of restraint for every 1,000 nights "
        f"spent on {provider_name}'s wards, and in {now} {value_words(latest.value)}: {change} in {then}."
    )
    if england.is_number and latest.england is not None and latest.england.is_number:
        text += (
            f" Across England the figure went from about {format_number(england.number)} to about "
            f"{format_number(latest.england.number)}."
        )
    if month < METHODOLOGY_CHANGE <= latest_month.start:
        text += (
            f" NHS England changed how these figures are recorded in {month_name(METHODOLOGY_CHANGE)}, so the "
            "two months are not quite like for like."
        )
    return text


def letter_text(provider, figures, recipient, before, page_url):
    """The pre-filled letter, plain text, lines joined with newlines."""
    name = provider.display_name
    invented = provider.is_synthetic or figures.is_synthetic
    _, to_line, greeting = RECIPIENTS[recipient]
    lines = []
    if invented:
        lines += [INVENTED_FIRST_LINE, ""]
    if to_line:
        lines += [f"{to_line}, {name}", ""]
    lines += [greeting, ""]
    if recipient == "mp":
        lines += [f"I am writing to you about the use of restraint at {name}, which provides mental health care.", ""]
    else:
        lines += [f"I am writing about the use of restraint at {name}.", ""]

    latest = figures.latest_month
    if latest is None:
        lines += [
            f"I could not find any figures for {name} ({provider.ods_code}) in the figures NHS England "
            "publishes for each provider.",
            "",
        ]
    else:
        if invented:
            said = f"For {month_name(latest.start)}, the invented figures for this demonstration say"
        else:
            said = f"For {month_name(latest.start)}, its figures ({SOURCE_NAME}) say"
        lines += [
            f"NHS England publishes figures on restraint for each provider. {said}, with counts rounded to the "
            "nearest 5:",
        ]
        for headline in figures.headlines:
            line = f"- {headline.label}: {value_words(headline.value, headline.kind)}"
            if headline.england is not None:
                line += f" (England: {value_words(headline.england, headline.kind)})"
            lines.append(line)
        lines.append("")
        hidden = any(_hidden(headline.value) for headline in figures.headlines)
        missing = any(_missing(headline.value) for headline in figures.headlines)
        if hidden:
            lines += [
                "[c] means NHS England hid a small number (1 to 4) to protect people's privacy. It does not mean none.",
            ]
        if missing:
            lines += [
                f'"No data reported" means NHS England\'s file has no figure for {name}: none was recorded, '
                "or none was sent. It does not mean none.",
            ]
        if hidden or missing:
            lines.append("")
        if figures.later_months:
            lines += [
                f"NHS England's figures for {figures.later_months_words} have none for {name}, so these are "
                "the latest I could find.",
                "",
            ]
        trend = trend_words(name, latest, figures, before)
        if trend:
            lines += [trend, ""]

    lines += [
        "The Mental Health Units (Use of Force) Act 2018, known as Seni's Law, says that an organisation "
        "which runs a mental health unit in England must appoint a responsible person for how force is used "
        "there, and must publish a policy on reducing it.",
        "",
    ]
    if recipient == "mp":
        lines += [
            "I would like to ask you to:",
            f"1. raise my worries with {name}, and ask what it is doing now to reduce the use of restraint, "
            "and what it plans to do next",
            "2. raise them with the government, if you think it is needed",
            "3. write back to me to tell me what you have done.",
        ]
    else:
        if recipient == "chief-executive":
            lines += ["If that person is not you, please pass this letter on to them.", ""]
        lines += [
            "I would like to ask:",
            f"1. What is {name} doing now to reduce the use of restraint, and what does it plan to do next?",
            "2. Could I meet the responsible person for the use of force, to talk about this?",
            "3. Can people who use your services, and carers, join your work to reduce restraint?",
        ]
        # What the provider's page says is not known of its Use of Force Act duties (duties.py).
        if question := letter_question(provider):
            lines.append(f"4. {question}")
    lines += [
        "",
        "I look forward to your reply.",
        "",
        "Yours sincerely,",
        "",
        "[Your name]",
        "[Your address or email]",
        "",
        f"The figures: {page_url}",
    ]
    return "\n".join(lines)


def _hidden(value):
    return getattr(value, "suppressed", False) or bool(getattr(value, "suppressed_count", 0))


def _missing(value):
    return value.is_missing and not getattr(value, "not_in_file", False)


def subject_for(provider, invented):
    subject = f"The use of restraint at {provider.display_name}"
    return f"EXAMPLE ONLY, invented figures: {subject}" if invented else subject


def mailto_url(subject, body):
    """A mailto: link with the subject and body (RFC 6068: CRLF line breaks, everything percent-encoded),
    or None when it would be longer than MAX_MAILTO_LENGTH."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    url = f"mailto:?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    return url if len(url) <= MAX_MAILTO_LENGTH else None


def file_name_for(provider, recipient, invented):
    name = f"letter-about-{slugify(provider.ods_code)}-to-{recipient}"
    return f"{name}-EXAMPLE-invented.txt" if invented else f"{name}.txt"


def _private(response):
    """Nothing kept: not by the browser, a proxy, the CDN or the page cache."""
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def letter_response(page, request, provider):
    # Django's error reports (a 500's email or page) leave out every POST value.
    request.sensitive_post_parameters = "__ALL__"
    figures = figures_for(provider)
    invented = provider.is_synthetic or figures.is_synthetic
    provider_url = page.get_full_url(request) + page.reverse_subpage("provider", args=[provider.ods_code])
    form = None
    if request.method == "POST":
        form = LetterForm(request.POST)
        recipient = recipient_from(request.POST.get("to"))
        if form.is_valid():
            text = form.cleaned_data["letter"]
            if form.cleaned_data["action"] == "download":
                response = HttpResponse(text.replace("\r\n", "\n"), content_type="text/plain; charset=utf-8")
                response["Content-Disposition"] = (
                    f'attachment; filename="{file_name_for(provider, recipient, invented)}"'
                )
                return _private(response)
        else:
            text = request.POST.get("letter", "")[: MAX_LETTER_LENGTH * 2]
        before = None
    else:
        recipient = recipient_from(request.GET.get("to"))
        before = year_before(provider, figures)
        text = letter_text(provider, figures, recipient, before, provider_url)
    subject = subject_for(provider, invented)
    context = {
        "page": page,
        "self": page,
        "provider": provider,
        "figures": figures,
        "invented": invented,
        "recipient": recipient,
        "recipients": [(key, words) for key, (words, _, _) in RECIPIENTS.items()],
        "letter": Unshown(text),
        "form": form,
        "errors": form.errors if form is not None else {},
        "subject": subject,
        "mailto": Unshown(mailto_url(subject, text) or ""),
        "max_mailto_length": MAX_MAILTO_LENGTH,
        "max_letter_length": MAX_LETTER_LENGTH,
        "writetothem_url": WRITETOTHEM_URL,
        "provider_url": provider_url,
        "canonical_url": page.get_full_url(request) + page.reverse_subpage("letter", args=[provider.ods_code]),
    }
    return _private(TemplateResponse(request, "figures/letter.html", context))
