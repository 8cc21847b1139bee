from django import template

register = template.Library()


@register.filter
def person_name(user) -> str:
    """Vietnamese order: family and middle names before the given name
    ("Trần Thị Lan"); the username when both are empty."""
    if user is None:
        return ""
    return " ".join(part for part in (user.last_name, user.first_name) if part) or user.get_username()
