"""Demo content for `make run`. Idempotent: running it twice gives the same site.

Pages are looked up by slug and created only when missing. The upcoming reception is placed 14
days ahead of the day the command first runs (a new one is added once the last demo reception is
over); the past one is an archived notice, imported with its original publication date.
"""

from datetime import time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from portal.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    BureauSettings,
    HomePage,
    ReceptionIndexPage,
    ReceptionNoticePage,
    RewardPolicyPage,
)

DEMO_BUREAU = {
    "bureau_name": "示例市生态环境局",
    "address": "示例市人民路100号",
    "postcode": "100000",
    "hotline": "12369",
    "service_hotline": "12345",
    "petition_phone": "0000-12369000",
    "email": "xinfang@example.gov.cn",
}

RECEPTION = {
    "start_time": time(9, 15),
    "end_time": time(11, 30),
    "mode": "onsite",
    "venue": "示例市环境监控指挥中心一楼接访中心",
    "address": "示例市人民路100号，人民路与环城路交叉口",
    "booking_phone": "0000-12369000",
    "booking_lead_workdays": 1,
    "id_required": True,
}

REWARD_BODY = [
    {"type": "heading", "value": {"text": "制定依据", "level": "h2"}},
    {
        "type": "legal_basis",
        "value": {
            "items": [
                {"title": "中华人民共和国环境保护法", "number": "", "url": ""},
                {
                    "title": "关于实施生态环境违法行为举报奖励制度的指导意见",
                    "number": "环办执法〔2020〕8号",
                    "url": "",
                },
            ]
        },
    },
    {
        "type": "list_items",
        "value": {
            "heading": "奖励范围",
            "intro": "举报本市行政区域内的下列生态环境违法行为，经查证属实的，予以奖励：",
            "items": [
                "通过暗管、渗井、渗坑、灌注等逃避监管的方式违法排放污染物的",
                "篡改、伪造自动监测数据或者干扰自动监测设施的",
                "非法转移、倾倒、处置危险废物的",
                "未批先建、未验先投且造成较大环境影响的",
                "其他严重污染环境、破坏生态的违法行为",
            ],
            "ordered": True,
        },
    },
    {
        "type": "list_items",
        "value": {
            "heading": "奖励条件",
            "intro": "",
            "items": [
                "实名举报，提供真实姓名和有效联系方式",
                "举报对象、地点和违法事实具体明确，并提供照片、视频等线索",
                "属于首次举报，同一违法行为多人举报的，奖励最先举报人",
                "举报事项在举报前未被生态环境部门掌握，也未被媒体公开报道",
                "经查证属实并依法作出行政处罚或移送公安机关",
            ],
            "ordered": True,
        },
    },
    {
        "type": "reward_tiers",
        "value": {
            "caption": "奖励标准（示例）",
            "tiers": [
                {
                    "level": "三级",
                    "min_amount": 500,
                    "max_amount": 2000,
                    "criteria": "违法行为情节一般，线索清楚",
                },
                {
                    "level": "二级",
                    "min_amount": 2001,
                    "max_amount": 10000,
                    "criteria": "违法行为情节较重，或隐蔽性较强",
                },
                {
                    "level": "一级",
                    "min_amount": 10001,
                    "max_amount": 50000,
                    "criteria": "协助查处重大环境违法案件或避免重大环境污染事故",
                },
            ],
            "note": "同一举报涉及多项违法行为的，按最高一项奖励，不重复计奖。",
        },
    },
    {
        "type": "procedure",
        "value": {
            "heading": "办理程序和时限",
            "steps": [
                {
                    "title": "受理",
                    "description": "收到举报后登记并告知是否受理。",
                    "days": 15,
                    "unit": "calendar_day",
                },
                {
                    "title": "查处",
                    "description": "依法调查核实并作出处理。",
                    "days": 60,
                    "unit": "calendar_day",
                },
                {
                    "title": "奖励告知",
                    "description": "处罚决定送达后告知举报人奖励金额及领取方式。",
                    "days": 15,
                    "unit": "working_day",
                },
                {
                    "title": "领取奖励",
                    "description": "举报人凭身份证件领取，逾期未领取视为放弃。",
                    "days": 90,
                    "unit": "calendar_day",
                },
            ],
        },
    },
    {
        "type": "channels",
        "value": {
            "heading": "举报渠道",
            "channels": [
                {
                    "kind": "phone",
                    "name": "生态环境举报热线",
                    "value": "12369",
                    "url": "",
                    "note": "24小时受理",
                },
                {
                    "kind": "wechat",
                    "name": "微信举报",
                    "value": "“12369环保举报”微信公众号",
                    "url": "",
                    "note": "",
                },
                {
                    "kind": "web",
                    "name": "网上举报",
                    "value": "生态环境部12369环保举报联网管理平台",
                    "url": "",
                    "note": "",
                },
                {
                    "kind": "mail",
                    "name": "来信",
                    "value": "示例市人民路100号 示例市生态环境局信访办公室",
                    "url": "",
                    "note": "",
                },
            ],
        },
    },
    {
        "type": "confidentiality",
        "value": {
            "promise": "对举报人的姓名、工作单位、住址、联系方式和举报内容严格保密，不得泄露给被举报单位或个人；"
            "公开奖励情况时不公开举报人信息，举报人同意的除外。",
            "liability": "工作人员泄露举报人信息、向被举报人通风报信或者截留、侵占奖励资金的，依法依纪追究责任；"
            "举报人捏造事实、诬告陷害他人的，依法承担法律责任。",
        },
    },
    {
        "type": "contact",
        "value": {
            "name": "示例市生态环境局执法支队",
            "phone": "0000-12369000",
            "address": "示例市人民路100号",
            "email": "",
            "hours": "工作日 上午9:00—12:00，下午14:00—17:30",
        },
    },
]

