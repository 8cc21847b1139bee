"""Registers in the admin: administrators name them; entries and counters
are written only by the issuing service, so they are shown read-only."""

from django.contrib import admin

from .models import Register, RegisterCounter, RegisterEntry


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
