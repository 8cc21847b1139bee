from django.urls import path

from . import views
from .selectors import CONCLUSION_KIND, PLAN_KIND

app_name = "progress"

urlpatterns = [
    # Staff
    path("", views.ProgressIndexView.as_view(), name="index"),
    path("ke-hoach/<int:plan_pk>/", views.DashboardView.as_view(), name="dashboard"),
    path(
        "ke-hoach/<int:plan_pk>/nhiem-vu/<int:pk>/",
        views.TaskHistoryView.as_view(kind=PLAN_KIND),
        name="history_nhiem_vu",
    ),
    path(
        "ke-hoach/<int:plan_pk>/ket-luan/<int:pk>/",
        views.TaskHistoryView.as_view(kind=CONCLUSION_KIND),
        name="history_ket_luan",
    ),
    path(
        "ke-hoach/<int:plan_pk>/nhiem-vu/<int:pk>/ghi/",
        views.TaskRecordView.as_view(kind=PLAN_KIND),
        name="record_nhiem_vu",
    ),
    path(
        "ke-hoach/<int:plan_pk>/ket-luan/<int:pk>/ghi/",
        views.TaskRecordView.as_view(kind=CONCLUSION_KIND),
        name="record_ket_luan",
    ),
    path("ke-hoach/<int:plan_pk>/tep/<int:report_pk>/", views.StaffFileView.as_view(), name="staff_file"),
    path("ke-hoach/<int:plan_pk>/lien-ket/", views.LinkView.as_view(), name="links"),
    path("ke-hoach/<int:plan_pk>/nhac-han/", views.RemindView.as_view(), name="remind"),
    path("ke-hoach/<int:plan_pk>/bao-cao/tao/", views.ReportCreateView.as_view(), name="report_create"),
    path(
        "ke-hoach/<int:plan_pk>/thong-bao-ket-luan/tao/",
        views.ConclusionCreateView.as_view(),
        name="conclusion_create",
    ),
    path("bao-cao/<int:pk>/", views.ReportDetailView.as_view(), name="report"),
    path("bao-cao/<int:pk>/sua/", views.ReportEditView.as_view(), name="report_edit"),
    path("bao-cao/<int:pk>/pdf/", views.ReportPdfView.as_view(), name="report_pdf"),
    path("bao-cao/<int:pk>/docx/", views.ReportPdfView.as_view(document_format="docx"), name="report_docx"),
    path("thong-bao-ket-luan/<int:pk>/", views.ConclusionView.as_view(), name="conclusion"),
    path("thong-bao-ket-luan/<int:pk>/sua/", views.ConclusionEditView.as_view(), name="conclusion_edit"),
    path(
        "thong-bao-ket-luan/<int:pk>/nhiem-vu/them/",
        views.ConclusionTaskAddView.as_view(),
        name="conclusion_task_add",
    ),
    path(
        "thong-bao-ket-luan/<int:pk>/nhiem-vu/<int:item_pk>/sua/",
        views.ConclusionTaskEditView.as_view(),
        name="conclusion_task_edit",
    ),
    path(
        "thong-bao-ket-luan/<int:pk>/nhiem-vu/<int:item_pk>/xoa/",
        views.ConclusionTaskDeleteView.as_view(),
        name="conclusion_task_delete",
    ),
    # Agencies, with an account: "Nhiệm vụ của đơn vị"
    path("don-vi/", views.AgencyTasksView.as_view(), name="agency_tasks"),
    path("don-vi/nhiem-vu/<int:pk>/", views.AgencyTaskView.as_view(kind=PLAN_KIND), name="agency_nhiem_vu"),
    path(
        "don-vi/ket-luan/<int:pk>/",
        views.AgencyTaskView.as_view(kind=CONCLUSION_KIND),
        name="agency_ket_luan",
    ),
    path("don-vi/tep/<int:report_pk>/", views.AgencyFileView.as_view(), name="agency_file"),
    # Agencies, with a secret link to one plan
    path("lien-ket/<str:token>/", views.AgencyTasksView.as_view(), name="link_tasks"),
    path(
        "lien-ket/<str:token>/nhiem-vu/<int:pk>/",
        views.AgencyTaskView.as_view(kind=PLAN_KIND),
        name="link_nhiem_vu",
    ),
    path(
        "lien-ket/<str:token>/ket-luan/<int:pk>/",
        views.AgencyTaskView.as_view(kind=CONCLUSION_KIND),
        name="link_ket_luan",
    ),
    path("lien-ket/<str:token>/tep/<int:report_pk>/", views.AgencyFileView.as_view(), name="link_file"),
]
