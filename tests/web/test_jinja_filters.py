"""Small filters of the template environment that users notice."""

from django.utils import timezone

from koers.web.jinja import breakable_email, short_date


def test_dates_show_the_year_only_when_it_is_needed():
    today = timezone.localdate()
    assert str(today.year) not in short_date(today)
    next_year = today.replace(year=today.year + 1, day=min(today.day, 28))
    assert short_date(next_year).endswith(str(today.year + 1))


def test_long_email_addresses_wrap_only_after_at_and_dots():
    html = breakable_email("jan.<b>van.dijk</b>@voorbeeld-gemeente.nl")
    assert html == "jan.<wbr>&lt;b&gt;van.<wbr>dijk&lt;/b&gt;@<wbr>voorbeeld-gemeente.<wbr>nl"
