from django.core.management.base import BaseCommand, CommandError

from mindsite.privacy.erasure import ErasureFailed, erase_old_personal_data


class Command(BaseCommand):
    help = (
        "Erase personal data that is due to go, in every app that keeps some (mindsite/privacy/erasure.py). "
        "Run once a day. What goes when is in the README's privacy section."
    )

    def handle(self, *args, **options):
        try:
            done = erase_old_personal_data()
        except ErasureFailed as failed:
            raise CommandError(f"Erasing failed for: {', '.join(failed.args)} (the others ran; see the log)") from None
        for name, said in done:
            self.stdout.write(f"{name}: {said}")
