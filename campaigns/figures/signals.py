"""What the figures app tells other apps, knowing none of them (import-linter keeps it so)."""

from django.dispatch import Signal

# Sent with figure_import=<FigureImport> once an import of figures has been committed (importer.import_figures),
# through send_robust: a receiver that fails is logged and never undoes or fails the import.
figures_imported = Signal()
