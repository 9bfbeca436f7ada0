from wagtail import hooks

from mindsite.demo import DEMO_CONTENT_ACTION


@hooks.register("register_log_actions")
def register_demo_content_log_action(actions):
    # Marks a revision as the demo loader's own, so a later run may bring it up to date.
    actions.register_action(DEMO_CONTENT_ACTION, "Demo text loaded", "Demo text loaded")
