"""What a campaigner can do about a provider, and what editors add to its page.

CONTRACT (the provider page relies on it):
- `provider_extras(provider)` -> dict with at least "commentary" (the live commentary or None) and
  "pinned_stories" (live public stories pinned to the provider, newest first). 2 queries when the
  provider comes with select_related("commentary") (as its page fetches it), else 3.
  Also "cqc_url": the provider's CQC page: for a real NHS trust or care trust (kind from ODS) built from its
  ODS code; for an independent provider only the page an editor entered; else "" (never guessed);
  "is_nhs": whether what is said of NHS trusts (PALS, governors, Freedom of Information) applies (ODS says
  it is an NHS trust or care trust); "is_independent": ODS lists it as an independent provider. Neither,
  when no ODS file has it yet: the page then says nothing about whether it is part of the NHS.
  "duties": its four Use of Force Act duties as editors found them (duties.duty_checklist); "ask_them": the
  Freedom of Information request for what is not known (an NHS trust), the letter's offer (any other
  provider), or None when every duty was found (duties.ask_them). No query: they are the provider's fields.
- Templates, each given `provider` and `extras`: `figures/_commentary.html` (near the top),
  `figures/_what_you_can_do.html` (which includes `figures/_use_of_force_duties.html`, the checklist and
  "Ask them"), `figures/_pinned_stories.html`.
  `_what_you_can_do.html` also reads `page.influencing_part` (a guide part, or None) when the page has it.
"""

from urllib.parse import quote

from mindsite.pages.view_restrictions import public_pages

from .duties import ask_them, duty_checklist
from .records import ProviderCommentary

CQC_PROVIDER_URL = "https://www.cqc.org.uk/provider/{ods_code}"
WRITETOTHEM_URL = "https://www.writetothem.com/"


def cqc_url(provider):
    """A real NHS trust's CQC page, from its ODS code; an independent provider's only as an editor entered it.

    No address is guessed: not for an independent provider without one, nor one ODS has not said is an NHS
    trust, nor an invented one."""
    if provider.is_synthetic:
        return ""
    if provider.is_nhs_trust:
        return CQC_PROVIDER_URL.format(ods_code=quote(provider.ods_code, safe=""))
    if provider.is_independent:
        return provider.cqc_url
    return ""


def provider_extras(provider):
    from campaigns.models import StoryPage

    # The live commentary. Its row holds what is published; a draft waits in a revision. No query
    # when the provider came with it (select_related("commentary"), as the provider page fetches it).
    try:
        commentary = provider.commentary
    except ProviderCommentary.DoesNotExist:
        commentary = None
    if commentary is not None and not commentary.live:
        commentary = None
    # One query for the restricted paths (none when this request has read them), one for the stories.
    stories = (
        public_pages(StoryPage.objects.filter(provider_pins__provider=provider))
        .order_by("-story_date", "-first_published_at", "-pk")
        # The body is the heaviest column and the list never shows it.
        .defer("body")
    )
    duties = duty_checklist(provider)
    return {
        "commentary": commentary,
        "duties": duties,
        "ask_them": ask_them(provider, duties),
        "pinned_stories": list(stories),
        "cqc_url": cqc_url(provider),
        # From the kind the ODS files give it (the demo's invented providers have ODS-shaped files too).
        "is_nhs": provider.is_nhs_trust,
        "is_independent": provider.is_independent,
    }
