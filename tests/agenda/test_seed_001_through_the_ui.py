"""Done-when of issue 4: a newcomer reproduces the seed 001 plan through the
pages (event, participants, budget, timed programme) and prints it; the
printed text is the seed's, now produced from the event's data, plus the
programme as phụ lục."""

import pytest
from django.urls import reverse

from agenda import demo as agenda_demo
from conferences import demo as conference_demo
from conferences.demo import printed_text
from conferences.models import Event, ParticipantGroup
from plans import demo as plan_demo
from plans import services as plan_services
from plans.documents import plan_printable, plan_queryset
from plans.models import AgencyKind, Plan, Section
from plans.permissions import Role
from tests.documents import nd30

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _post(client, name, event, data, *args):
    url = reverse(name, args=[event.plan_id, event.pk, *args])
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200, response.content.decode()[:300]
    assert "invalid-feedback" not in response.content.decode() or name.endswith("_edit"), name
    return response


def test_seed_001_reproduced_through_the_pages_prints_the_same(client_for):
    plan_demo.load_agencies()
    seed = next(p for p in plan_demo.load_seed_documents() if p.title == plan_demo.SEED_001["title"])
    # The plan's own parts are the plan editor's (copied here); the event is entered through our pages.
    plan = plan_services.plan_copy(plan=seed, years=0, user=None)
    before = printed_text(plan)
    client = client_for(Role.STAFF)

    event_data = conference_demo.SEED_001_EVENT
    response = client.post(
        reverse("conferences:create", args=[plan.pk]),
        {"kind": "conference", "name": event_data["name"], "date_text": event_data["date_text"]},
    )
    assert response.status_code == 302
    event = Event.objects.get(plan=plan)
    general = {
        "kind": "conference",
        "name": event_data["name"],
        "date_text": event_data["date_text"],
        "venue_text": event_data["venue_text"],
        "chair": event_data["chair"],
        "chair_line": event_data["chair_line"],
        "co_chair": event_data["co_chair"],
        "co_chair_line": event_data["co_chair_line"],
        "expected_total": "200",
        "participants_layout": "grouped",
        "item_numbering": "letters",
    }
    _post(client, "conferences:edit", event, {f"event-{k}": v for k, v in general.items()})
    districts = AgencyKind.objects.get(code="ubnd-huyen")
    for spec in conference_demo.SEED_001_GROUPS:
        _post(
            client,
            "conferences:group_add",
            event,
            {"new-group-kind": spec.kind, "new-group-heading": spec.heading},
        )
        group = ParticipantGroup.objects.filter(event=event).order_by("-position").first()
        for text, quota, note, _kind_code in spec.entries:
            data = {"new-entry-group": str(group.pk), "new-entry-text": text}
            if quota:
                data.update(
                    {
                        "new-entry-quota_per_agency": str(quota),
                        "new-entry-quota_note": note,
                        "new-entry-agency_kind": str(districts.pk),
                    }
                )
            _post(client, "conferences:entry_add", event, data)
    for text in conference_demo.SEED_001_FUNDING:
        _post(client, "conferences:funding_add", event, {"new-funding-text": text})

    _post(
        client,
        "agenda:settings",
        event,
        {
            "programme-layout": "timed",
            "programme-title": "DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ",
            "programme-subtitle": "",
            "programme-day_start": "07:00",
            "programme-day_end": "17:30",
        },
    )
    for start, end, kind, content, performers in agenda_demo.SEED_001_SLOTS:
        _post(
            client,
            "agenda:slot_add",
            event,
            {
                "new-slot-start_time": start.strftime("%H:%M"),
                "new-slot-end_time": end.strftime("%H:%M"),
                "new-slot-kind": kind,
                "new-slot-content": content,
                "new-slot-performers": performers,
            },
        )
    _post(client, "agenda:attach", event, {})

    # The sections now take their text from the event (the plan editor's "block" field).
    for heading, block, after in (
        ("Thành phần", "event.participants", ""),
        ("Thời gian, địa điểm", "event.time_place", ""),
        ("KINH PHÍ TỔ CHỨC HỘI NGHỊ", "event.budget", conference_demo.SEED_001_BUDGET_AFTER),
    ):
        section = Section.objects.get(plan=plan, heading=heading)
        for child in Section.objects.filter(parent=section):
            plan_services.section_delete(section=child)
        plan_services.section_update(
            section=Section.objects.get(pk=section.pk), data={"body": "", "block": block, "body_after": after}
        )

    after = printed_text(Plan.objects.get(pk=plan.pk))
    body, appendix = after.split(" Phụ lục ", 1)
    assert body == before.strip()
    assert appendix.startswith("DỰ KIẾN CHƯƠNG TRÌNH HỘI NGHỊ (Kèm theo Kế hoạch số")

    doc = nd30.Nd30Pdf(plan_printable(plan_queryset().get(pk=plan.pk)).render_pdf())
    nd30.check_document(
        doc,
        nd30.Expect(
            doc_type="KH",
            type_name="KẾ HOẠCH",
            title_lines=plan.title.split("\n"),
            issued=False,
            signer_titles=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
            signer_name="Nguyễn Tấn Tuân",
            appendix_labels=["Phụ lục"],
            appendix_reference="(Kèm theo Kế hoạch số",
        ),
    )
    last = doc.body_lines(len(doc.pages) - 1)
    assert [line.text for line in last if line.text[:2] in ("07", "08", "10", "11")] == [
        "07h15 - 08h00",
        "08h00 - 08h05",
        "08h05 - 08h15",
        "08h15 - 08h30",
        "08h30 - 10h00",
        "10h00 - 10h15",
        "10h15 - 10h45",
        "10h45 - 11h15",
        "11h15 - 11h30",
    ]
