from django.urls import path

from plans.views import excel as excel_views
from plans.views import plans as views
from plans.views.printing import PlanPdfView, PlanPrintView

app_name = "plans"

# Each row kind of a plan gets the same five endpoints; the slug is the
# Vietnamese word in the URL, the name prefix the English one.
_PART_SLUGS = {
    "section": "muc",
    "objective": "muc-dich",
    "task": "nhiem-vu",
    "assignment": "phan-cong",
    "appendix": "phu-luc",
    "article": "dieu",
}

urlpatterns = [
    path("", views.PlanListView.as_view(), name="list"),
    path("tao-moi/", views.PlanCreateView.as_view(), name="create"),
    path("co-quan/tim/", views.AgencySearchView.as_view(), name="agency_search"),
    path("<int:pk>/", views.PlanEditorView.as_view(), name="detail"),
    path("<int:pk>/sao-chep/", views.PlanCopyView.as_view(), name="copy"),
    path("<int:pk>/thay-the/", views.PlanReplaceView.as_view(), name="replace"),
    path("<int:pk>/thong-tin/", views.PlanHeaderView.as_view(), name="header"),
    path("<int:pk>/quyet-dinh/", views.DecisionView.as_view(), name="decision"),
]

for _name, _slug in _PART_SLUGS.items():
    urlpatterns += [
        path(f"<int:pk>/{_slug}/", views.PartListView.as_view(part_name=_name), name=f"{_name}_list"),
        path(f"<int:pk>/{_slug}/them/", views.PartCreateView.as_view(part_name=_name), name=f"{_name}_add"),
        path(
            f"<int:pk>/{_slug}/<int:item>/sua/",
            views.PartUpdateView.as_view(part_name=_name),
            name=f"{_name}_edit",
        ),
        path(
            f"<int:pk>/{_slug}/<int:item>/xoa/",
            views.PartDeleteView.as_view(part_name=_name),
            name=f"{_name}_delete",
        ),
        path(
            f"<int:pk>/{_slug}/<int:item>/di-chuyen/",
            views.PartMoveView.as_view(part_name=_name),
            name=f"{_name}_move",
        ),
    ]

# The printed document (plans/views/printing.py); the editor's preview frames "print".
urlpatterns += [
    path("<int:pk>/pdf/", PlanPdfView.as_view(), name="pdf"),
    path("<int:pk>/docx/", PlanPdfView.as_view(document_format="docx"), name="docx"),
    path("<int:pk>/ban-in/", PlanPrintView.as_view(), name="print"),
]

# The task table as Excel (plans/views/excel.py).
urlpatterns += [
    path("<int:pk>/nhiem-vu/xuat-excel/", excel_views.TaskTableExportView.as_view(), name="task_export"),
    path("<int:pk>/nhiem-vu/nhap-excel/", excel_views.TaskTableImportView.as_view(), name="task_import"),
]
