from django.urls import path

from . import views

app_name = "delegates"

# The three ways to reach one agency's registration page share their views.
_REGISTRATION_PAGES = [
    ("form", "", views.RegistrationFormView),
    ("add_row", "them-dong/", views.AddRowView),
    ("import", "nhap-excel/", views.ImportView),
    ("list_pdf", "danh-sach.pdf", views.RegistrationListPdfView),
    ("list_docx", "danh-sach.docx", views.RegistrationListPdfView),
    ("list_xlsx", "danh-sach.xlsx", views.RegistrationListXlsxView),
    ("invitation_pdf", "giay-moi.pdf", views.RegistrationInvitationPdfView),
    ("invitation_docx", "giay-moi.docx", views.RegistrationInvitationPdfView),
    ("blank_pdf", "mau-dang-ky.pdf", views.RegistrationBlankPdfView),
    ("blank_docx", "mau-dang-ky.docx", views.RegistrationBlankPdfView),
]

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("cua-toi/", views.MyRegistrationsView.as_view(), name="mine"),
    path("su-kien/<int:event_pk>/", views.EventOpeningsView.as_view(), name="event"),
    path("su-kien/<int:event_pk>/mo-dang-ky/", views.OpeningCreateView.as_view(), name="open"),
    path("<int:pk>/", views.DashboardView.as_view(), name="dashboard"),
    path("<int:pk>/sua/", views.OpeningEditView.as_view(), name="opening_edit"),
    path("<int:pk>/moi/", views.InviteView.as_view(), name="invite"),
    path("<int:pk>/lien-ket/<int:link>/thu-hoi/", views.LinkRevokeView.as_view(), name="link_revoke"),
    path("<int:pk>/dai-bieu/<int:delegate>/chuyen/", views.MoveView.as_view(), name="move"),
    path("<int:pk>/co-quan/<int:reg>/mo-lai/", views.ReopenView.as_view(), name="reopen"),
    path("<int:pk>/co-quan/<int:reg>/lien-ket/", views.LinkIssueView.as_view(), name="link_issue"),
    path("<int:pk>/danh-sach.pdf", views.ListPdfView.as_view(), name="list_pdf"),
    path("<int:pk>/danh-sach.docx", views.ListPdfView.as_view(document_format="docx"), name="list_docx"),
    path("<int:pk>/danh-sach.xlsx", views.ListXlsxView.as_view(), name="list_xlsx"),
    path("<int:pk>/mau-dang-ky.pdf", views.BlankFormPdfView.as_view(), name="blank_form_pdf"),
    path(
        "<int:pk>/mau-dang-ky.docx",
        views.BlankFormPdfView.as_view(document_format="docx"),
        name="blank_form_docx",
    ),
    path("<int:pk>/the-dai-bieu.pdf", views.CardsPdfView.as_view(), name="cards_pdf"),
    path("<int:pk>/the-dai-bieu.docx", views.CardsPdfView.as_view(document_format="docx"), name="cards_docx"),
    path("<int:pk>/danh-sach-ky-nhan.pdf", views.CheckinSheetPdfView.as_view(), name="checkin_sheet_pdf"),
    path(
        "<int:pk>/danh-sach-ky-nhan.docx",
        views.CheckinSheetPdfView.as_view(document_format="docx"),
        name="checkin_sheet_docx",
    ),
    path("<int:pk>/giay-moi/them/", views.InvitationEditView.as_view(), name="invitation_new"),
    path("<int:pk>/giay-moi/<int:inv>/", views.InvitationEditView.as_view(), name="invitation"),
    path(
        "<int:pk>/giay-moi/<int:inv>/giay-moi.pdf", views.InvitationPdfView.as_view(), name="invitation_pdf"
    ),
    path(
        "<int:pk>/giay-moi/<int:inv>/giay-moi.docx",
        views.InvitationPdfView.as_view(document_format="docx"),
        name="invitation_docx",
    ),
    path(
        "<int:pk>/giay-moi/<int:inv>/co-quan/<int:reg>.pdf",
        views.InvitationPdfView.as_view(),
        name="invitation_agency_pdf",
    ),
    path(
        "<int:pk>/giay-moi/<int:inv>/co-quan/<int:reg>.docx",
        views.InvitationPdfView.as_view(document_format="docx"),
        name="invitation_agency_docx",
    ),
    path(
        "<int:pk>/giay-moi/<int:inv>/nguoi/<int:delegate>.pdf",
        views.InvitationPdfView.as_view(),
        name="invitation_person_pdf",
    ),
    path(
        "<int:pk>/giay-moi/<int:inv>/nguoi/<int:delegate>.docx",
        views.InvitationPdfView.as_view(document_format="docx"),
        name="invitation_person_docx",
    ),
    path("<int:pk>/diem-danh/", views.AttendanceView.as_view(), name="attendance"),
    path("diem-danh/<str:token>/", views.CheckInView.as_view(), name="check_in"),
]

for _name, _suffix, _view in _REGISTRATION_PAGES:
    # A printed output's ".docx" twin is the same view answering with the Word file.
    _format = {"document_format": "docx"} if _suffix.endswith(".docx") else {}
    urlpatterns += [
        path(
            f"<int:pk>/co-quan/<int:reg>/{_suffix}",
            _view.as_view(mode="staff", **_format),
            name=f"staff_{_name}",
        ),
        path(
            f"cua-toi/<int:reg>/{_suffix}", _view.as_view(mode="account", **_format), name=f"agency_{_name}"
        ),
        path(f"lien-ket/<str:token>/{_suffix}", _view.as_view(mode="link", **_format), name=f"link_{_name}"),
    ]
