"""How the figures' numbers and months are written, in the page, the charts and the CSV files."""


def month_name(day):
    return f"{day:%B %Y}"


def format_number(number, separator=","):
    """A Decimal as published, written with thousands separators: 565, 1,245, 1.5 (plain: 1245)."""
    if number == number.to_integral_value():
        text = f"{int(number):,}"
    else:
        text = f"{number.normalize():,f}"
    return text.replace(",", separator)
