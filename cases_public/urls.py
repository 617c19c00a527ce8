from django.urls import path

from cases_public import feeds, views

app_name = "cases_public"

urlpatterns = [
    path("cases/", views.report_list, name="list"),
    path("cases/feed/rss/", feeds.ReportFeed(), name="feed_rss"),
    path("cases/feed/atom/", feeds.ReportAtomFeed(), name="feed_atom"),
    path("cases/<str:reference>/", views.report_detail, name="detail"),
    path("open-data/cases.json", views.open_data_json, name="open_data_json"),
    path("open-data/cases.csv", views.open_data_csv, name="open_data_csv"),
]
