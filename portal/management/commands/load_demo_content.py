"""Demo content for `make run`. Idempotent: running it twice gives the same site."""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Site

from portal.models import BureauSettings, HomePage

DEMO_BUREAU = {
    "bureau_name": "示例市生态环境局",
    "address": "示例市人民路100号",
    "postcode": "100000",
    "hotline": "12369",
    "service_hotline": "12345",
    "petition_phone": "0000-12369000",
    "email": "xinfang@example.gov.cn",
}


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
        self.stdout.write(self.style.SUCCESS("演示内容已就绪"))
