from wagtail import hooks


@hooks.register("register_log_actions")
def register_reception_log_actions(actions):
    actions.register_action(
        "portal.reception.schedule_refused",
        "定时发布被拒绝",
        "定时发布被拒绝：接访预告须至少提前7日公开",
    )


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_late_receptions(request, action_type, objects, action_class_instance):
    """Bulk publish would otherwise fail with a server error on a notice the 7-day rule refuses."""
    if action_type != "publish":
        return None
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.shortcuts import redirect

    from portal.models import ReceptionNoticePage

    refused = []
    for page in objects:
        specific = getattr(page, "specific", page)
        if not isinstance(specific, ReceptionNoticePage):
            continue
        revision = specific.get_latest_revision()
        if revision is None:
            continue
        try:
            specific.check_publishable(revision)
        except ValidationError:
            refused.append(specific.title)
    if refused:
        messages.error(
            request,
            "以下接访预告未满足“至少提前7日公开”的规则，未予发布：" + "、".join(refused),
        )
        return redirect(action_class_instance.next_url)
    return None
