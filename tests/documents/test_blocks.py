"""The plan's blocks as data and as printed HTML."""

import io

import pypdf
from django.template.loader import render_to_string

from documents import blocks as document_blocks
from documents import markup, renderer
from plans import models
from plans.blocks import build_assignments, build_objectives, task_rows
from plans.documents import build_plan_context, plan_printable, plan_queryset
from tests.documents import builders
from tests.factories import PlanFactory, SectionFactory, TaskFactory


def _plan_with_objectives(style):
    plan = PlanFactory(objectives_style=style)
    for position, (kind, text) in enumerate(
        [
            (models.Objective.Kind.PURPOSE, "Đánh giá kết quả."),
            (models.Objective.Kind.REQUIREMENT, "Bảo đảm tiết kiệm."),
            (models.Objective.Kind.PURPOSE, "Đề xuất giải pháp."),
        ]
    ):
        models.Objective.objects.create(plan=plan, kind=kind, position=position, text=text)
    return plan


def _html(key, plan):
    block = document_blocks.render_context(key, plan)
    return render_to_string(block["template"], {"block": block["context"]})


def test_blocks_are_registered():
    keys = dict(document_blocks.choices())
    assert {"plan.objectives", "plan.tasks", "plan.assignments"} <= set(keys)
    assert [key for key, _ in document_blocks.choices(appendix=True) if key.startswith("plan.")] == [
        "plan.tasks"
    ]


def test_objectives_bullets(db):
    plan = _plan_with_objectives(models.ObjectivesStyle.BULLETS)
    assert build_objectives(plan)["paragraphs"] == [
        '<p class="p dash">- Đánh giá kết quả.</p>',
        '<p class="p dash">- Đề xuất giải pháp.</p>',
        '<p class="p dash">- Bảo đảm tiết kiệm.</p>',
    ]


def test_objectives_numbered(db):
    plan = _plan_with_objectives(models.ObjectivesStyle.NUMBERED)
    assert build_objectives(plan)["paragraphs"] == [
        '<p class="p">1. Đánh giá kết quả.</p>',
        '<p class="p">2. Đề xuất giải pháp.</p>',
        '<p class="p">3. Bảo đảm tiết kiệm.</p>',
    ]


def test_objectives_grouped(db):
    plan = _plan_with_objectives(models.ObjectivesStyle.GROUPED)
    html = " ".join(_html("plan.objectives", plan).split())
    assert html == (
        '<div class="block objectives"> <p class="heading level-1">1. Mục đích</p> '
        '<p class="p">Đánh giá kết quả.</p> <p class="p">Đề xuất giải pháp.</p> '
        '<p class="heading level-1">2. Yêu cầu</p> <p class="p">Bảo đảm tiết kiệm.</p> </div>'
    )


def test_assignment_layouts(db):
    plan = PlanFactory()
    for position, layout in enumerate(models.AssignmentLayout.values, start=1):
        models.Assignment.objects.create(
            plan=plan,
            position=position,
            agency_text="Sở Nội vụ",
            layout=layout,
            duties="chủ trì <b>tổ chức</b>.",
        )
    items = build_assignments(plan)["items"]
    assert [(item["heading_html"], item["html"]) for item in items] == [
        ("1. Sở Nội vụ", '<p class="p">chủ trì &lt;b&gt;tổ chức&lt;/b&gt;.</p>'),
        ("", '<p class="p">2. Sở Nội vụ: chủ trì &lt;b&gt;tổ chức&lt;/b&gt;.</p>'),
        ("", '<p class="p">3. Sở Nội vụ chủ trì &lt;b&gt;tổ chức&lt;/b&gt;.</p>'),
    ]


def test_task_rows_number_nested_and_unnumbered_rows(db):
    plan = PlanFactory()
    first = TaskFactory(plan=plan, position=1, description="Cha", time_frame="")
    TaskFactory(plan=plan, parent=first, position=1, description="Con một")
    TaskFactory(plan=plan, parent=first, position=2, numbered=False, description="- Gạch đầu dòng")
    TaskFactory(plan=plan, parent=first, position=3, description="Con hai\n- ý a\n- ý b", lead="A\nB")
    TaskFactory(plan=plan, position=2, description="Thứ hai", time_frame="Quý III/2024")
    rows = task_rows(plan)
    assert [(row["number"], row["time_frame"]) for row in rows] == [
        ("1", ""),
        ("1.1", "Tháng 4/2024"),
        ("", "Tháng 4/2024"),
        ("1.2", "Tháng 4/2024"),
        ("2", "Quý III/2024"),
    ]
    assert rows[2]["description_html"] == '<p class="p dash">- Gạch đầu dòng</p>'
    assert rows[3]["description_html"] == (
        '<p class="p">Con hai</p>\n<p class="p dash">- ý a</p>\n<p class="p dash">- ý b</p>'
    )
    assert rows[3]["lead_html"] == '<p class="p">A</p>\n<p class="p">B</p>'


def test_end_mark_goes_to_the_last_printed_text(db):
    plan = PlanFactory(closing="")
    SectionFactory(plan=plan, position=1, heading="NỘI DUNG", body="Đoạn một.", body_after="Đoạn sau bảng.")
    SectionFactory(plan=plan, position=2, heading="PHÂN CÔNG", body="Mở đầu.", block="plan.assignments")
    models.Assignment.objects.create(plan=plan, agency_text="Sở Nội vụ", duties="- Theo dõi.\n- *Báo cáo.*")
    context = build_plan_context(plan_queryset().get(pk=plan.pk))
    first, second = context["sections"]
    assert str(first["body_after_html"]) == '<p class="p">Đoạn sau bảng.</p>'
    assert str(second["body_html"]) == '<p class="p">Mở đầu.</p>'
    assert second["block_end"] is True
    html = render_to_string("documents/_sections.html", {"sections": context["sections"]})
    assert "<em>Báo cáo./.</em></p>" in html
    assert html.count("./.") == 1

    plan.closing = "Trên đây là Kế hoạch."
    plan.save()
    context = build_plan_context(plan_queryset().get(pk=plan.pk))
    assert context["sections"][1]["block_end"] is False
    assert str(context["closing_html"]) == '<p class="p">Trên đây là Kế hoạch./.</p>'


def test_end_mark_after_a_closing_table():
    html = markup.append_end_mark("<table><tr><td><p>x.</p></td></tr></table>")
    assert html.endswith('<p class="p end-mark">./.</p>')
    assert markup.append_end_mark('<p class="p">Xong./.</p>') == '<p class="p">Xong./.</p>'


def test_pdf_a_variant_and_metadata(db):
    plan = builders.long_plan(2)
    printable = plan_printable(plan_queryset().get(pk=plan.pk))
    data = printable.render_pdf(pdf_variant="pdf/a-3b")
    reader = pypdf.PdfReader(io.BytesIO(data))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfaid:part>3</pdfaid:part>" in xmp or 'pdfaid:part="3"' in xmp
    assert "/OutputIntents" in reader.trailer["/Root"]
    assert reader.metadata.title == "Triển khai nhiệm vụ cải cách hành chính năm 2024"
    assert renderer.RENDERER_VERSION == "70.0"


def test_end_mark_on_the_opening_when_nothing_follows(db):
    plan = PlanFactory(opening="Thực hiện chỉ đạo của UBND tỉnh.", closing="")
    context = build_plan_context(plan_queryset().get(pk=plan.pk))
    assert str(context["opening_html"]) == '<p class="p">Thực hiện chỉ đạo của UBND tỉnh./.</p>'
