from wagtail import hooks


@hooks.register("register_log_actions")
def register_reception_log_actions(actions):
    actions.register_action(
        "portal.reception.schedule_refused",
        "定时发布被拒绝",
        "定时发布被拒绝：接访预告须至少提前7日公开",
    )
