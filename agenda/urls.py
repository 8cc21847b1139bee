from django.urls import path

from . import excel_views, views

app_name = "agenda"

urlpatterns = [
    path("", views.ProgrammeEditorView.as_view(), name="editor"),
    path("phan/", views.ProgrammePartView.as_view(), name="part"),
    path("cai-dat/", views.ProgrammeSettingsView.as_view(), name="settings"),
    path("them/", views.SlotCreateView.as_view(), name="slot_add"),
    path("sap-xep/", views.SlotsReorderView.as_view(), name="reorder"),
    path("phu-luc/", views.ProgrammeAttachView.as_view(), name="attach"),
    path("pdf/", views.ProgrammePdfView.as_view(), name="pdf"),
    path("docx/", views.ProgrammePdfView.as_view(document_format="docx"), name="docx"),
    path("ban-in/", views.ProgrammePrintView.as_view(), name="print"),
    path("xuat-excel/", excel_views.ProgrammeExportView.as_view(), name="export"),
    path("nhap-excel/", excel_views.ProgrammeImportView.as_view(), name="import"),
    path("<int:slot>/sua/", views.SlotUpdateView.as_view(), name="slot_edit"),
    path("<int:slot>/xoa/", views.SlotDeleteView.as_view(), name="slot_delete"),
    path("<int:slot>/di-chuyen/", views.SlotMoveView.as_view(), name="slot_move"),
    path("<int:slot>/thoi-luong/", views.SlotDurationView.as_view(), name="slot_duration"),
]
