"""Hostile input through the API, checked where the public (and the editor) would see it.

- HTML and script in pushed texts are shown as text, never executed: escaped on the public case
  page and in the editors' preview.
- Identifiers hidden with zero-width characters, full-width digits and mixed separators are
  still removed (judged by the shared leak checker, as the acceptance checks judge them).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.test import override_settings

from cases_public.models import CompletionReport
from tests.conftest import make_case
from tests.test_review_workflow import edit_form_data, url

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
IMG = '<img src=x onerror="alert(1)">'
LINK = '<a href="javascript:alert(2)">点此</a>'
HOSTILE = {
    "summary": f"噪声扰民{SCRIPT}，粉尘大{IMG}。",
    "investigation": f"现场检查{LINK}，超标。",
    "handling": "责令停产整改</td></tr></table><h1>伪造标题</h1>",
    "reply": "已回复。<style>body{display:none}</style>",
    "region_name": "铜陵市铜官区<b>粗体</b>",
    "subject": {"name": "鑫达<i>建材</i>有限公司", "address": '"><svg onload=alert(3)>'},
}
RAW_MARKUP = (
    "<script>",
    "<img src=x",
    'href="javascript:',
    "<h1>伪造标题",
    "<style>body",
    "<b>粗体",
    "<i>建材",
    "<svg onload",
)


@pytest.fixture
def reviewer(db):
    user = User.objects.create_user("reviewer", password="pw-reviewer-123")
    user.groups.add(Group.objects.get(name="审核员"))
    return user


@override_settings(CASES_REVIEW_REQUIRED=False)
def test_markup_in_pushed_texts_is_shown_as_text_on_the_public_page(api, client):
    response = api.post("cases", make_case(**HOSTILE))
    assert response.status_code == 202
    page = client.get(response.json()["public_url"])
    html = page.content.decode()
    for raw in RAW_MARKUP:
        assert raw not in html, raw
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in html
    assert "&lt;h1&gt;伪造标题&lt;/h1&gt;" in html
    assert "onerror" in html  # still there, as text: nothing was silently dropped
    # The page itself runs no script, whatever the text says (defence in depth).
    assert "'unsafe-inline'" not in page["Content-Security-Policy"]
    assert "<script" not in html.lower()
    home = client.get("/").content.decode()
    assert "<i>建材" not in home and "&lt;i&gt;建材" in home


def test_markup_is_shown_as_text_in_the_editors_preview_and_form(api, client, reviewer):
    body = api.post("cases", make_case(**HOSTILE)).json()
    report = CompletionReport.objects.get(reference=body["reference"])
    client.force_login(reviewer)
    edit = client.get(url("edit", report.pk)).content.decode()
    assert SCRIPT not in edit and "<h1>伪造标题" not in edit
    preview_url = url("preview_on_edit", report.pk)
    assert client.post(preview_url, edit_form_data(client, report)).json()["is_valid"] is True
    preview = client.get(preview_url).content.decode()
    for raw in RAW_MARKUP:
        assert raw not in preview, raw
    assert "&lt;script&gt;" in preview


# --- identifiers in disguise -------------------------------------------------------------------

ZW = "\u200b"  # zero-width space
ZWNJ, ZWJ, WJ, BOM = "\u200c", "\u200d", "\u2060", "\ufeff"
PETITIONER = {
    "name": "王建国",
    "phone": "13905621234",
    "id_number": "34070219800101123X",
    "email": "wangjg@example.com",
    "wechat": "wjg_1980",
    "qq": "3389012345",
    "address": "幸福小区3栋2单元501室",
}
# (label, text containing a disguised identifier)
DISGUISES = [
    ("phone, zero-width spaces", f"来电1{ZW}39{ZW}0562{ZW}1234反映"),
    ("phone, mixed zero-width", f"电话1{ZWNJ}3{ZWJ}9{WJ}0{BOM}5621234"),
    ("phone, full-width digits", "手机１３９０５６２１２３４"),
    ("phone, full-width with spaces", "手机 １３９ ０５６２ １２３４"),
    ("phone, dashes and spaces", "号码139-0562 1234"),
    ("phone, dots", "号码139.0562.1234"),
    ("phone, brackets", "号码(139)0562-1234"),
    ("phone, +86", "号码+86 139 0562 1234"),
    ("phone, 0086", "号码0086-139-0562-1234"),
    ("phone, 86 full-width", "号码８６１３９０５６２１２３４"),
    ("id, lower-case x", "身份证34070219800101123x"),
    ("id, spaced", "身份证 340702 19800101 123X"),
    ("id, full-width", "身份证３４０７０２１９８００１０１１２３Ｘ"),
    ("id, zero-width", f"身份证3407021980{ZW}0101123X"),
    ("name, zero-width inside", f"王{ZW}建国来电"),
    ("name, full name with title", "王建国先生反映"),
    ("email, full-width", "邮箱ｗａｎｇｊｇ＠ｅｘａｍｐｌｅ．ｃｏｍ"),
    ("qq, separated", "QQ 338-901-2345"),
    ("unlisted mobile, full-width", "另一号码１５８００００１１１１"),
    ("unlisted mobile, zero-width", f"另一号码158{ZW}0000{ZW}2222"),
]
SECRETS = [
    ("王建国", "name"),
    ("建国", "name"),
    ("13905621234", "phone"),
    ("34070219800101123X", "id_number"),
    ("wangjg@example.com", "email"),
    ("3389012345", "qq"),
    ("15800001111", "phone"),
    ("15800002222", "phone"),
]


@pytest.mark.parametrize(("label", "text"), DISGUISES, ids=[label for label, _ in DISGUISES])
@override_settings(CASES_REVIEW_REQUIRED=False)
def test_disguised_identifiers_never_reach_the_public_page(api, client, leakcheck, label, text):
    case = make_case(
        petitioners=[PETITIONER],
        summary=f"铜陵市鑫达建材有限公司夜间噪声扰民。{text}。",
        reply=f"已回复。{text}",
    )
    response = api.post("cases", case)
    assert response.status_code == 202
    page = client.get(response.json()["public_url"]).content.decode()
    export = client.get("/open-data/cases.json").getvalue().decode()
    hay = leakcheck.Haystack([leakcheck.strip_html(page), export, response.content.decode()])
    leaked = [kind for value, kind in SECRETS if leakcheck.item_leaks(value, kind, hay)]
    assert not leaked, f"{label}: {leaked}"
    assert "鑫达建材有限公司" in page  # the enterprise stays


@pytest.mark.parametrize(
    ("received", "expected_status"),
    [
        ("2026-10-08T17:30:00+16:00", 202),  # an offset ISO 8601 allows and PostgreSQL cannot store
        ("2026-10-07T05:30:00-20:00", 202),
        ("0001-01-01T00:00:00+16:00", 422),  # before year 1 once converted: refused, not a 5xx
    ],
)
def test_unusual_utc_offsets_are_stored_as_the_same_instant_or_refused(api, received, expected_status):
    response = api.post("cases", make_case(received_at=received, accepted_at=None))
    assert response.status_code == expected_status, response.content
    if expected_status == 202:
        report = CompletionReport.objects.get(reference=response.json()["reference"])
        assert report.received_at.isoformat().startswith("2026-10-08T01:30:00")
