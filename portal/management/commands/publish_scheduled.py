"""Wagtail's `publish_scheduled`, refusing late reception notices one by one.

A reception notice whose scheduled publication comes due when it can no longer be public seven
days ahead (the scheduler was not run in time) is not published: its schedule is cleared, the
refusal is written to the page history and the log, and every other scheduled page is published
as usual. Wagtail's own command would stop at the first refusal.
"""

import logging

from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled
from wagtail.models import Revision

from portal.models import ReceptionNoticePage

logger = logging.getLogger("portal.reception")


class Command(WagtailPublishScheduled):
    def handle(self, *args, **options):
        if not options.get("dryrun"):
            self.refuse_late_receptions()
        return super().handle(*args, **options)

    def refuse_late_receptions(self):
        due = Revision.objects.filter(approved_go_live_at__lt=timezone.now()).select_related("content_type")
        for revision in due:
            if revision.content_type.model_class() is not ReceptionNoticePage:
                continue
            page = revision.content_object
            try:
                page.check_publishable(revision)
            except ValidationError as error:
                revision.approved_go_live_at = None
                revision.save(update_fields=["approved_go_live_at"])
                log(
                    instance=page,
                    action="portal.reception.schedule_refused",
                    revision=revision,
                    data={"reason": " ".join(error.messages)},
                )
                logger.warning("Scheduled publication refused by the 7-day rule: page pk=%s", page.pk)
                self.stdout.write(f"未发布（不满足提前7日公开）：{page.title}")
