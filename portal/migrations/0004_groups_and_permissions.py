"""Groups 审核员, 编辑, 管理员 with Wagtail admin access and page permissions on the home page.

Idempotent: every object is got or created, so running it on a database that already has the
groups (or part of them) changes nothing it should not. 审核员 gets only admin access here; the
case-review permissions come with the cases_public app.
"""

from django.db import migrations

PAGE_PERMS = {
    "编辑": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "管理员": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bypass_workflow"],
}
COLLECTION_PERMS = {
    "编辑": [
        ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
        ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
    ],
    "管理员": [
        ("wagtailimages", "image", ["add_image", "change_image", "delete_image", "choose_image"]),
        ("wagtaildocs", "document", ["add_document", "change_document", "delete_document", "choose_document"]),
    ],
}
MODEL_PERMS = {
    "编辑": [("cases_public", "holidayarrangement", ["add", "change", "view"])],
    "管理员": [
        ("cases_public", "holidayarrangement", ["add", "change", "delete", "view"]),
        ("portal", "bureausettings", ["change"]),
        ("auth", "user", ["add", "change", "view"]),
    ],
}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": "Can " + codename.replace("_", " ")}
    )
    return permission


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin")
    home = Page.objects.filter(depth=2, slug="home").first() or Page.objects.filter(depth=2).first()
    root_collection = Collection.objects.filter(depth=1).first()

    for name in ("审核员", "编辑", "管理员"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        if home is not None:
            for codename in PAGE_PERMS.get(name, []):
                GroupPagePermission.objects.get_or_create(
                    group=group, page=home, permission=_permission(apps, "wagtailcore", "page", codename)
                )
        if root_collection is not None:
            for app_label, model, codenames in COLLECTION_PERMS.get(name, []):
                for codename in codenames:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=_permission(apps, app_label, model, codename),
                    )
        for app_label, model, actions in MODEL_PERMS.get(name, []):
            for action in actions:
                group.permissions.add(_permission(apps, app_label, model, f"{action}_{model}"))


def remove_groups(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=["审核员", "编辑", "管理员"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_reception_reward_announcements"),
        ("cases_public", "0003_holiday_arrangement"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
