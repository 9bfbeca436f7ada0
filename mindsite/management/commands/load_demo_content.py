"""Load the demo content: the page tree, the site's name and root, and the menu and footer.

Idempotent: a page that already exists (found by its slug under its parent) is left alone,
with everything an editor may have changed, and gets no new revision. Missing pages are
created, then each gets one revision that is published, so editors see a normal history.
"""

import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import Page, Site

from mindsite.demo_content import PageRef
from mindsite.demo_content.chrome import FOOTER_LINKS, HELP_NOW_HEADING, HELP_NOW_TEXT, MENU, PROMOTIONS
from mindsite.demo_content.pages import SITE_NAME, TREE
from mindsite.models import SiteChrome

# A rich-text link to a demo page, written as <a linktype="page" id="@key"> in the content.
PAGE_LINK_ID = re.compile(r'id="@([\w-]+)"')


class Command(BaseCommand):
    help = "Load the demo campaign, guides, stories, site pages, menu and footer. Safe to run again."

    def handle(self, *args, **options):
        loader = DemoContentLoader()
        with transaction.atomic():
            loader.load()
        if not loader.created and not loader.changes:
            self.stdout.write("Demo content already present: nothing changed")
            return
        if options["verbosity"] > 1:
            for page, _ in loader.created:
                self.stdout.write(f"  created {page.url_path}")
        count = len(loader.created)
        summary = f"Demo content loaded: {count} page{'s' if count != 1 else ''} created"
        if loader.changes:
            summary += "; " + "; ".join(loader.changes)
        self.stdout.write(self.style.SUCCESS(summary))


class DemoContentLoader:
    def __init__(self):
        self.pages = {}  # key -> the page, specific, whether it already existed or was created now
        self.created = []  # (page, spec), parents before children
        self.changes = []  # what else changed, for the summary

    def load(self):
        root = Page.get_first_root_node()
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        self._remove_welcome_page(root, site)
        home = self._add(root, TREE)
        # References can point forward (the home page features the campaign below it), so
        # they are filled in once every page exists, before each page's first revision.
        for page, spec in self.created:
            self._set_fields(page, spec.get("fields", {}), strict=True)
        for page, _ in self.created:
            page.save_revision().publish()
        site = self._set_up_site(site, root, home)
        self._set_up_chrome(site)

    def _remove_welcome_page(self, root, site):
        """Delete the "Welcome to your new Wagtail site!" page Wagtail's migration makes: it holds our slug."""
        welcome = (
            root.get_children()
            .filter(slug=TREE["slug"], numchild=0, content_type=ContentType.objects.get_for_model(Page))
            .first()
        )
        if welcome is None:
            return
        if site is not None and site.root_page_id == welcome.pk:
            # Deleting a site's root page deletes the site; park it on the tree root until home exists.
            site.root_page = root
            site.save()
        welcome.delete()
        self.changes.append("removed Wagtail's welcome page")

    def _add(self, parent, spec):
        key = spec.get("key", spec["slug"])
        if key in self.pages:
            raise CommandError(f"Two demo pages have the key {key!r}.")
        model = apps.get_model(spec["type"])
        page = parent.get_children().filter(slug=spec["slug"]).specific().first()
        if page is None:
            page = model(title=spec["title"], slug=spec["slug"], live=False)
            self._set_fields(page, spec.get("fields", {}), strict=False)
            parent.add_child(instance=page)
            log(instance=page, action="wagtail.create", content_changed=True)
            self.created.append((page, spec))
        elif not isinstance(page, model):
            raise CommandError(
                f"The page at {page.url_path} is a {type(page).__name__}, not a {model.__name__}. "
                "Rename its slug or move it, then run this again."
            )
        self.pages[key] = page
        for child in spec.get("children", []):
            self._add(page, child)
        return page

    def _set_fields(self, page, fields, strict):
        """Set a page's fields from its spec; with strict=False, leave out pages that don't exist yet."""
        for name, value in fields.items():
            field = page._meta.get_field(name)
            if field.one_to_many:
                # An inline panel's rows, such as a campaign's featured stories.
                rows = [{column: self._page(ref, strict) for column, ref in row.items()} for row in value]
                rows = [row for row in rows if all(row.values())]
                setattr(page, name, [field.related_model(**row) for row in rows])
            elif isinstance(value, PageRef):
                setattr(page, name, self._page(value, strict))
            else:
                setattr(page, name, self._resolve(value, strict))

    def _page(self, ref, strict):
        page = self.pages.get(ref.key)
        if page is None and strict:
            raise CommandError(f"The demo content refers to a page with the key {ref.key!r}, but there is none.")
        return page

    def _resolve(self, value, strict):
        """A stream or rich-text value with each PageRef and "@key" link swapped for the page's id."""
        if isinstance(value, PageRef):
            page = self._page(value, strict)
            return page.pk if page else None
        if isinstance(value, dict):
            return {name: self._resolve(item, strict) for name, item in value.items()}
        if isinstance(value, list):
            return [self._resolve(item, strict) for item in value]
        if isinstance(value, str):
            return PAGE_LINK_ID.sub(lambda match: self._link_id(match, strict), value)
        return value

    def _link_id(self, match, strict):
        page = self._page(PageRef(match.group(1)), strict)
        return f'id="{page.pk}"' if page else match.group(0)

    def _set_up_site(self, site, root, home):
        if site is None:
            self.changes.append("default site created")
            return Site.objects.create(
                hostname="localhost", port=80, is_default_site=True, root_page=home, site_name=SITE_NAME
            )
        changed = False
        # Only take over a site with no home of its own: never move one an editor pointed elsewhere.
        if site.root_page_id == root.pk:
            site.root_page = home
            self.changes.append("home page made the site's root")
            changed = True
        if not site.site_name:
            site.site_name = SITE_NAME
            self.changes.append(f"site named {SITE_NAME!r}")
            changed = True
        if changed:
            site.save()
        return site

    def _set_up_chrome(self, site):
        chrome, _ = SiteChrome.objects.get_or_create(site=site)
        if chrome.menu or chrome.help_now_text or chrome.promotions or chrome.footer_links:
            return  # editors have set it up, or a previous run did
        chrome.menu = [{"type": "link", "value": self._resolve(item, strict=True)} for item in MENU]
        chrome.help_now_heading = HELP_NOW_HEADING
        chrome.help_now_text = HELP_NOW_TEXT
        chrome.promotions = [{"type": "promotion", "value": promotion} for promotion in PROMOTIONS]
        chrome.footer_links = [{"type": "link", "value": self._resolve(item, strict=True)} for item in FOOTER_LINKS]
        chrome.save()
        self.changes.append("menu and footer set")
