from wagtail import hooks

from campaigns.alerts import admin_views

# Reports → Figure alerts: counts per provider; addresses only with the Campaigns team's permission.
hooks.register("register_admin_urls", admin_views.admin_urls)
hooks.register("register_reports_menu_item", admin_views.report_menu_item)
hooks.register("register_permissions", admin_views.addresses_permission)
