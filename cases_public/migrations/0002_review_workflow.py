"""The review workflow 办结报告审核 with one moderation task for the group 审核员."""

from django.db import migrations

REVIEWERS = "审核员"
WORKFLOW = "办结报告审核"
TASK = "审核员审核"
REPORT_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    report_ct, _ = ContentType.objects.get_or_create(app_label="cases_public", model="completionreport")
    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    reviewers.permissions.add(access_admin)
    for action in REPORT_PERMISSIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=report_ct,
            codename=f"{action}_completionreport",
            defaults={"name": f"Can {action} 办结报告"},
        )
        reviewers.permissions.add(permission)

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    task_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, active=True, content_type=task_ct)
    task.groups.add(reviewers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowContentType.objects.update_or_create(content_type=report_ct, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("cases_public", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
