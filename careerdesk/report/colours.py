"""The palette's data: Okabe-Ito colours and what each health state shows as (no widgets)."""

from __future__ import annotations

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the
# common colour-vision deficiencies and readable on light and dark grounds.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}

# Meaning is never colour alone: every screen shows these with a word or a symbol.
HEALTH = {"on_track": "green", "at_risk": "orange", "late": "vermillion", "closed": "grey"}
# Symbols that carry the same meaning as the colours.
HEALTH_SYMBOL = {"on_track": "●", "at_risk": "▲", "late": "■", "closed": "✓"}
