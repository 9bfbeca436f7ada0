from wagtail import hooks
from wagtail.snippets.models import register_snippet

from campaigns.figures.admin_views import admin_urls, import_permission, menu_item
from campaigns.figures.snippets import RestraintFiguresGroup

hooks.register("register_admin_urls", admin_urls)
hooks.register("register_admin_menu_item", menu_item)
# Lists "Can import restraint data" among a group's other permissions in Settings → Groups.
hooks.register("register_permissions", import_permission)

# Providers (their places and links) and editors' commentaries, under "Restraint figures".
register_snippet(RestraintFiguresGroup)
