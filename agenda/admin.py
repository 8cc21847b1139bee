from django.contrib import admin

from .models import Programme, ProgrammeSlot


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "layout", "day_start", "day_end"]
    list_filter = ["layout"]
    list_select_related = ["event"]
    raw_id_fields = ["event"]


@admin.register(ProgrammeSlot)
class ProgrammeSlotAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event", "position", "start_time", "end_time", "kind", "numbered"]
    list_filter = ["kind"]
    list_select_related = ["event"]
    raw_id_fields = ["event"]
