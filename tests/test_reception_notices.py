"""Leader reception notices: the 7-day rule on save, publish, scheduling, the scheduler and the
admin; listing, home page, .ics and feed."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Page, PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from portal.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    HomePage,
    ReceptionIndexPage,
    ReceptionNoticePage,
)

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
# A fixed "now", on the minute, so that "exactly 7 days" is exact.
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)
ALMOST = timedelta(days=6, hours=23)
SEVEN = timedelta(days=7)


@pytest.fixture
def clock(monkeypatch):
    """Set the time seen by Django, Wagtail and the portal: clock.set(datetime)."""

    class Clock:
        def set(self, moment):
            monkeypatch.setattr(timezone, "now", lambda: moment)

    clock = Clock()
    clock.set(NOW)
    return clock


@pytest.fixture
def home():
    return HomePage.objects.get(slug="home")


@pytest.fixture
def index(home, clock):
    page = ReceptionIndexPage(title="接访预告", slug="jiefang", show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def notice_at(start, **extra):
    """An unsaved notice whose reception starts at `start` (Asia/Shanghai)."""
    local = start.astimezone(SHANGHAI)
    fields = {
        "title": f"局领导接访日预告 {local:%m%d%H%M}",
        "slug": f"n-{local:%Y%m%d%H%M}",
        "reception_date": local.date(),
        "start_time": local.time(),
        "end_time": (local + timedelta(hours=2)).time(),
        "venue": "市环境监控指挥中心一楼接访中心",
        "address": "人民路100号",
        "leader_name": "王示例",
        "leader_post": "局长",
        "booking_phone": "020-83203347",
    }
    fields.update(extra)
    return ReceptionNoticePage(**fields)


def add_draft(index, start, **extra):
    page = notice_at(start, live=False, **extra)
    index.add_child(instance=page)
    return page


# -- on save ---------------------------------------------------------------------------------------
def test_saving_a_live_notice_6_days_23_hours_ahead_is_refused(index):
    page = notice_at(NOW + ALMOST)
    with pytest.raises(ValidationError) as excinfo:
        index.add_child(instance=page)
    message = " ".join(excinfo.value.message_dict["reception_date"])
    assert "至少提前7日" in message
    assert "最迟应于2026年03月02日 08:00前发布" in message


def test_saving_a_live_notice_exactly_7_days_ahead_is_accepted(index):
    page = notice_at(NOW + SEVEN)
    index.add_child(instance=page)
    assert ReceptionNoticePage.objects.get(pk=page.pk).live


def test_full_clean_refuses_a_draft_that_could_never_be_published_in_time(index):
    page = add_draft(index, NOW + ALMOST)  # a draft save only checks title and slug
    with pytest.raises(ValidationError):
        page.full_clean()
    with pytest.raises(ValidationError):
        page.save_revision()


def test_end_must_follow_start(index):
    page = notice_at(NOW + timedelta(days=10))
    page.end_time = time(8, 0)
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()
    assert "end_time" in excinfo.value.message_dict


# -- on publish ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("lead", "allowed"), [(ALMOST, False), (SEVEN, True)])
def test_publishing_a_revision_checks_the_time_of_publication(index, clock, lead, allowed):
    start = NOW + timedelta(days=8)
    page = add_draft(index, start)
    revision = page.save_revision()  # fine on the day it was written
    clock.set(start - lead)  # ...but approved later
    if allowed:
        revision.publish()
        assert ReceptionNoticePage.objects.get(pk=page.pk).live
    else:
        with pytest.raises(ValidationError, match="至少提前7日"):
            revision.publish()
        assert not ReceptionNoticePage.objects.get(pk=page.pk).live


def test_a_revision_saved_without_validation_still_cannot_be_published(index):
    page = add_draft(index, NOW + ALMOST)
    revision = page.save_revision(clean=False)
    with pytest.raises(ValidationError):
        revision.publish()
    with pytest.raises(ValidationError):
        page.publish(revision)
    page.refresh_from_db()
    assert not page.live and page.live_revision is None


def test_an_archived_live_notice_can_still_be_corrected_and_unpublished(index, clock):
    page = notice_at(NOW + timedelta(days=10))
    index.add_child(instance=page)
    page.save_revision().publish()
    clock.set(NOW + timedelta(days=30))  # the reception is over
    page = ReceptionNoticePage.objects.get(pk=page.pk)
    page.title = "局领导接访日预告（更正）"
    page.save_revision().publish()
    assert ReceptionNoticePage.objects.get(pk=page.pk).title.endswith("（更正）")
    # Moving the archived notice to a new date is a new announcement: the rule applies again.
    page.reception_date = (NOW + timedelta(days=32)).date()
    with pytest.raises(ValidationError):
        page.save_revision()
    page.refresh_from_db()
    page.unpublish()
    assert not ReceptionNoticePage.objects.get(pk=page.pk).live


# -- on scheduling ---------------------------------------------------------------------------------
def test_scheduling_6_days_23_hours_before_the_start_is_refused(index):
    start = NOW + timedelta(days=10)
    page = add_draft(index, start)
    page.go_live_at = start - ALMOST
    with pytest.raises(ValidationError) as excinfo:
        page.save_revision()
    assert "go_live_at" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        page.save_revision(clean=False).publish()
    assert not Page.objects.get(pk=page.pk).revisions.filter(approved_go_live_at__isnull=False).exists()


def test_scheduling_exactly_7_days_before_the_start_is_accepted_and_the_scheduler_publishes(index, clock):
    start = NOW + timedelta(days=10)
    page = add_draft(index, start)
    page.go_live_at = start - SEVEN
    revision = page.save_revision()
    revision.publish()
    revision.refresh_from_db()
    assert revision.approved_go_live_at == start - SEVEN
    assert not ReceptionNoticePage.objects.get(pk=page.pk).live

    clock.set(start - SEVEN + timedelta(minutes=5))  # cron runs a few minutes after the hour
    call_command("publish_scheduled")
    assert ReceptionNoticePage.objects.get(pk=page.pk).live


def test_a_go_live_time_in_the_past_does_not_buy_time(index):
    page = add_draft(index, NOW + ALMOST, go_live_at=NOW - timedelta(days=3))
    with pytest.raises(ValidationError):
        page.save_revision()


def test_a_late_scheduler_refuses_the_notice_and_publishes_the_rest(index, home, clock):
    start = NOW + timedelta(days=10)
    page = add_draft(index, start)
    page.go_live_at = start - SEVEN
    page.save_revision().publish()

    news = AnnouncementIndexPage(title="通知公告", slug="news")
    home.add_child(instance=news)
    news.save_revision().publish()
    other = AnnouncementPage(title="定时公告", slug="scheduled", live=False, body=[])
    news.add_child(instance=other)
    other.go_live_at = start - SEVEN
    other.save_revision().publish()

    clock.set(start - SEVEN + timedelta(hours=2))  # the scheduler was down: 6 days 22 hours left
    call_command("publish_scheduled")

    page = ReceptionNoticePage.objects.get(pk=page.pk)
    assert not page.live
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert PageLogEntry.objects.filter(page=page, action="portal.reception.schedule_refused").exists()
    assert AnnouncementPage.objects.get(pk=other.pk).live


# -- in the admin ----------------------------------------------------------------------------------
@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw-123456789")
    client.force_login(user)
    return client


def admin_form(page, **overrides):
    local = page.starts_at.astimezone(SHANGHAI)
    data = {
        "title": page.title,
        "slug": page.slug,
        "reception_date": local.date().isoformat(),
        "start_time": local.strftime("%H:%M"),
        "end_time": "23:59",
        "mode": "onsite",
        "venue": page.venue,
        "address": page.address,
        "leader_name": page.leader_name,
        "leader_post": page.leader_post,
        "leader_duties": "",
        "scope": page.scope,
        "exclusions": page.exclusions,
        "booking_phone": page.booking_phone,
        "booking_lead_workdays": "1",
        "id_required": "on",
        "issuing_body": "",
        "body": streamfield([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.parametrize(
    ("start_in", "go_live_at", "published"),
    [
        (ALMOST, "", False),
        (SEVEN + timedelta(minutes=1), "", True),
        (ALMOST, "2026-02-01 09:00", False),  # back-dating the go-live time does not help
    ],
)
def test_the_admin_cannot_get_around_the_rule(index, editor_client, start_in, go_live_at, published):
    page = add_draft(index, NOW + timedelta(days=10))
    page.save_revision()
    start = NOW + start_in
    form = admin_form(page, reception_date=start.date().isoformat(), start_time=start.strftime("%H:%M"))
    form["go_live_at"] = go_live_at
    response = editor_client.post(f"/admin/pages/{page.pk}/edit/", form)
    assert ReceptionNoticePage.objects.get(pk=page.pk).live is published
    if not published:
        assert response.status_code == 200
        assert "至少提前7日" in response.content.decode()


# -- listing, home page, calendar files, feed ------------------------------------------------------
@pytest.fixture
def two_notices(index, clock):
    past = notice_at(NOW + timedelta(days=8), slug="past", leader_name="李往期")
    index.add_child(instance=past)
    soon = notice_at(NOW + timedelta(days=20), slug="soon", leader_name="张下次")
    later = notice_at(NOW + timedelta(days=40), slug="later", leader_name="赵以后")
    index.add_child(instance=later)
    index.add_child(instance=soon)
    clock.set(NOW + timedelta(days=12))  # the first reception is over
    return past, soon, later


def test_index_lists_upcoming_first_and_keeps_the_past_as_archive(client, index, two_notices):
    past, soon, later = two_notices
    html = client.get(index.url).content.decode()
    assert html.index("张下次") < html.index("赵以后") < html.index("往期接访") < html.index("李往期")
    assert list(index.upcoming()) == [soon, later]
    assert list(index.past()) == [past]


def test_home_page_shows_the_next_reception(client, two_notices):
    html = client.get("/").content.decode()
    assert "张下次" in html
    assert "赵以后" not in html and "李往期" not in html


def test_notice_page_shows_what_a_visitor_needs(client, two_notices):
    _, soon, _ = two_notices
    html = client.get(soon.url).content.decode()
    for text in ("2026年3月22日（星期日）上午9:00～11:00", "人民路100号", "张下次", "现场接访"):
        assert text in html
    assert "诉讼、仲裁、行政复议" in html
    assert "至少提前1个工作日" in html and "020-83203347" in html
    assert "身份证件" in html


def _parse_ics(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert ".ics" in response["Content-Disposition"]
    return Calendar.from_ical(response.content)


def test_notice_ics_is_valid_and_in_asia_shanghai(client, two_notices):
    _, soon, _ = two_notices
    cal = _parse_ics(client.get(soon.url + "calendar/"))
    timezones = list(cal.walk("VTIMEZONE"))
    assert [str(tz["TZID"]) for tz in timezones] == ["Asia/Shanghai"]
    (event,) = cal.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    start = event.decoded("DTSTART")
    assert start == datetime(2026, 3, 22, 9, 0, tzinfo=SHANGHAI)
    assert start.utcoffset() == timedelta(hours=8)
    assert event.decoded("DTEND") - start == timedelta(hours=2)
    assert "张下次" in str(event["SUMMARY"])
    assert "人民路100号" in str(event["LOCATION"])
    assert b"\r\n" in client.get(soon.url + "calendar/").content  # RFC 5545 line endings


def test_upcoming_ics_holds_only_upcoming_receptions(client, index, two_notices):
    cal = _parse_ics(client.get(index.url + "calendar/"))
    summaries = [str(event["SUMMARY"]) for event in cal.walk("VEVENT")]
    assert len(summaries) == 2
    assert any("张下次" in s for s in summaries) and any("赵以后" in s for s in summaries)


def test_reception_feed_lists_notices(client, index, two_notices):
    response = client.get(index.url + "feed/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<rss" in body and "张下次" in body and "<language>zh-CN</language>" in body


def test_weekday_is_derived():
    page = notice_at(datetime(2024, 8, 23, 9, 15, tzinfo=SHANGHAI))
    assert page.weekday_label == "星期五"
    assert page.time_text == "2024年8月23日（星期五）上午9:15～11:15"
    assert page.reception_date == date(2024, 8, 23)


def test_bulk_publish_in_the_admin_refuses_a_late_notice(index, editor_client, clock):
    start = NOW + timedelta(days=8)
    page = add_draft(index, start)
    page.save_revision()
    clock.set(start - ALMOST)
    response = editor_client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=/admin/pages/{index.pk}/",
        {"include_descendants": ""},
    )
    assert response.status_code == 302
    assert not ReceptionNoticePage.objects.get(pk=page.pk).live
    clock.set(start - SEVEN)
    editor_client.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}", {"include_descendants": ""})
    assert ReceptionNoticePage.objects.get(pk=page.pk).live
