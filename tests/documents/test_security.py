"""User text never makes the server fetch anything."""

import socket
import threading

import pytest
import weasyprint

from documents import renderer
from tests.documents import builders
from tests.factories import SectionFactory


@pytest.fixture
def listener():
    """A local TCP listener that records every connection it receives."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    connections: list[tuple] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, address = server.accept()
            except (TimeoutError, OSError):
                continue
            connections.append(address)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join(timeout=2)
    server.close()


def test_html_in_user_text_prints_literally_and_fetches_nothing(render_plan, listener):
    port, connections = listener
    plan = builders.long_plan(2)
    url = f"http://127.0.0.1:{port}/x"
    SectionFactory(
        plan=plan,
        position=99,
        heading="KIỂM TRA",
        body=f'Ảnh <img src="{url}"> và <script>alert(1)</script> hết.\n'
        f'<link rel="stylesheet" href="{url}/a.css"><style>@import url({url}/b.css);</style>',
    )
    doc, _ = render_plan(plan)

    # Lines may break inside a URL: compare without whitespace.
    text = "".join(doc.text().split())
    for expected in (
        f'Ảnh <img src="{url}"> và <script>alert(1)</script> hết.',
        f'<link rel="stylesheet" href="{url}/a.css"><style>@import url({url}/b.css);</style>',
    ):
        assert "".join(expected.split()) in text
    assert connections == []


def test_fetcher_refuses_everything_but_static_files_and_fonts(listener):
    port, connections = listener
    fetcher = renderer._assets().fetcher
    for url in (
        f"http://127.0.0.1:{port}/x",
        f"https://127.0.0.1:{port}/x",
        "file:///etc/passwd",
        "data:text/css,body{}",
        f"ftp://127.0.0.1:{port}/x",
        renderer.BASE_URL + "static/../config/settings.py",
        renderer.BASE_URL + "admin/",
    ):
        with pytest.raises(renderer.FetchRefused):
            fetcher.fetch(url)
    css = fetcher.fetch(renderer.BASE_URL + "static/documents/nd30.css")
    assert b"@page" in css.read()
    font = next(iter(fetcher.font_paths))
    assert fetcher.fetch(font.as_uri()).read()[:4] in (b"\x00\x01\x00\x00", b"true")
    assert connections == []


def test_raw_html_resources_are_refused_by_the_renderer(listener):
    """Even HTML that bypassed the markup (a template bug) cannot fetch."""
    port, connections = listener
    assets = renderer._assets()
    html = (
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/a.css">'
        f"<style>@import url(http://127.0.0.1:{port}/b.css);"
        f" body {{ background: url(http://127.0.0.1:{port}/c.png) }}</style>"
        f'<p>x<img src="http://127.0.0.1:{port}/d.png"><img src="file:///etc/hostname"></p>'
    )
    weasyprint.HTML(string=html, base_url=renderer.BASE_URL, url_fetcher=assets.fetcher).write_pdf(
        font_config=assets.font_config, stylesheets=list(assets.stylesheets)
    )
    assert connections == []
