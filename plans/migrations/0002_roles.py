"""Create one Django group per role (plans.permissions.ROLE_GROUPS).

The names are frozen here on purpose: a migration must keep meaning what it
meant when it ran, so renaming a role later takes a new migration.
"""

from django.db import migrations

ROLE_GROUP_NAMES = [
    "Chuyên viên Sở Nội vụ",
    "Lãnh đạo",
    "Văn thư",
    "Đại diện cơ quan, đơn vị",
    "Quản trị hệ thống",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUP_NAMES:
        Group.objects.using(schema_editor.connection.alias).get_or_create(name=name)


def delete_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=ROLE_GROUP_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_groups, delete_groups),
    ]
