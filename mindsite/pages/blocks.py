"""StreamField blocks shared by guide parts, stories and the site's other pages.

Every page's body uses CONTENT_BLOCKS, so a new block is added in one place.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from mindsite.pages.rich_text import prefetched_pages
from mindsite.pages.view_restrictions import is_public

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3"]


class HeadingValue(blocks.StructValue):
    @property
    def anchor_id(self):
        """The id a link to this heading uses: the editor's anchor, or one made from the text."""
        return slugify(self.get("anchor") or self.get("text") or "") or "section"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        max_length=120,
        help_text="The section's heading, as readers see it in the text and in the part's own contents.",
    )
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text=(
            "Optional. The end of the link to this section (#…). Leave blank to make it from the "
            "heading; set it to keep old links working if you reword the heading."
        ),
    )

    class Meta:
        icon = "title"
        label = "Section heading"
        template = "pages/blocks/heading.html"
        value_class = HeadingValue
        description = "A heading that starts a section. Long parts list their headings at the top."
        preview_value = {"text": "What the guidance says about face-down restraint", "anchor": ""}


class KeyPointBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        max_length=80, default="Key point", help_text="A short label for the callout, such as 'Key point'."
    )
    text = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul"], help_text="The one thing a reader should take away."
    )

    class Meta:
        icon = "pick"
        label = "Key point"
        template = "pages/blocks/key_point.html"
        description = "A highlighted box for the single most important point of a section."
        preview_value = {
            "title": "Key point",
            "text": "<p>Restraint should only ever be a last resort, used for the shortest possible time.</p>",
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The words quoted, without quotation marks.")
    attribution = blocks.CharBlock(
        required=False, max_length=120, help_text="Optional. Who said it, for example 'A campaigner in Leeds'."
    )

    class Meta:
        icon = "openquote"
        label = "Quote"
        template = "pages/blocks/quote.html"
        description = "A quotation from a person or a document, with who said it."
        preview_value = {
            "quote": "Being listened to changed everything about how safe I felt on the ward.",
            "attribution": "A member of a service user group",
        }


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(help_text="Choose or upload an image. Avoid images of restraint or distress.")
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text=(
            "Required. Describe what the image shows for people who cannot see it. "
            "Write 'decorative' only if it adds nothing to the text."
        ),
    )
    caption = blocks.CharBlock(required=False, max_length=250, help_text="Optional. Shown under the image.")

    class Meta:
        icon = "image"
        label = "Image"
        template = "pages/blocks/image.html"
        description = "An image with a text alternative and an optional caption."

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # "decorative": an empty alt, so a screen reader passes the image by.
        context["alt"] = "" if value["alt_text"].strip().lower() == "decorative" else value["alt_text"]
        return context


class StoryTeaserBlock(blocks.StructBlock):
    story = blocks.PageChooserBlock(
        page_type="campaigns.StoryPage", help_text="The campaigner's story to point readers to."
    )
    text = blocks.TextBlock(
        required=False,
        max_length=300,
        help_text="Optional. One or two sentences on why to read it. Leave blank to use the story's summary.",
    )

    class Meta:
        icon = "user"
        label = "Story teaser"
        template = "pages/blocks/story_teaser.html"
        description = "A box that links to one campaigner's story."

    def bulk_to_python(self, values):
        # Each story once, however many teasers name it: a whole guide can tease one story from
        # every part, and SQLite splits a long list of ids into several queries.
        ids = list(dict.fromkeys(value["story"] for value in values if value.get("story")))
        stories = self.child_blocks["story"].model_class.objects.in_bulk(ids)
        converted = super().bulk_to_python([{**value, "story": None} for value in values])
        for value, struct in zip(values, converted, strict=True):
            if value.get("story"):
                struct["story"] = stories.get(value["story"])
        return converted


def validate_link_address(value):
    """Accept a web address, a path on this site, or a mailto: or tel: link."""
    if value.startswith("/") and not value.startswith("//"):
        return
    if value.startswith("mailto:") and "@" in value:
        return
    if value.startswith("tel:") and any(ch.isdigit() for ch in value):
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(
            "Enter a full address starting https://, a path starting /, or a mailto: or tel: link."
        ) from None


