"""What a campaigner can do about a provider, and what editors add to its page.

CONTRACT (the provider page relies on it):
- `provider_extras(provider)` -> dict with at least "commentary" (the live commentary or None) and
  "pinned_stories" (live public stories pinned to the provider, newest first). 2 queries when the
  provider comes with select_related("commentary") (as its page fetches it), else 3.
  Also "cqc_url": the provider's CQC page for a real NHS trust (built from its ODS code), else "";
  "is_nhs": whether what is said of NHS trusts (PALS, governors, Freedom of Information) applies.
- Templates, each given `provider` and `extras`: `figures/_commentary.html` (near the top),
  `figures/_what_you_can_do.html`, `figures/_pinned_stories.html`.
  `_what_you_can_do.html` also reads `page.influencing_part` (a guide part, or None) when the page has it.
"""

from urllib.parse import quote

from mindsite.pages.view_restrictions import public_pages

from .records import ProviderCommentary

CQC_PROVIDER_URL = "https://www.cqc.org.uk/provider/{ods_code}"
WRITETOTHEM_URL = "https://www.writetothem.com/"


def cqc_url(provider):
    """A real NHS trust's CQC page, from its ODS code. No address is guessed for an independent or invented one."""
    if not provider.is_nhs_trust or provider.is_synthetic:
        return ""
    return CQC_PROVIDER_URL.format(ods_code=quote(provider.ods_code, safe=""))


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
    return {
        "commentary": commentary,
        "pinned_stories": list(stories),
        "cqc_url": cqc_url(provider),
        # Provider.is_nhs_trust knows the demo's invented trusts by name.
        "is_nhs": provider.is_nhs_trust,
    }
