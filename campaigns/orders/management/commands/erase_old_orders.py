"""The daily erasure's first name, kept so that schedules set up before it was renamed still run it."""

from mindsite.privacy.management.commands.erase_old_personal_data import Command as ErasePersonalData


class Command(ErasePersonalData):
    help = "The same as erase_old_personal_data (its old name). " + ErasePersonalData.help
