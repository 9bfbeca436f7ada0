from wagtail import hooks

from campaigns.restraint_figures.admin_views import admin_urls, import_permission, menu_item

hooks.register("register_admin_urls", admin_urls)
hooks.register("register_admin_menu_item", menu_item)
# Lists "Can import restraint data" among a group's other permissions in Settings → Groups.
hooks.register("register_permissions", import_permission)
