from django.urls import path

from cases_public import feeds, opendata, views

app_name = "cases_public"

urlpatterns = [
    path("cases/", views.report_list, name="list"),
    path("cases/feed/rss/", feeds.ReportFeed(), name="feed_rss"),
    path("cases/feed/atom/", feeds.ReportAtomFeed(), name="feed_atom"),
    path("cases/<str:reference>/", views.report_detail, name="detail"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/<slug:table>.csv", views.statistics_csv, name="statistics_csv"),
    path("open-data/", opendata.open_data, name="open_data"),
    path("open-data/cases.json", views.open_data_json, name="open_data_json"),
    path("open-data/cases.xlsx", opendata.open_data_xlsx, name="open_data_xlsx"),
    path("open-data/cases/page.json", opendata.open_data_page_json, name="open_data_page_json"),
    path("open-data/cases.csv", views.open_data_csv, name="open_data_csv"),
]
