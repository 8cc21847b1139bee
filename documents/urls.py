from django.urls import path

from . import views

app_name = "documents"

# <doc> is a workflow id: the document type's key, a dash, the primary key ("plan-12").
urlpatterns = [
    path("tep-cua-toi/", views.JobListView.as_view(), name="jobs"),
    path("tep-cua-toi/tao/", views.JobStartView.as_view(), name="job_start"),
    path("tep-cua-toi/<int:pk>/", views.JobRowView.as_view(), name="job_row"),
    path("tep-cua-toi/<int:pk>/tai/", views.JobDownloadView.as_view(), name="job_download"),
    path("tep-cua-toi/<int:pk>/gui-lai/", views.JobRetryView.as_view(), name="job_retry"),
    path("thu-da-gui/", views.SentNotificationListView.as_view(), name="sent"),
    path("so-van-ban/", views.RegisterListView.as_view(), name="register"),
    path("gop-y/<int:pk>/xu-ly/", views.CommentResolveView.as_view(), name="comment_resolve"),
    path("<slug:doc>/duyet/", views.ReviewView.as_view(), name="review"),
    path("<slug:doc>/chuyen/", views.TransitionView.as_view(), name="transition"),
    path("<slug:doc>/gop-y/", views.CommentCreateView.as_view(), name="comment_add"),
    path("<slug:doc>/ban-hanh/", views.IssueView.as_view(), name="issue"),
    path("<slug:doc>/ban-hanh/tep/", views.IssuedFileView.as_view(), name="issued_file"),
    path("<slug:doc>/ban-da-ky/", views.SignedUploadView.as_view(), name="signed_upload"),
    path("<slug:doc>/ban-da-ky/tep/", views.SignedFileView.as_view(), name="signed_file"),
    path("<slug:doc>/lich-su/", views.AuditView.as_view(), name="audit"),
]
