"""The portal's pages render, route, preview and nest as intended; demo content, navigation,
blocks and the editors' groups."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.blocks import BaseStreamBlock
from portal.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    ContentPage,
    HomePage,
    ReceptionIndexPage,
    ReceptionNoticePage,
    RewardPolicyPage,
)
from portal.models.reception import LEAD_TIME


class PortalPagesTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
        cls.home = HomePage.objects.get(slug="home")
        cls.content = ContentPage(title="信访须知", slug="xinfang-xuzhi", intro="如何反映问题")
        cls.home.add_child(instance=cls.content)
        cls.content.save_revision().publish()

    def setUp(self):
        super().setUp()
        self.login()

    def pages(self):
        return [
            self.home,
            ReceptionIndexPage.objects.get(),
            ReceptionNoticePage.objects.get(slug="demo-past"),
            ReceptionNoticePage.objects.exclude(slug="demo-past").get(),
            RewardPolicyPage.objects.get(),
            AnnouncementIndexPage.objects.get(),
            AnnouncementPage.objects.first(),
            self.content,
        ]

    def preview_data(self, page):
        """Edit-form data for a preview: StreamFields need Wagtail's nested form layout."""
        data = {
            "title": page.title,
            "slug": page.slug,
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
        }
        body = streamfield([("heading", {"text": "预览小标题", "level": "h2"})])
        if isinstance(page, HomePage):
            data.update(intro=page.intro, body=rich_text("<p>预览</p>"))
        elif isinstance(page, ReceptionNoticePage):
            data.update(
                {
                    field: getattr(page, field)
                    for field in ("venue", "address", "leader_name", "leader_post", "scope", "exclusions")
                },
                reception_date=page.reception_date.isoformat(),
                start_time=page.start_time.strftime("%H:%M"),
                end_time=page.end_time.strftime("%H:%M"),
                mode=page.mode,
                booking_lead_workdays="1",
                body=body,
            )
        elif isinstance(page, (ReceptionIndexPage, AnnouncementIndexPage)):
            data.update(intro="预览导语")
        elif isinstance(page, AnnouncementPage):
            data.update(date=page.date.isoformat(), summary="预览", body=body)
        else:  # ContentPage, RewardPolicyPage
            data.update(summary="预览", intro="预览", body=body)
        return nested_form_data(data)

    def test_pages_are_routable_renderable_and_previewable(self):
        for page in self.pages():
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)
                self.assertPageIsPreviewable(page, post_data=self.preview_data(page))

    def test_routes_are_routable(self):
        index = ReceptionIndexPage.objects.get()
        notice = ReceptionNoticePage.objects.exclude(slug="demo-past").get()
        self.assertPageIsRoutable(index, "calendar/")
        self.assertPageIsRoutable(index, "feed/")
        self.assertPageIsRoutable(notice, "calendar/")
        self.assertPageIsRoutable(AnnouncementIndexPage.objects.get(), "feed/")

    def test_page_tree_rules(self):
        self.assertAllowedSubpageTypes(ReceptionIndexPage, {ReceptionNoticePage})
        self.assertAllowedParentPageTypes(ReceptionNoticePage, {ReceptionIndexPage})
        self.assertAllowedSubpageTypes(AnnouncementIndexPage, {AnnouncementPage})
        self.assertCanCreateAt(HomePage, RewardPolicyPage)
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanNotCreateAt(HomePage, ReceptionNoticePage)
        self.assertCanNotCreateAt(HomePage, AnnouncementPage)

    def test_home_page_shows_next_reception_and_latest_announcements(self):
        html = self.client.get("/").content.decode()
        self.assertIn("领导接访日预告", html)
        self.assertIn("王示例", html)  # the upcoming one
        self.assertNotIn("李示例", html)  # not the past one
        self.assertIn("关于信访事项办理结果公开工作的说明", html)
        # newest announcement first
        self.assertLess(
            html.index("关于信访事项办理结果公开工作的说明"),
            html.index("关于12369环保举报热线系统升级的通知"),
        )

    def test_main_nav_has_the_three_sections(self):
        html = self.client.get("/").content.decode()
        nav = html[html.index('aria-label="主导航"') : html.index("</nav>")]
        for title in ("接访预告", "举报奖励", "通知公告"):
            self.assertIn(title, nav)
        self.assertNotIn("信访须知", nav)  # show_in_menus is off for the content page

    def test_reward_policy_is_marked_as_sample_and_renders_its_blocks(self):
        html = self.client.get(RewardPolicyPage.objects.get().url).content.decode()
        self.assertIn("示例", html)
        self.assertIn("不是本机关正式发布的举报奖励办法", html)
        for text in (
            "环办执法〔2020〕8号",  # legal basis
            "<caption>奖励标准（示例）</caption>",  # tiers as a table
            "500—2000",
            "12369",  # channels
            'href="tel:12369"',
            "保密承诺",
            "泄密责任",
            "个工作日内",  # procedure deadlines
            "首次举报",  # conditions
        ):
            self.assertIn(text, html)

    def test_announcement_feed(self):
        index = AnnouncementIndexPage.objects.get()
        response = self.client.get(index.url + "feed/")
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn("关于公布本年度局领导接访日安排的公告", body)

    def test_templates_use_no_inline_script_or_external_resource(self):
        for page in self.pages():
            html = self.client.get(page.url).content.decode()
            with self.subTest(page=type(page).__name__):
                self.assertNotIn("<script", html)
                self.assertNotIn("https://", html)
                self.assertIn('<html lang="zh-CN">', html)


@pytest.mark.django_db
def test_demo_content_is_idempotent():
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    before = sorted(Page.objects.values_list("url_path", "live", "title"))
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(Page.objects.values_list("url_path", "live", "title")) == before
    assert ReceptionNoticePage.objects.live().count() == 2
    assert AnnouncementPage.objects.live().count() == 3
    assert RewardPolicyPage.objects.get().is_sample
    past = ReceptionNoticePage.objects.get(slug="demo-past")
    assert not past.is_upcoming
    assert past.starts_at - past.first_published_at >= LEAD_TIME


@pytest.mark.django_db
def test_groups_and_page_permissions():
    home = HomePage.objects.get(slug="home")
    groups = {g.name: g for g in Group.objects.filter(name__in=["审核员", "编辑", "管理员"])}
    assert set(groups) == {"审核员", "编辑", "管理员"}
    for group in groups.values():
        assert group.permissions.filter(codename="access_admin").exists()

    def page_perms(name):
        return set(
            GroupPagePermission.objects.filter(group=groups[name], page=home).values_list(
                "permission__codename", flat=True
            )
        )

    assert {"add_page", "change_page", "publish_page"} <= page_perms("编辑")
    assert {"add_page", "change_page", "publish_page"} <= page_perms("管理员")
    assert page_perms("审核员") == set()


@pytest.mark.django_db
def test_groups_migration_is_idempotent():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("portal.migrations.0004_groups_and_permissions")
    before = GroupPagePermission.objects.count(), Group.objects.count()
    migration.create_groups(apps, None)
    assert (GroupPagePermission.objects.count(), Group.objects.count()) == before


def test_every_struct_block_has_a_template_and_renders_its_preview():
    for name, block in BaseStreamBlock().child_blocks.items():
        if name == "paragraph":
            continue
        assert block.meta.template.startswith("blocks/"), name
        if getattr(block.meta, "preview_value", None):
            html = block.render(block.to_python(block.meta.preview_value))
            assert html.strip(), name
