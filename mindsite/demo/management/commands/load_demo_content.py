"""Load the demo content: the page tree, the site's name and root, and the menu and footer.

Idempotent: a page that already exists (found by its slug, or a slug it had before, under its
parent) keeps everything an editor has changed. Missing pages are created, then each gets one
revision that is published, so editors see a normal history. A page still as this loader left it
(its live, latest revision is the loader's own: logged as such, or the only one) is brought up to date with
the demo text, in one new published revision, only when that text has changed; so corrections
to the demo reach databases loaded before, and an editor's work is never overwritten.

Each page's first publish is the day its words date from (mindsite.demo.TEXT_DATE, or its spec's
"text_date"), so "Last updated" tells readers when the text was written, not when it was loaded.
"""

import datetime
import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry, Site
from wagtail.utils.file import hash_filelike

from campaigns.figures.importer import earlier_import, file_checksum, import_figures
from campaigns.figures.ods import import_ods_file
from guides.pdf.building import mark_missing_wanted
from guides.review_workflow import put_under_guide_review
from mindsite.demo import DEMO_CONTENT_ACTION, TEXT_DATE, PageRef
from mindsite.demo.chrome import FOOTER_LINKS, MENU, MENU_ADDED, PROMOTIONS
from mindsite.demo.figures import FIGURE_FILES, ODS_FILES, set_demo_duties
from mindsite.demo.pages import SITE_NAME, TREE
from mindsite.demo.pictures import DemoPicture
from mindsite.pages.models import MenuAndFooter
from mindsite.pages.models.menu_and_footer import HELP_NOW_HEADING, HELP_NOW_TEXT

# A rich-text link to a demo page, written as <a linktype="page" id="@key"> in the content.
PAGE_LINK_ID = re.compile(r'id="@([\w-]+)"')


class Command(BaseCommand):
    help = (
        "Load the demo campaign, guides, stories, site pages, menu and footer, and the invented restraint "
        "figures with their providers (from ODS-shaped files, with their sites). Safe to run again."
    )

    def handle(self, *args, **options):
        loader = DemoContentLoader()
        with transaction.atomic():
            loader.load()
            # The PDF worker (make run starts it) builds each guide's PDF that is missing.
            mark_missing_wanted()
        if not loader.created and not loader.updated and not loader.changes:
            self.stdout.write("Demo content already present: nothing changed")
            return
        if options["verbosity"] > 1:
            for page, _ in loader.created:
                self.stdout.write(f"  created {page.url_path}")
            for page in loader.updated:
                self.stdout.write(f"  brought up to date {page.url_path}")
        count = len(loader.created)
        summary = f"Demo content loaded: {count} page{'s' if count != 1 else ''} created"
        if loader.updated:
            updated = len(loader.updated)
            summary += f"; {updated} page{'s' if updated != 1 else ''} brought up to date"
        if loader.changes:
            summary += "; " + "; ".join(loader.changes)
        self.stdout.write(self.style.SUCCESS(summary))


