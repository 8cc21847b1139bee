"""Registers in the admin: administrators name them; entries and counters
are written only by the issuing service, so they are shown read-only."""

from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect

from .models import Job, Register, RegisterCounter, RegisterEntry
from .workflow import FrozenDocument


class FrozenDocumentAdminMixin:
    """For admins of rows that an issued document holds on to (an event with
    an issued invitation, a campaign with an issued decision …): deleting or
    changing them is refused with the reason, never a server error, and
    nothing of the attempt is kept."""

    def _refusing_frozen(self, view, request, *args, **kwargs):
        try:
            with transaction.atomic():
                return view(request, *args, **kwargs)
        except FrozenDocument as error:
            # "error" too: the project tags errors "danger" (Bootstrap), which the admin's CSS does not style.
            self.message_user(request, " ".join(error.messages), messages.ERROR, extra_tags="error")
            return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, *args, **kwargs):
        return self._refusing_frozen(super().changeform_view, request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self._refusing_frozen(super().delete_view, request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self._refusing_frozen(super().changelist_view, request, *args, **kwargs)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Register)
class RegisterAdmin(admin.ModelAdmin):
    list_display = ["name", "key"]
    search_fields = ["name", "key"]
    readonly_fields = ["key"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RegisterCounter)
class RegisterCounterAdmin(ReadOnlyAdmin):
    list_display = ["register", "year", "last_number"]
    list_filter = ["year"]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdmin):
    list_display = ["symbol", "issued_on", "register", "title", "source", "issued_by"]
    list_filter = ["year", "register", "source"]
    list_select_related = ["register", "issued_by"]
    search_fields = ["symbol", "title"]
    date_hierarchy = "issued_on"


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    """Background jobs of every user, for an operator looking for failures;
    the owner sends one again from "Tệp của tôi"."""

    list_display = ["title", "owner", "kind", "status", "attempts", "created_at", "finished_at", "message"]
    list_filter = ["status", "kind"]
    list_select_related = ["owner"]
    search_fields = ["owner__username", "owner__email", "owner__first_name", "owner__last_name", "title"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_delete_permission(self, request, obj=None):
        # A job is its owner's file, nothing official: an operator may clear it,
        # and deleting a user account takes the account's jobs with it.
        return request.user.is_superuser
