from wagtail import hooks

from campaigns.restraint_figures.admin_views import admin_urls, menu_item

hooks.register("register_admin_urls", admin_urls)
hooks.register("register_admin_menu_item", menu_item)
