"""Amounts in euro, written the Dutch way: "€ 14.000,00" (a point between thousands, a comma
before the cents). Always two decimals: an amount is shown as the estimate computed it."""

from decimal import Decimal


def euro(value) -> str:
    if value is None or value == "":
        return "—"
    number = Decimal(value).quantize(Decimal("0.01"))
    sign = "−" if number < 0 else ""
    whole, cents = f"{abs(number):.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}€\u00a0{grouped},{cents}"
