"""Django admin: award types (data administrators edit), and campaigns,
nominations and decisions for looking into or repairing them."""

from django.contrib import admin

from documents.admin import FrozenDocumentAdminMixin

from .models import AwardDecision, AwardType, Campaign, CampaignAgency, Nomination, NominationAttachment


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "conferred_by",
        "amount_collective",
        "amount_individual",
        "position",
        "is_active",
    ]
    list_editable = ["position", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "conferred_by", "contest"]


class CampaignAgencyInline(admin.TabularInline):
    model = CampaignAgency
    extra = 0
    autocomplete_fields = ["agency"]


@admin.register(Campaign)
class CampaignAdmin(FrozenDocumentAdminMixin, admin.ModelAdmin):
    list_display = ["title", "plan", "deadline", "closed"]
    list_filter = ["closed"]
    search_fields = ["title", "plan__title"]
    filter_horizontal = ["award_types"]
    raw_id_fields = ["plan", "event", "announce_slot"]
    inlines = [CampaignAgencyInline]


class AttachmentInline(admin.TabularInline):
    model = NominationAttachment
    extra = 0
    readonly_fields = ["original_name", "size", "content_type", "uploaded_at"]


@admin.register(Nomination)
class NominationAdmin(FrozenDocumentAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "agency", "award_type", "status", "campaign"]
    list_filter = ["status", "kind", "award_type"]
    search_fields = ["name", "unit", "agency__name"]
    raw_id_fields = ["campaign", "agency"]
    readonly_fields = ["name_key", "unit_key", "created_at", "updated_at", "reviewed_at"]
    inlines = [AttachmentInline]


@admin.register(AwardDecision)
class AwardDecisionAdmin(FrozenDocumentAdminMixin, admin.ModelAdmin):
    list_display = ["title", "campaign", "status", "number", "issued_on"]
    list_filter = ["status"]
    raw_id_fields = ["campaign", "issuing_agency"]
    filter_horizontal = ["award_types"]