class DemoContentLoader:
    def __init__(self):
        self.pages = {}  # key -> the page, specific, whether it already existed or was created now
        self.created = []  # (page, spec), parents before children
        self.untouched = []  # (page, spec): pages that exist and are still as the loader left them
        self.updated = []  # pages given the current demo text
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
        for page, spec in self.created:
            self._publish(page, log_edit=False)  # its creation is logged already
            # Migrations ran before these guides existed: give a new one its review workflow here.
            if spec["type"] == "guides.GuidePage" and put_under_guide_review(page):
                self.changes.append(f"guide review set up for {page.title!r}")
        for page, spec in self.untouched:
            self._update(page, spec)
        site = self._set_up_site(site, root, home)
        self._set_up_chrome(site)
        self._load_figures()

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
        page = self._existing(parent, spec)
        if page is None:
            page = model(title=spec["title"], slug=spec["slug"], live=False, first_published_at=text_moment(spec))
            self._set_fields(page, spec.get("fields", {}), strict=False)
            parent.add_child(instance=page)
            log(instance=page, action="wagtail.create", content_changed=True)
            self.created.append((page, spec))
        elif not isinstance(page, model):
            raise CommandError(
                f"The page at {page.url_path} is a {type(page).__name__}, not a {model.__name__}. "
                "Rename its slug or move it, then run this again."
            )
        elif self._is_untouched(page):
            self.untouched.append((page, spec))
        self.pages[key] = page
        for child in spec.get("children", []):
            self._add(page, child)
        return page

    def _existing(self, parent, spec):
        """The page for this spec, found by its slug or, if the demo renamed it, a slug it had before."""
        children = parent.get_children().specific()
        for slug in [spec["slug"], *spec.get("former_slugs", [])]:
            page = children.filter(slug=slug).first()
            if page is not None:
                return page
        return None

    def _publish(self, page, log_edit=True):
        revision = page.save_revision(log_action=log_edit)
        revision.publish()
        log(instance=page, action=DEMO_CONTENT_ACTION, revision=revision)

    def _is_untouched(self, page):
        """Whether no one but this loader has changed the page since it loaded or last updated it."""
        revision = page.latest_revision
        if revision is None or revision.user_id is not None or page.live_revision_id != revision.pk:
            return False
        if page.locked or not page.live:
            return False
        marked = PageLogEntry.objects.filter(page=page, action=DEMO_CONTENT_ACTION, revision=revision).exists()
        # A loader before this mark gave each page one revision; an editor's change would add another.
        return marked or page.revisions.count() == 1

    def _update(self, page, spec):
        fields = spec.get("fields", {})
        before = self._comparable(page, fields)
        page.title = spec["title"]
        page.slug = spec["slug"]
        self._set_fields(page, fields, strict=True)
        # A loader before TEXT_DATE gave its pages the day they were loaded.
        dated = text_moment(spec)
        if self._comparable(page, fields) == before:
            if page.first_published_at != dated:
                type(page).objects.filter(pk=page.pk).update(first_published_at=dated)
                self.updated.append(page)
            return
        page.first_published_at = dated
        self._publish(page)
        self.updated.append(page)

    def _comparable(self, page, fields):
        """The page's title, slug and demo fields in a form that ignores stream blocks' generated ids."""
        values = {"title": page.title, "slug": page.slug}
        for name, spec_value in fields.items():
            field = page._meta.get_field(name)
            if field.one_to_many:
                columns = sorted({column for row in spec_value for column in row})
                values[name] = [
                    tuple(getattr(row, f"{column}_id") for column in columns) for row in getattr(page, name).all()
                ]
            elif isinstance(field, StreamField):
                values[name] = _without_block_ids(field.get_prep_value(getattr(page, name)))
            else:
                values[name] = field.value_from_object(page)
        return values

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
            elif isinstance(value, DemoPicture):
                setattr(page, name, self._picture(value))
            else:
                setattr(page, name, self._resolve(value, strict))

    def _picture(self, picture):
        """The Wagtail image of a demo picture: the one already in the library (the same file), else a new one."""
        Image = get_image_model()
        with picture.path.open("rb") as binary_file:
            file_hash = hash_filelike(binary_file)
            image = Image.objects.filter(file_hash=file_hash).order_by("pk").first()
            if image is None:
                binary_file.seek(0)
                image = Image(title=picture.title, description=picture.description, file_hash=file_hash)
                image.file.save(picture.file_name, ImageFile(binary_file, name=picture.file_name), save=False)
                image.file_size = picture.path.stat().st_size
                image.save()
                self.changes.append(f"picture {picture.file_name} added to the image library")
        return image

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
        chrome, _ = MenuAndFooter.objects.get_or_create(site=site)
        if chrome.menu or chrome.help_now_text or chrome.promotions or chrome.footer_links:
            self._add_new_menu_items(chrome)
            return  # editors have set it up, or a previous run did
        chrome.menu = self._menu(MENU)
        chrome.help_now_heading = HELP_NOW_HEADING
        chrome.help_now_text = HELP_NOW_TEXT
        chrome.promotions = [{"type": "promotion", "value": promotion} for promotion in PROMOTIONS]
        chrome.footer_links = [{"type": "link", "value": self._resolve(item, strict=True)} for item in FOOTER_LINKS]
        chrome.save()
        self.changes.append("menu and footer set")

    def _menu(self, items):
        return [{"type": "link", "value": self._resolve(item, strict=True)} for item in items]

    def _add_new_menu_items(self, chrome):
        """A menu still as an earlier loader left it gets the items added to the demo since."""
        earlier = self._menu([item for item in MENU if item not in MENU_ADDED])
        if _without_block_ids(chrome.menu.get_prep_value()) != earlier:
            return
        chrome.menu = self._menu(MENU)
        chrome.save()
        self.changes.append("menu brought up to date")

    def _load_figures(self):
        """Import each demo figures file not imported before, then the invented providers' ODS-shaped files.

        The ODS files go through the same code as import_ods_providers: every load, since a second import of
        the same file changes nothing (and a demo file corrected since reaches databases loaded before)."""
        for path in FIGURE_FILES:
            with path.open("rb") as binary_file:
                if earlier_import(file_checksum(binary_file)) is not None:
                    continue
                record = import_figures(binary_file, path.name, is_synthetic=True)
            self.changes.append(f"invented restraint figures imported from {path.name} ({record.rows_kept:,} kept)")
        for path in ODS_FILES:
            with path.open("rb") as binary_file:
                record = import_ods_file(binary_file, path.name)
            if record.updated or record.sites_added or record.sites_updated:
                self.changes.append(
                    f"invented providers' {record.description} imported from {path.name} "
                    f"({len(record.updated)} providers, {record.sites_added + record.sites_updated} sites changed)"
                )
        if changed := set_demo_duties():
            self.changes.append(f"invented Use of Force Act duties given to {len(changed)} invented providers")


def text_moment(spec):
    """When a demo page's words date from, as a moment: midday, London time, on its text's date."""
    day = spec.get("text_date", TEXT_DATE)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _without_block_ids(value):
    """A stream's JSON without each block's id, which is new each time the demo text is read."""
    if isinstance(value, list):
        return [_without_block_ids(item) for item in value]
    if isinstance(value, dict):
        is_block = "type" in value and "value" in value
        return {key: _without_block_ids(item) for key, item in value.items() if not (is_block and key == "id")}
    return value
