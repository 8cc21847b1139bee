"""Every page names its icon, so browsers don't ask for a missing /favicon.ico."""

from django.contrib.staticfiles import finders
from django.urls import reverse


def test_login_page_links_an_icon_that_exists(client, db):
    page = client.get(reverse("login")).content.decode()

    assert 'rel="icon"' in page
    assert finders.find("img/favicon.svg")
