"""The award types a fresh installation offers (editable in the admin).

Amounts follow Nghị định 98/2023/NĐ-CP (multiples of the base salary of
2.340.000 đồng from 1 July 2024); administrators adjust them when it changes.
"""

from django.db import migrations

# (name, kind, conferred_by, contest, collectives, individuals, amount collective, amount individual)
AWARD_TYPES = [
    ("Bằng khen của Thủ tướng Chính phủ", "certificate", "Thủ tướng Chính phủ", "", True, True, 9_360_000, 4_680_000),
    ("Bằng khen của Bộ trưởng Bộ Nội vụ", "certificate", "Bộ trưởng Bộ Nội vụ", "", True, True, 4_680_000, 2_340_000),
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "certificate", "Chủ tịch Ủy ban nhân dân tỉnh", "", True, True, 2_340_000, 1_170_000),
    ("Tập thể lao động xuất sắc", "title", "Chủ tịch Ủy ban nhân dân tỉnh", "", True, False, 3_510_000, None),
    ("Giấy khen của Giám đốc Sở Nội vụ", "certificate", "Giám đốc Sở Nội vụ", "", True, True, 1_170_000, 351_000),
    ("Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện", "certificate", "Chủ tịch Ủy ban nhân dân cấp huyện", "", True, True, 1_170_000, 351_000),
    ("Giải Nhất Cuộc thi “Tìm hiểu, tuyên truyền cải cách hành chính”", "prize", "Ban Tổ chức Cuộc thi", "Tìm hiểu, tuyên truyền cải cách hành chính", True, True, 5_000_000, 3_000_000),
    ("Giải Nhì Cuộc thi “Tìm hiểu, tuyên truyền cải cách hành chính”", "prize", "Ban Tổ chức Cuộc thi", "Tìm hiểu, tuyên truyền cải cách hành chính", True, True, 3_000_000, 2_000_000),
    ("Giải Ba Cuộc thi “Tìm hiểu, tuyên truyền cải cách hành chính”", "prize", "Ban Tổ chức Cuộc thi", "Tìm hiểu, tuyên truyền cải cách hành chính", True, True, 2_000_000, 1_000_000),
    ("Giải Khuyến khích Cuộc thi “Tìm hiểu, tuyên truyền cải cách hành chính”", "prize", "Ban Tổ chức Cuộc thi", "Tìm hiểu, tuyên truyền cải cách hành chính", True, True, 1_000_000, 500_000),
]


def create_award_types(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    for position, (name, kind, by, contest, coll, indiv, amount_c, amount_i) in enumerate(AWARD_TYPES, start=1):
        AwardType.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "conferred_by": by,
                "contest": contest,
                "for_collectives": coll,
                "for_individuals": indiv,
                "amount_collective": amount_c,
                "amount_individual": amount_i,
                "position": position * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(create_award_types, migrations.RunPython.noop)]
