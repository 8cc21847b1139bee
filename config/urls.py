from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from config import i18n
from config.security import ThrottledPasswordResetForm
from plans.views import home

admin.site.site_header = _("Quản trị kehoach")
admin.site.site_title = _("kehoach")
admin.site.index_title = _("Quản trị hệ thống")

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("healthz", home.healthz, name="healthz"),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", home.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Password reset by e-mail (templates/registration/password_reset_*).
    path(
        "quen-mat-khau/",
        auth_views.PasswordResetView.as_view(
            form_class=ThrottledPasswordResetForm,
            email_template_name="registration/password_reset_email.txt",
            extra_email_context={"reset_hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
        ),
        name="password_reset",
    ),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("ngon-ngu/", i18n.set_language, name="set_language"),
    path("thu-da-gui/", home.DevMailView.as_view(), name="dev_mailbox"),
    path("ke-hoach/", include("plans.urls")),
    path("van-ban/", include("documents.urls")),
    path("ke-hoach/<int:plan_pk>/su-kien/", include("conferences.urls")),
    path("ke-hoach/<int:plan_pk>/su-kien/<int:event_pk>/chuong-trinh/", include("agenda.urls")),
    path("khen-thuong/", include("awards.urls")),
    path("tien-do/", include("progress.urls")),
    path("dang-ky-dai-bieu/", include("delegates.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Custom 403/404/500 pages are the templates of the same names, rendered by
# Django's default handlers (500.html needs no request context).
