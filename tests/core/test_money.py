"""Money in minor units, per currency."""

from decimal import Decimal

import pytest

from careerdesk.core import money


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [("12.5", "EUR", 1250), (1200, "JPY", 1200), ("1.2345", "KWD", 1235), ("0.005", "usd", 1)],
)
def test_to_minor_and_back(amount, currency, minor):
    assert money.to_minor(amount, currency) == minor
    assert money.from_minor(minor, currency) == Decimal(str(minor)).scaleb(
        -money.decimals(currency)
    )
