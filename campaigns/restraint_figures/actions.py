"""What a campaigner can do about a provider, and what editors add to its page.

CONTRACT (the provider page relies on it):
- `provider_extras(provider)` -> dict with at least "commentary" (the live commentary or None) and
  "pinned_stories" (live public stories pinned to the provider, newest first). At most 3 queries.
- Templates, each given `provider` and `extras`: `restraint_figures/_commentary.html` (near the top),
  `restraint_figures/_what_you_can_do.html`, `restraint_figures/_pinned_stories.html`.
STUB until that work lands.
"""


def provider_extras(provider):
    return {"commentary": None, "pinned_stories": []}
