"""An import's outcome in plain words, for the command's output and the admin's preview."""

import datetime

from django.template.defaultfilters import pluralize

from .metrics import Status


def month_label(label):
    """'2025-03 performance' -> 'March 2025 (Performance)'."""
    year_month, status = label.split(" ", 1)
    month = datetime.date.fromisoformat(f"{year_month}-01")
    return f"{month:%B %Y} ({Status(status).label})"


def describe_import(record):
    """Lines saying what a FigureImport read, kept, skipped and changed."""
    synthetic = " as INVENTED (synthetic) figures" if record.is_synthetic else ""
    lines = [
        f"Imported {record.file_name}{synthetic}: {record.rows_read:,} row{pluralize(record.rows_read)} read, "
        f"{record.rows_kept:,} kept, {record.rows_skipped:,} skipped."
    ]
    lines.extend(describe_files(record))
    if not record.rows_kept and not record.months_kept:
        lines.append("Nothing in this file was kept: is it NHS England's Restrictive Interventions file?")
    for reason, count in sorted(record.skipped_reasons.items()):
        lines.append(f"  Skipped, {reason}: {count:,}")
    for heading, labels in [
        ("Months added", record.months_added),
        ("Months replaced", record.months_replaced),
        ("Months left as they were (a higher status is stored)", record.months_kept),
    ]:
        if labels:
            lines.append(f"{heading}: " + ", ".join(month_label(label) for label in labels))
    added, renamed = record.providers_added, record.providers_renamed
    lines.append(
        f"Providers: {len(added)} added{': ' + ', '.join(added) if added else ''}; "
        f"{len(renamed)} renamed{': ' + ', '.join(renamed) if renamed else ''}."
    )
    lines.append(f"Checksum (SHA-256): {record.sha256}")
    return lines


def describe_files(record):
    """How the upload was read: each CSV's encoding, and the zip's files left unread. None for older imports."""
    lines = []
    for csv_file in record.csv_files:
        where = f"{csv_file['member']} (in the zip)" if csv_file["member"] else "The file"
        lines.append(f"{where} was read as {csv_file['encoding']} text.")
    if record.members_skipped:
        lines.append("Left unread, as not CSV: " + ", ".join(record.members_skipped) + ".")
    return lines
