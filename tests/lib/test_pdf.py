"""HTML to PDF: Dutch text survives, pages are numbered, and nothing outside the HTML is fetched."""

import base64
import http.server
import io
import threading

import pytest
import weasyprint
from PIL import Image
from pypdf import PdfReader

from koers.lib.pdf import html_to_pdf

A4_POINTS = (595.28, 841.89)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def page(body: str, head: str = "") -> str:
    return f'<!doctype html><html lang="nl"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


@pytest.fixture
def recording_server():
    """A local web server that answers everything and remembers every request it got."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            body = b"body::after { content: 'OPGEHAALD'; }"
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_dutch_text_with_accents_and_euro_signs_can_be_read_back():
    pdf = html_to_pdf(page("<h1>Mijn plan</h1><p>Een café, drie ideeën en €25 per week.</p>"))

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    text = pdf_text(pdf)
    for word in ("Mijn plan", "café", "ideeën", "€25"):
        assert word in text


def test_a_page_is_a4_and_says_which_page_of_how_many():
    pdf = html_to_pdf(page("<p>Kort verslag</p>"))

    first = PdfReader(io.BytesIO(pdf)).pages[0]
    assert (float(first.mediabox.width), float(first.mediabox.height)) == pytest.approx(A4_POINTS, abs=0.5)
    assert "pagina 1 van 1" in pdf_text(pdf)


def test_a_long_table_goes_on_over_several_numbered_pages():
    rows = "".join(f"<tr><td>{n}</td><td>Afspraak nummer {n}</td></tr>" for n in range(1, 151))
    pdf = html_to_pdf(page(f"<table><thead><tr><th>Nr</th><th>Afspraak</th></tr></thead>{rows}</table>"))

    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 2
    text = pdf_text(pdf)
    assert "Afspraak nummer 1\n" in text
    assert "Afspraak nummer 150" in text
    assert f"pagina {len(pages)} van {len(pages)}" in pages[-1].extract_text()
    # The header row is repeated on the following pages.
    assert "Nr Afspraak" in pages[1].extract_text()


def test_remote_and_file_urls_in_the_html_are_never_fetched(recording_server, tmp_path):
    base, requests = recording_server
    leaking_css = tmp_path / "leak.css"
    leaking_css.write_text("body::before { content: 'GELEKT'; }", encoding="utf-8")
    head = (
        f'<link rel="stylesheet" href="{base}/style.css">'
        '<link rel="stylesheet" href="file:///etc/passwd">'
        f'<link rel="stylesheet" href="{leaking_css.as_uri()}">'
        f"<style>@import url({base}/import.css); p {{ background: url({base}/background.png); }}</style>"
    )
    body = (
        "<p>Mijn gegevens</p>"
        '<img src="http://127.0.0.1:9/x.png" alt="">'
        f'<img src="{base}/x.png" alt="">'
        '<img src="file:///etc/passwd" alt="">'
        f'<object data="{base}/object.svg"></object>'
        f'<svg><image href="{base}/in-svg.png" width="10" height="10"/></svg>'
    )

    pdf = html_to_pdf(page(body, head))

    assert requests == []
    text = pdf_text(pdf)
    assert "Mijn gegevens" in text
    assert "GELEKT" not in text
    assert "OPGEHAALD" not in text
    assert "root:" not in text


def test_urls_in_the_callers_stylesheet_are_not_fetched_either(recording_server):
    base, requests = recording_server
    stylesheet = (
        f"@import url({base}/import.css);"
        f"@font-face {{ font-family: Extern; src: url({base}/font.woff2); }}"
        f"h1 {{ font-family: Extern; background: url({base}/background.png); }}"
    )

    pdf = html_to_pdf(page("<h1>Verslag</h1>"), stylesheet=stylesheet)

    assert requests == []
    assert "Verslag" in pdf_text(pdf)


def test_the_recording_server_does_see_an_unguarded_fetch(recording_server):
    # The control for the two tests above: WeasyPrint's own fetcher does reach the server.
    base, requests = recording_server

    weasyprint.HTML(string=page("<p>Test</p>", f'<link rel="stylesheet" href="{base}/style.css">')).write_pdf()

    assert requests == ["/style.css"]


def test_an_image_as_a_data_uri_is_shown():
    png = io.BytesIO()
    Image.new("RGB", (40, 20), (0, 86, 139)).save(png, format="PNG")
    src = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode("ascii")

    pdf = html_to_pdf(page(f'<p>Met logo</p><img src="{src}" alt="logo">'))

    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1


def test_the_callers_stylesheet_adds_to_the_default_one():
    stylesheet = '@page { @top-center { content: "Vertrouwelijk"; } }'

    text = pdf_text(html_to_pdf(page("<p>Plan van aanpak</p>"), stylesheet=stylesheet))

    assert "Vertrouwelijk" in text
    assert "pagina 1 van 1" in text
