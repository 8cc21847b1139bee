"""The agency home's list of open nomination campaigns (a template hook, so
the home page in ``plans`` needs no import of this app)."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("awards/_agency_home.html")
def awards_open_campaigns(agency):
    return {"campaigns": selectors.open_campaigns_for_agency(agency) if agency is not None else []}


@register.inclusion_tag("awards/_slot_link.html", takes_context=True)
def awards_slot_link(context, slot):
    """On a programme slot: the campaign announced there and its decisions."""
    from plans.permissions import can

    from ..models import Campaign

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not can(user, "awards.view"):
        return {"campaigns": []}
    campaigns = list(Campaign.objects.filter(announce_slot=slot).prefetch_related("decisions"))
    return {"campaigns": campaigns}
