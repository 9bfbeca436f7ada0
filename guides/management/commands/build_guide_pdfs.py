import logging

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from guides.models import GuidePage
from guides.pdf.building import build, build_wanted, claim_now
from guides.pdf.rendering import PdfSupportMissing, load_weasyprint
from mindsite.ops.stop_signals import StopSignals

logger = logging.getLogger("guides.pdf")


class Command(BaseCommand):
    help = (
        "Build the PDF of each guide (or of the guides named, by slug or id) from what is published, now. "
        "With --wanted, build only the guides a publish has marked, once; with --watch, keep doing that "
        "as the PDF worker until stopped with SIGTERM or Ctrl-C. Several workers may run at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("guides", nargs="*", help="Slugs or ids of guides (default: every guide).")
        parser.add_argument("--wanted", action="store_true", help="Build the guides marked as wanted, then exit.")
        parser.add_argument("--watch", action="store_true", help="Keep building wanted guides until stopped.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between --watch passes (default 5).")

    def handle(self, *args, guides=(), wanted=False, watch=False, interval=5.0, **options):
        if (wanted or watch) and guides:
            raise CommandError("--wanted and --watch build every wanted guide: name no guides with them.")
        if wanted or watch:
            if not self.can_build():
                if watch:
                    self.idle_until_stopped()
                return
            if watch:
                self.watch(interval)
            else:
                build_wanted()
            return
        try:
            load_weasyprint()
        except PdfSupportMissing as missing:
            message = f"PDFs cannot be built here: {missing}. See the README for WeasyPrint's packages."
            raise CommandError(message) from None
        for guide in self.chosen(guides):
            self.build_one(guide)

    def can_build(self):
        try:
            load_weasyprint()
        except PdfSupportMissing as missing:
            # Said once; the site runs on without the download link.
            logger.warning("Guide PDFs cannot be built here (%s): install WeasyPrint's packages (README)", missing)
            return False
        return True

    def build_one(self, guide):
        claim = claim_now(guide)
        if claim is None:
            self.stderr.write(f"{guide.title}: skipped, a worker holds it (building it, or waiting to try again)")
            return
        pdf = build(claim)
        if pdf is None:
            self.stderr.write(f"{guide.title}: not built (see the log)")
        elif not pdf.file:
            self.stdout.write(f"{guide.title}: not published and public, so no PDF")
        else:
            self.stdout.write(f"{guide.title}: {pdf.pages} pages, {pdf.size} bytes ({pdf.file.name})")

    def chosen(self, names):
        guides = GuidePage.objects.order_by("path")
        if not names:
            return list(guides)
        found = []
        for name in names:
            match = guides.filter(pk=int(name)) if name.isdigit() else guides.filter(slug=name)
            if not match:
                raise CommandError(f"No guide with the slug or id {name!r}.")
            found.extend(match)
        return found

    def idle_until_stopped(self):
        with StopSignals() as stop:
            while not stop.wait(60):
                pass
        logger.info("PDF worker stopped")

    def watch(self, interval):
        with StopSignals() as stop:
            logger.info("PDF worker started")
            while not stop.requested:
                try:
                    build_wanted()
                except Exception:
                    # The database or the storage may be briefly away: keep going.
                    logger.exception("PDF worker pass failed; trying again shortly")
                close_old_connections()
                stop.wait(interval)
            logger.info("PDF worker stopping (%s)", stop.requested)
        logger.info("PDF worker stopped")
