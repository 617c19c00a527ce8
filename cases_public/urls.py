from django.urls import path

from cases_public import views

app_name = "cases_public"

urlpatterns = [
    path("cases/<str:reference>/", views.report_detail, name="detail"),
    path("open-data/cases.json", views.open_data_json, name="open_data_json"),
    path("open-data/cases.csv", views.open_data_csv, name="open_data_csv"),
]
