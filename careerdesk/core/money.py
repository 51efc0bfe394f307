"""Money as integer minor units (cents) with an ISO 4217 currency code."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

# Currencies whose minor unit is not a hundredth (ISO 4217); all others have two decimals.
_DECIMALS = {
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
    "PYG": 0, "RWF": 0, "UGX": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
}  # fmt: skip


def decimals(currency: str | None) -> int:
    """How many decimals the currency's minor unit has (2 when unknown)."""
    return _DECIMALS.get((currency or "").upper(), 2)


def to_minor(amount: float | Decimal | str, currency: str | None) -> int:
    """12.5 EUR -> 1250; 1200 JPY -> 1200 (rounded half up to the minor unit)."""
    scaled = Decimal(str(amount)).scaleb(decimals(currency))
    return int(scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_minor(minor: int, currency: str | None) -> Decimal:
    """1250 EUR -> Decimal("12.50")."""
    return Decimal(minor).scaleb(-decimals(currency))
