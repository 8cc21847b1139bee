"""The three seed documents as the demo enters them, printed and checked."""

import pytest

from tests.documents import nd30

demo = pytest.importorskip("plans.demo")


@pytest.fixture
def demo_plans(db):
    demo.load_agencies()
    return {plan.title: plan for plan in demo.load_seed_documents()}


def _signer(document) -> list[str]:
    return [line.strip().upper() for line in document.signer_title.splitlines() if line.strip()]


@pytest.mark.parametrize("seed", ["SEED_000", "SEED_001", "SEED_003_PLAN"])
def test_demo_document_follows_nd30(demo_plans, render_plan, seed):
    plan = demo_plans[getattr(demo, seed)["title"]]
    doc, _ = render_plan(plan)
    main = plan.decision or plan
    type_name = "QUYẾT ĐỊNH" if plan.decision else "KẾ HOẠCH"

    nd30.check_page_size(doc)
    nd30.check_text_inside_margins(doc)
    nd30.check_fonts(doc)
    nd30.check_national_title(doc)
    nd30.check_motto(doc)
    nd30.check_agency(doc)
    number = nd30.check_number(doc, doc_type=main.doc_type, issued=True)
    assert number.text == f"Số: {main.number:02d}/{main.doc_type}-UBND"
    nd30.check_date(doc, issued=True)
    nd30.check_type_name(doc, type_name)
    nd30.check_title(doc, type_name, main.title)
    nd30.check_body(doc)
    to = nd30.check_recipients(doc)
    nd30.check_ends_with_mark(doc, before=to)
    nd30.check_signer(doc, titles=_signer(main), name=main.signer_name)
    nd30.check_page_numbers(doc)
    nd30.check_table_header_repeats(doc)
    if plan.decision:
        nd30.check_legal_bases(doc)
        nd30.check_decides(doc)
        decision = plan.decision
        reference = nd30.check_attached_reference(
            doc,
            decision_reference=f"Quyết định số {decision.number}/QĐ-UBND ngày "
            f"{decision.issued_on.day:02d} tháng {decision.issued_on.month} năm {decision.issued_on.year}",
        )
        nd30.check_headings(doc, pages=list(range(reference.page, len(doc.pages))))
        if plan.signer_name:
            nd30.check_signer(doc, titles=_signer(plan), name=plan.signer_name, start=reference)
        assert doc.page_group_starts() == [0, reference.page]
    else:
        nd30.check_headings(doc)
