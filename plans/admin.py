"""Django admin: the agencies directory, users' agencies, and plans and
decisions for administrators who need to look into or repair drafts.

An issued plan or decision is shown read-only, with its parts: an issued
document never changes again (a correction is a new document).
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import (
    Agency,
    AgencyKind,
    Appendix,
    Assignment,
    Decision,
    DecisionArticle,
    Objective,
    Plan,
    Profile,
    Section,
    Task,
)


@admin.register(AgencyKind)
class AgencyKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position", "agency_count"]
    list_editable = ["position"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_agency_count=Count("agencies"))

    @admin.display(description=_("số cơ quan"), ordering="_agency_count")
    def agency_count(self, obj) -> int:
        return obj._agency_count


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "province", "is_active"]
    list_filter = ["kind", "province", "is_active"]
    list_select_related = ["kind", "parent"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["name", "short_name", "kind", "parent", "is_active", "position"]}),
        (_("In trên văn bản"), {"fields": ["header_name", "header_short", "province", "place"]}),
        (_("Liên hệ"), {"fields": ["email", "phone"]}),
    ]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    autocomplete_fields = ["agency"]
    verbose_name_plural = _("hồ sơ người dùng")


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [ProfileInline]
    list_display = [*BaseUserAdmin.list_display, "agency"]
    list_select_related = ["profile__agency"]

    @admin.display(description=_("cơ quan đại diện"))
    def agency(self, obj):
        profile = getattr(obj, "profile", None)
        return profile.agency if profile is not None else None


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "position", "phone"]
    list_select_related = ["user", "agency"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "agency__name"]
    autocomplete_fields = ["user", "agency"]


class FrozenWhenIssuedMixin:
    """Read-only once the document (or, for an inline, its parent) is issued."""

    def _issued(self, obj) -> bool:
        return bool(obj is not None and getattr(obj, "is_issued", False))

    def has_change_permission(self, request, obj=None):
        return not self._issued(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._issued(obj) and super().has_delete_permission(request, obj)


class FrozenInlineMixin(FrozenWhenIssuedMixin):
    def has_add_permission(self, request, obj=None):
        return not self._issued(obj) and super().has_add_permission(request, obj)


class SectionInline(FrozenInlineMixin, admin.StackedInline):
    model = Section
    extra = 0
    fields = ["parent", "position", "heading", "numbered", "body", "block", "body_after"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only the sections of the plan being edited can be parents.
        if db_field.name == "parent":
            kwargs["queryset"] = Section.objects.filter(plan_id=_object_id(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ObjectiveInline(FrozenInlineMixin, admin.TabularInline):
    model = Objective
    extra = 0
    fields = ["kind", "position", "text"]


class TaskInline(FrozenInlineMixin, admin.StackedInline):
    model = Task
    extra = 0
    fields = [
        ("parent", "position", "numbered"),
        "description",
        ("time_frame", "due_date"),
        ("lead", "cooperating"),
        ("lead_agencies", "cooperating_agencies"),
        ("status", "progress_note"),
    ]
    autocomplete_fields = ["lead_agencies", "cooperating_agencies"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = Task.objects.filter(plan_id=_object_id(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AssignmentInline(FrozenInlineMixin, admin.StackedInline):
    model = Assignment
    extra = 0
    fields = [("position", "layout"), ("agency_text", "agency"), "duties"]
    autocomplete_fields = ["agency"]


class AppendixInline(FrozenInlineMixin, admin.StackedInline):
    model = Appendix
    extra = 0
    fields = [("position", "landscape"), "title", "subtitle", "block", "body"]


def _object_id(request) -> int | None:
    match = getattr(request, "resolver_match", None)
    object_id = match.kwargs.get("object_id") if match else None
    return int(object_id) if object_id and str(object_id).isdigit() else None


@admin.register(Plan)
class PlanAdmin(FrozenWhenIssuedMixin, admin.ModelAdmin):
    list_display = ["title", "year", "issuing_agency", "number", "issued_on", "status"]
    list_filter = ["year", "status", "issuing_agency"]
    list_select_related = ["issuing_agency"]
    search_fields = ["title"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["issuing_agency", "decision", "copied_from"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["issuing_agency", "year", "title", "status", "decision", "copied_from"]}),
        (_("Số, ngày ban hành"), {"fields": ["symbol_code", "number", "issued_on", "place"]}),
        (_("Nội dung"), {"fields": ["opening", "objectives_style", "closing"]}),
        (_("Người ký, nơi nhận"), {"fields": ["signer_title", "signer_name", "recipients", "archive"]}),
        (_("Theo dõi"), {"fields": ["created_by", "created_at", "updated_at"]}),
    ]
    inlines = [SectionInline, ObjectiveInline, TaskInline, AssignmentInline, AppendixInline]


class DecisionArticleInline(FrozenInlineMixin, admin.StackedInline):
    model = DecisionArticle
    extra = 0
    fields = ["position", "body"]


@admin.register(Decision)
class DecisionAdmin(FrozenWhenIssuedMixin, admin.ModelAdmin):
    list_display = ["title", "issuing_agency", "number", "issued_on", "status"]
    list_filter = ["status", "issuing_agency"]
    list_select_related = ["issuing_agency"]
    search_fields = ["title"]
    autocomplete_fields = ["issuing_agency"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["issuing_agency", "title", "status"]}),
        (_("Số, ngày ban hành"), {"fields": ["symbol_code", "number", "issued_on", "place"]}),
        (_("Nội dung"), {"fields": ["authority_line", "legal_bases", "proposal"]}),
        (_("Người ký, nơi nhận"), {"fields": ["signer_title", "signer_name", "recipients", "archive"]}),
        (_("Theo dõi"), {"fields": ["created_by", "created_at", "updated_at"]}),
    ]
    inlines = [DecisionArticleInline]
