"""HTML to PDF with WeasyPrint, safe for HTML that contains what users typed.

- **Nothing is fetched** but `data:` URIs: an `<img>`, `<link>`, `@import`, `url(...)` or
  `@font-face` that points at `http:`, `https:`, `file:` or anything else is refused before any
  connection or file read (no SSRF, no reading the server's files into a PDF). A refused resource
  is left out (WeasyPrint logs a warning); the PDF is still made. Images and fonts a PDF needs go
  in as `data:` URIs.
- **A4 with Koers's print style** (`koers/lib/data/pdf.css`: 11pt DejaVu Sans, margins of 2cm,
  tables with borders, "pagina N van M" at the foot of each page). A caller's `stylesheet` comes
  after it, so it extends or overrides the default.

WeasyPrint needs Debian's Pango (`scripts/ensure-run-deps.sh` installs it).
"""

import io
from importlib import resources

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

# The only scheme the renderer may open: the data is in the URI itself, so nothing is fetched.
_ALLOWED_SCHEMES = frozenset({"data"})


def _default_stylesheet() -> str:
    return resources.files("koers.lib").joinpath("data/pdf.css").read_text(encoding="utf-8")


def _data_only_fetcher() -> URLFetcher:
    # WeasyPrint checks the scheme before it opens anything; a refused URL raises inside the
    # fetcher, and WeasyPrint leaves the resource out (fail_on_errors=False) instead of failing.
    return URLFetcher(allowed_protocols=_ALLOWED_SCHEMES, allow_redirects=False, fail_on_errors=False)


def html_to_pdf(html: str, *, stylesheet: str | None = None) -> bytes:
    """Render `html` as an A4 PDF with Koers's print style, and `stylesheet` on top of it."""
    fetcher = _data_only_fetcher()
    fonts = FontConfiguration()
    stylesheets = [CSS(string=_default_stylesheet(), url_fetcher=fetcher, font_config=fonts)]
    if stylesheet:
        stylesheets.append(CSS(string=stylesheet, url_fetcher=fetcher, font_config=fonts))
    # No base_url: a relative URL has nothing to resolve against and is not fetched either.
    document = HTML(string=html, url_fetcher=fetcher)
    target = io.BytesIO()
    document.write_pdf(target, stylesheets=stylesheets, font_config=fonts)
    return target.getvalue()
