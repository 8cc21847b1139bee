"""Django admin: the venue directory (an administrator's list to keep), and
events for administrators who need to look into or repair one."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from documents.admin import FrozenDocumentAdminMixin

from .models import (
    BudgetItem,
    Delegation,
    Event,
    FundingSource,
    OnlineSite,
    ParticipantGroup,
    Venue,
)


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "address", "capacity", "hired", "event_count"]
    list_filter = ["hired"]
    search_fields = ["name", "address"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_event_count=Count("events"))

    @admin.display(description=_("số sự kiện"), ordering="_event_count")
    def event_count(self, obj) -> int:
        return obj._event_count


class ParticipantGroupInline(admin.TabularInline):
    model = ParticipantGroup
    extra = 0


class OnlineSiteInline(admin.TabularInline):
    model = OnlineSite
    extra = 0
    fields = [
        "position",
        "level",
        "is_main",
        "name",
        "room",
        "expected_count",
        "contact_name",
        "contact_phone",
    ]


class DelegationInline(admin.StackedInline):
    model = Delegation
    extra = 0


class FundingSourceInline(admin.TabularInline):
    model = FundingSource
    extra = 0


class BudgetItemInline(admin.TabularInline):
    model = BudgetItem
    extra = 0


@admin.register(Event)
class EventAdmin(FrozenDocumentAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "plan", "date_text", "start_date", "expected_total"]
    list_filter = ["kind"]
    search_fields = ["name", "plan__title"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan"]
    inlines = [
        ParticipantGroupInline,
        OnlineSiteInline,
        DelegationInline,
        FundingSourceInline,
        BudgetItemInline,
    ]
