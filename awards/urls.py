from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    # Staff
    path("", views.CampaignListView.as_view(), name="list"),
    path("ke-hoach/<int:plan_pk>/", views.CampaignListView.as_view(), name="plan"),
    path("tao/", views.CampaignFormView.as_view(), name="create"),
    path("<int:pk>/", views.CampaignDetailView.as_view(), name="campaign"),
    path("<int:pk>/sua/", views.CampaignFormView.as_view(), name="edit"),
    path("<int:pk>/co-quan/", views.CampaignAgenciesView.as_view(), name="agencies"),
    path("<int:pk>/lien-ket/", views.CampaignLinkView.as_view(), name="links"),
    path("<int:pk>/excel/", views.CampaignExcelView.as_view(), name="excel"),
    path("<int:pk>/de-nghi/<int:nomination_pk>/xet/", views.NominationReviewView.as_view(), name="review"),
    path("<int:pk>/tep/<int:attachment_pk>/", views.StaffAttachmentView.as_view(), name="attachment"),
    path("<int:pk>/quyet-dinh/tao/", views.DecisionCreateView.as_view(), name="decision_create"),
    path("<int:pk>/quyet-dinh/<int:decision_pk>/", views.DecisionDetailView.as_view(), name="decision"),
    path("<int:pk>/quyet-dinh/<int:decision_pk>/pdf/", views.DecisionPdfView.as_view(), name="decision_pdf"),
    path(
        "<int:pk>/quyet-dinh/<int:decision_pk>/docx/",
        views.DecisionPdfView.as_view(document_format="docx"),
        name="decision_docx",
    ),
    path(
        "<int:pk>/quyet-dinh/<int:decision_pk>/ban-in/",
        views.DecisionPrintView.as_view(),
        name="decision_print",
    ),
    path(
        "<int:pk>/quyet-dinh/<int:decision_pk>/cong-bo/pdf/",
        views.DecisionPdfView.as_view(reading_list=True),
        name="reading_pdf",
    ),
    path(
        "<int:pk>/quyet-dinh/<int:decision_pk>/cong-bo/docx/",
        views.DecisionPdfView.as_view(reading_list=True, document_format="docx"),
        name="reading_docx",
    ),
    path(
        "<int:pk>/quyet-dinh/<int:decision_pk>/cong-bo/ban-in/",
        views.DecisionPrintView.as_view(reading_list=True),
        name="reading_print",
    ),
    # Agencies, with an account
    path("don-vi/", views.AgencyCampaignListView.as_view(), name="agency_list"),
    path("don-vi/<int:pk>/", views.AgencyCampaignView.as_view(), name="agency_campaign"),
    path("don-vi/<int:pk>/them/", views.AgencyNominationFormView.as_view(), name="agency_add"),
    path(
        "don-vi/<int:pk>/<int:nomination_pk>/sua/",
        views.AgencyNominationFormView.as_view(),
        name="agency_edit",
    ),
    path(
        "don-vi/<int:pk>/<int:nomination_pk>/xoa/",
        views.AgencyNominationDeleteView.as_view(),
        name="agency_delete",
    ),
    path(
        "don-vi/<int:pk>/tep/<int:attachment_pk>/",
        views.AgencyAttachmentView.as_view(),
        name="agency_attachment",
    ),
    # Agencies, with a secret link to one campaign
    path("lien-ket/<str:token>/", views.AgencyCampaignView.as_view(), name="link_campaign"),
    path("lien-ket/<str:token>/them/", views.AgencyNominationFormView.as_view(), name="link_add"),
    path(
        "lien-ket/<str:token>/<int:nomination_pk>/sua/",
        views.AgencyNominationFormView.as_view(),
        name="link_edit",
    ),
    path(
        "lien-ket/<str:token>/<int:nomination_pk>/xoa/",
        views.AgencyNominationDeleteView.as_view(),
        name="link_delete",
    ),
    path(
        "lien-ket/<str:token>/tep/<int:attachment_pk>/",
        views.AgencyAttachmentView.as_view(),
        name="link_attachment",
    ),
]
