from django.urls import path

from . import views

app_name = "conferences"

urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("them/", views.EventCreateView.as_view(), name="create"),
    path("<int:pk>/", views.EventDetailView.as_view(), name="detail"),
    path("<int:pk>/sua/", views.EventUpdateView.as_view(), name="edit"),
    path("<int:pk>/xoa/", views.EventDeleteView.as_view(), name="delete"),
    path("<int:pk>/di-chuyen/", views.EventMoveView.as_view(), name="move"),
    path("<int:pk>/phan/<slug:section>/", views.EventSectionView.as_view(), name="section"),
    path("<int:pk>/diem-cau/them-nhieu/", views.SitesBulkView.as_view(), name="sites_bulk"),
    path("<int:pk>/diem-cau/tu-danh-ba/", views.SitesFromDirectoryView.as_view(), name="sites_directory"),
]

# Each row kind of an event gets the same four endpoints; the slug is the
# Vietnamese word in the URL, the name prefix the English one.
for _name, _part in views.PARTS.items():
    urlpatterns += [
        path(
            f"<int:pk>/{_part.slug}/them/", views.PartCreateView.as_view(part_name=_name), name=f"{_name}_add"
        ),
        path(
            f"<int:pk>/{_part.slug}/<int:item>/sua/",
            views.PartUpdateView.as_view(part_name=_name),
            name=f"{_name}_edit",
        ),
        path(
            f"<int:pk>/{_part.slug}/<int:item>/xoa/",
            views.PartDeleteView.as_view(part_name=_name),
            name=f"{_name}_delete",
        ),
        path(
            f"<int:pk>/{_part.slug}/<int:item>/di-chuyen/",
            views.PartMoveView.as_view(part_name=_name),
            name=f"{_name}_move",
        ),
    ]
