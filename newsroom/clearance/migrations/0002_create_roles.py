"""The roles of clearance, as groups, in every database."""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils.translation import override

CONTENT = ["newsroom.pressrelease", "newsroom.event", "newsroom.page"]
WRITTEN = [*CONTENT, "newsroom.photo", "newsroom.mediacontact"]
LOOKED_UP = [
    "newsroom.topic",
    "newsroom.photo",
    "newsroom.mediacontact",
    "organisation.office",
    "organisation.person",
]


def model_perms(actions, models):
    return [
        f"{model.split('.')[0]}.{action}_{model.split('.')[1]}"
        for model in models
        for action in actions
    ]


def roles():
    seen = [*model_perms(["view"], LOOKED_UP), "clearance.view_auditentry"]
    editing = [*seen, *model_perms(["view", "change"], CONTENT)]
    groups = {
        "Writer": [
            *seen,
            *model_perms(["add", "change", "view"], WRITTEN),
            "clearance.submit_for_review",
        ],
        "Approver": [*editing, "clearance.approve"],
        "Publisher": [*editing, "clearance.publish"],
    }
    for code, name in settings.LANGUAGES:
        with override("en"):
            group = f"Translator ({name})"
        groups[group] = [*editing, f"translations.translate_{code}"]
    return groups


def create_roles(apps, schema_editor):
    # Permissions are made after the migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in roles().items():
        group, _created = Group.objects.get_or_create(name=name)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=roles()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("clearance", "0001_audit_revisions_slugs"),
        ("newsroom", "0011_expiry_approval_withdrawal_note"),
        ("organisation", "0001_initial"),
        ("translations", "0002_translator_rights"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