ANNOUNCEMENTS = [
    (
        "demo-hotline-upgrade",
        "关于12369环保举报热线系统升级的通知",
        "热线系统升级期间，可通过微信公众号或网上平台举报。",
        20,
    ),
    (
        "demo-reception-schedule",
        "关于公布本年度局领导接访日安排的公告",
        "本年度每月第四个星期五为局领导接访日，具体安排提前一周以上在本网站公布。",
        10,
    ),
    (
        "demo-disclosure",
        "关于信访事项办理结果公开工作的说明",
        "本平台公开信访事项办理结果，信访人个人信息一律不予公开。",
        3,
    ),
]


def _weekday(day, *, step):
    """`day` moved by `step` days until it is a Monday-Friday."""
    while day.weekday() >= 5:
        day += timedelta(days=step)
    return day


def _publish(page):
    page.save_revision().publish()
    return page


def _child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return _publish(page), True


class Command(BaseCommand):
    help = "载入演示内容（可重复执行，结果相同）"

    @transaction.atomic
    def handle(self, *args, **options):
        site = Site.objects.get(is_default_site=True)
        bureau = BureauSettings.for_site(site)
        for field, value in DEMO_BUREAU.items():
            setattr(bureau, field, value)
        bureau.save()

        home = HomePage.objects.get(pk=site.root_page_id)
        if home.title != "示例市生态环境信访公开":
            home.title = "示例市生态环境信访公开"
            home.save_revision().publish()

        receptions, _ = _child(
            home,
            ReceptionIndexPage,
            "jiefang-yugao",
            title="接访预告",
            show_in_menus=True,
            intro="局领导接访日安排至少提前7日在本栏目公布。来访前请按要求预约。",
        )
        self.ensure_receptions(receptions)
        _child(
            home,
            RewardPolicyPage,
            "jubao-jiangli",
            title="举报奖励",
            show_in_menus=True,
            is_sample=True,
            issuing_body="示例市生态环境局",
            document_number="示例环发〔2026〕1号（示例）",
            summary="为鼓励公众参与生态环境保护，对实名举报生态环境违法行为、经查证属实的举报人给予奖励。"
            "本页为示例，各地应以本机关正式印发的办法为准。",
            body=REWARD_BODY,
        )
        announcements, _ = _child(
            home, AnnouncementIndexPage, "tongzhi-gonggao", title="通知公告", show_in_menus=True
        )
        today = timezone.localdate()
        for slug, title, summary, days_ago in ANNOUNCEMENTS:
            _child(
                announcements,
                AnnouncementPage,
                slug,
                title=title,
                summary=summary,
                date=today - timedelta(days=days_ago),
                issuing_body="示例市生态环境局",
                body=[{"type": "paragraph", "value": f"<p>{summary}</p>"}],
            )
        self.stdout.write(self.style.SUCCESS("演示内容已就绪"))

    def ensure_receptions(self, index):
        today = timezone.localdate()
        demo = ReceptionNoticePage.objects.child_of(index).filter(slug__startswith="demo-")
        if not ReceptionNoticePage.upcoming_in(demo.live()).exists():
            day = _weekday(today + timedelta(days=14), step=1)
            _child(
                index,
                ReceptionNoticePage,
                f"demo-{day:%Y%m%d}",
                title=f"局领导接访日有关事项预告（{day.month}月）",
                reception_date=day,
                leader_name="王示例",
                leader_post="局党组书记、局长",
                leader_duties="主持局全面工作，分管办公室、信访工作",
                **RECEPTION,
            )
        if not demo.filter(slug="demo-past").exists():
            self.import_archived_notice(
                index,
                ReceptionNoticePage(
                    slug="demo-past",
                    title="局领导接访日有关事项预告（往期）",
                    reception_date=_weekday(today - timedelta(days=30), step=-1),
                    leader_name="李示例",
                    leader_post="局党组成员、副局长",
                    leader_duties="分管大气环境、水生态环境和执法工作",
                    **RECEPTION,
                ),
                published_days_ahead=10,
            )

    @staticmethod
    def import_archived_notice(index, notice, *, published_days_ahead):
        """Add a notice that was published in the past (an archive import, not a publication now).

        It bypasses the publish action on purpose: the notice went live `published_days_ahead`
        days before its reception, which satisfies the 7-day rule, and first/last_published_at
        say so. Only code can do this; the admin always goes through the rule.
        """
        published_at = notice.starts_at - timedelta(days=published_days_ahead)
        notice.live = False
        index.add_child(instance=notice)
        revision = notice.save_revision(clean=False)
        notice.live = True
        notice.has_unpublished_changes = False
        notice.live_revision = revision
        notice.first_published_at = notice.last_published_at = published_at
        notice.save(clean=False)