class LinkValue(blocks.StructValue):
    @property
    def href(self):
        page = self.get("page")
        return page.url if page else self.get("url")

    @property
    def is_shown(self):
        """A link to a page shows only while that page is published and public."""
        page = self.get("page")
        return is_public(page) if page else bool(self.get("url"))


class RelatedLinksValue(blocks.StructValue):
    @property
    def shown_links(self):
        return [link for link in self.get("links") or [] if link.is_shown]


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, help_text="The link text. Say where it goes, not 'click here'.")
    page = blocks.PageChooserBlock(required=False, help_text="A page on this site. Or give an address below.")
    url = blocks.CharBlock(
        required=False,
        max_length=500,
        validators=[validate_link_address],
        help_text=(
            "If no page is chosen above: a full address (https://…), a path on this site (/…), "
            "an email link (mailto:…) or a phone link (tel:…)."
        ),
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("Choose a page or give an address, not both.")}
            )
        return value

    class Meta:
        icon = "link"
        label = "Link"
        value_class = LinkValue

    def bulk_to_python(self, values):
        # The chosen pages from what prefetch_page_links fetched for this request, when it fetched
        # them all (mindsite/pages/rich_text.py), instead of a query of their own.
        ids = [str(value["page"]) for value in values if value.get("page")]
        pages = prefetched_pages(ids) if ids else None
        if pages is None:
            return super().bulk_to_python(values)
        converted = super().bulk_to_python([{**value, "page": None} for value in values])
        for value, struct in zip(values, converted, strict=True):
            if value.get("page"):
                struct["page"] = pages[str(value["page"])]
        return converted


class ActionCardBlock(LinkBlock):
    """One thing a reader can do, as a card whose heading is the link: a campaign page shows four."""

    title = blocks.CharBlock(
        max_length=80, help_text="What to do, starting with a verb, for example 'See the figures for your area'."
    )
    text = blocks.TextBlock(
        required=False, max_length=200, help_text="Optional. One short sentence on what the reader will find or do."
    )

    class Meta:
        icon = "pick"
        label = "Action"
        value_class = LinkValue
        description = "One thing a reader can do: a card whose heading links to where they do it."
        preview_value = {
            "title": "See the figures for your area",
            "page": None,
            "url": "/campaigns/restraint-in-mental-health-services/restraint-in-your-area/",
            "text": "Find how often your local provider uses restraint, beside England.",
        }


class RelatedLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80, default="Related links", help_text="A heading above the links.")
    links = blocks.ListBlock(LinkBlock(), help_text="The links, in the order to show them.")

    class Meta:
        icon = "list-ul"
        label = "Related links"
        template = "pages/blocks/related_links.html"
        value_class = RelatedLinksValue
        description = "A short list of links to further reading."
        preview_value = {
            "heading": "Related links",
            "links": [{"title": "NICE guideline NG10", "page": None, "url": "https://www.nice.org.uk/guidance/ng10"}],
        }


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label="Text",
        template="pages/blocks/paragraph.html",
        description="Paragraphs of text, with links and lists. Keep sentences short.",
        preview_value="<p>Restraint means stopping someone from moving freely. Guidance says it must be a "
        "last resort.</p>",
        help_text="Write in plain English. Use short paragraphs.",
    )
    key_point = KeyPointBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    story_teaser = StoryTeaserBlock()
    related_links = RelatedLinksBlock()

    def clean(self, value):
        value = super().clean(value)
        seen = {}
        errors = {}
        for index, child in enumerate(value):
            if child.block_type != "heading":
                continue
            anchor = child.value.anchor_id
            if anchor in seen:
                errors[index] = ValidationError(
                    f"Another heading already uses the link '#{anchor}'. Reword this heading or give it its own anchor."
                )
            seen[anchor] = index
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value


def headings_of(body):
    """The (text, anchor) of each section heading in a body, in order."""
    return [(child.value["text"], child.value.anchor_id) for child in body if child.block_type == "heading"]
