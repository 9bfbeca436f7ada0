"""Providers and their commentaries in the admin (Restraint figures in the menu).

Providers come from NHS England's files: editors keep what the files lack (the places a provider
serves, what they found of its four Use of Force Act duties, each with a source and the day it was
checked, its name on WhatDoTheyKnow, three links, and an independent provider's CQC page) and cannot add or
delete providers, or change an ODS code or published name.
Commentaries are drafted, previewed, scheduled and published like pages.
"""

from django import forms
from django.db.models import Q
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .duties import DUTIES
from .records import Provider, ProviderCommentary

# Searching the listing and the chooser by name, ODS code, place or a town from ODS, in the database: providers are made
# by the importer in bulk, so a search index would miss them.
SEARCH_FIELDS = ["name", "ods_name", "ods_code", "places__name", "town", "sites__town"]


def matching(providers, query):
    words = query.split()
    for word in words:
        providers = providers.filter(
            Q(name__icontains=word)
            | Q(ods_name__icontains=word)
            | Q(ods_code__iexact=word)
            | Q(places__name__icontains=word)
            | Q(town__icontains=word)
            | Q(sites__town__icontains=word)
        )
    return providers.distinct() if words else providers


class ImportedProviderPolicy(ModelPermissionPolicy):
    """Nobody adds or deletes a provider in the admin: each is made by an import and keyed on its ODS code."""

    NOT_IN_THE_ADMIN = {"add", "delete", "copy"}

    def user_has_permission(self, user, action):
        return action not in self.NOT_IN_THE_ADMIN and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self.NOT_IN_THE_ADMIN]
        if not allowed:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(allowed)


class ProviderSearchForm(BaseFilterForm):
    q = forms.CharField(
        label="Name, ODS code or place",
        widget=forms.TextInput(attrs={"placeholder": "Name, ODS code or place"}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            objects = matching(objects, query)
        return objects


class ProviderChooseView(ChooseView):
    filter_form_class = ProviderSearchForm


class ProviderChooseResultsView(ChooseResultsView):
    filter_form_class = ProviderSearchForm


class ProviderChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ProviderChooseView
    choose_results_view_class = ProviderChooseResultsView


NO_AND_NOT_KNOWN = (
    "No: you looked and did not find it (give the day, and the page where you looked). Not known: not checked "
    "yet, and the page says so. Never guess."
)


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "site"
    menu_label = "Providers"
    menu_name = "restraint-providers"
    copy_view_enabled = False
    chooser_viewset_class = ProviderChooserViewSet
    search_fields = SEARCH_FIELDS
    search_backend_name = None
    list_display = [
        Column("display_name", label="Name", sort_key="name"),
        "ods_code",
        Column("places", label="Places", accessor=lambda provider: ", ".join(p.name for p in provider.places.all())),
        # Which providers' policies are still to be looked for: "Yes", "No" or "Not known".
        Column(
            "policy_status",
            label="Policy published",
            accessor=lambda provider: provider.get_policy_status_display().split(" (")[0],
        ),
    ]
    list_per_page = 50
    ordering = ["name"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("ods_code", read_only=True),
                FieldPanel("name", read_only=True),
                FieldPanel("kind", read_only=True),
                FieldPanel("ods_name", read_only=True),
                FieldPanel("address", read_only=True),
                FieldPanel("postcode", read_only=True),
                FieldPanel("opened", read_only=True),
                FieldPanel("closed", read_only=True),
                FieldPanel("successor_code", read_only=True),
            ],
            heading="From NHS England's files",
            help_text=(
                "These come from the latest imports (the figures, and the Organisation Data Service's files) and "
                "change only when a new file is imported."
            ),
        ),
        InlinePanel(
            "places",
            heading="Places it serves",
            label="Place",
            help_text="Towns, cities, boroughs or counties, as a reader would type them to find this provider.",
        ),
        FieldPanel("region"),
        *(
            MultiFieldPanel(
                [FieldPanel(f"{duty.key}_status"), FieldPanel(f"{duty.key}_source"), FieldPanel(f"{duty.key}_checked")],
                heading=duty.admin_heading,
                help_text=f"A Use of Force Act duty. {duty.admin_help} {NO_AND_NOT_KNOWN}",
            )
            for duty in DUTIES
        ),
        FieldPanel("whatdotheyknow_name"),
        MultiFieldPanel(
            [
                FieldPanel("board_papers_url"),
                FieldPanel("complaints_url"),
                FieldPanel("website_url"),
                FieldPanel("cqc_url"),
            ],
            heading="Links for 'What you can do'",
            help_text=(
                "Each link shows on the provider's page only when it is filled in. Use the provider's own pages."
            ),
        ),
    ]

    @property
    def permission_policy(self):
        return ImportedProviderPolicy(self.model)

    def get_queryset(self, request):
        return Provider.objects.prefetch_related("places")


class ProviderCommentaryViewSet(SnippetViewSet):
    model = ProviderCommentary
    icon = "comment"
    menu_label = "Commentaries"
    menu_name = "restraint-commentaries"
    copy_view_enabled = False
    search_fields = ["provider__name", "provider__ods_code"]
    search_backend_name = None
    list_display = [Column("provider", label="Provider")]
    panels = [FieldPanel("provider"), FieldPanel("body")]

    def get_queryset(self, request):
        return ProviderCommentary.objects.select_related("provider")


class RestraintFiguresGroup(ViewSetGroup):
    menu_label = "Restraint figures"
    menu_icon = "table"
    menu_order = 890
    items = (ProviderViewSet, ProviderCommentaryViewSet)
