from wagtail import hooks

from mindsite.mail.admin_views import add_stuck_mail_panel, admin_urls

hooks.register("construct_homepage_panels", add_stuck_mail_panel)
hooks.register("register_admin_urls", admin_urls)
