"""The naive classifier under study: a 2010s-style recipe per label, softmax, a confident %.

Deliberately simple and fully visible. It reads movements; the labels are a convention
(EMFACS-style prototypes), not a measurement of what anyone feels.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from .measure import Movements


@dataclass(frozen=True)
class Recipe:
    """A label's prototype: movements that count for it (weighted) and against it."""

    label: str
    needs: Mapping[str, float]
    against: Mapping[str, float]


# EMFACS-style prototypes (Ekman & Friesen): happiness 6+12; sadness 1+4+15+17;
# anger 4+5+7+24 (+26, open-mouthed); surprise 1+2+5+26; fear 1+2+4+5+7+20+26; disgust 9+10+15.
# The "against" terms keep overlapping recipes apart (surprise vs fear: the lowered brow).
# Weights were calibrated on human-labelled photos (benchmarks/accuracy.py). Movements this
# model barely reports on photos weigh less, so a recipe is not held back by what the
# model cannot see: cheek raise (AU6) in happiness, upper lid raise (AU5) in surprise; lid
# tightening (AU7) weighs less in anger because the model reports it on faces at rest too.
RECIPES: tuple[Recipe, ...] = (
    Recipe("happy", {"lip_corner_pull": 2.0, "cheek_raise": 0.25}, {"lip_corner_depress": 0.5}),
    Recipe(
        "sad",
        {
            "inner_brow_raise": 1.0,
            "brow_lower": 1.0,
            "lip_corner_depress": 1.5,
            "chin_raise": 2.0,
        },
        {"lip_corner_pull": 0.5},
    ),
    Recipe(
        "angry",
        {
            "brow_lower": 2.0,
            "lid_tighten": 0.5,
            "upper_lid_raise": 0.5,
            "lip_press": 1.0,
            "jaw_drop": 0.5,
        },
        {"inner_brow_raise": 0.5, "lip_corner_pull": 0.5},
    ),
    Recipe(
        "surprised",
        {"inner_brow_raise": 1.0, "outer_brow_raise": 1.0, "upper_lid_raise": 0.5, "jaw_drop": 1.5},
        {"brow_lower": 0.5, "lip_stretch": 0.5},
    ),
    Recipe(
        "afraid",
        {
            "inner_brow_raise": 1.0,
            "outer_brow_raise": 0.5,
            "brow_lower": 1.0,
            "upper_lid_raise": 1.0,
            "lid_tighten": 0.5,
            "lip_stretch": 1.5,
            "jaw_drop": 0.5,
        },
        {"lip_corner_pull": 0.5},
    ),
    Recipe(
        "disgusted",
        {"nose_wrinkle": 1.5, "upper_lip_raise": 1.0, "lip_corner_depress": 1.0},
        {"lip_corner_pull": 0.5},
    ),
)
RECIPE_BY_LABEL: Mapping[str, Recipe] = {r.label: r for r in RECIPES}
NEUTRAL = "neutral"
LABELS: tuple[str, ...] = (NEUTRAL, *(r.label for r in RECIPES))
# Neutral has no movements to read (MediaPipe's "_neutral" is always ~0): it wins
# when no recipe reaches this level of evidence. Calibrated with the recipes: at 0.18
# three in four neutral photos read NEUTRAL (benchmarks/accuracy.py).
NEUTRAL_LEVEL = 0.18
# How sharply scores turn into a "confidence": products showed 90%+ readily.
SHARPNESS = 8.0


@dataclass(frozen=True)
class Verdict:
    """The classifier's claim: top label, its "confidence", every label's share, and why."""

    label: str
    confidence: float
    probabilities: Mapping[str, float]
    scores: Mapping[str, float]
    drivers: tuple[tuple[str, float], ...]  # the fired recipe's movements, strongest first

    @property
    def percent(self) -> int:
        return round(100 * self.confidence)


def score(recipe: Recipe, moves: Mapping[str, float]) -> float:
    """Weighted mean of the recipe's movements minus the weighted movements against it."""
    total = sum(recipe.needs.values())
    evidence = sum(w * moves[k] for k, w in recipe.needs.items()) / total
    penalty = sum(w * moves[k] for k, w in recipe.against.items())
    return evidence - penalty


def classify(moves: Movements) -> Verdict:
    """Score every label, softmax into shares, and name the movements behind the winner."""
    scores = {NEUTRAL: NEUTRAL_LEVEL, **{r.label: score(r, moves) for r in RECIPES}}
    peak = max(scores.values())
    weights = {k: math.exp(SHARPNESS * (v - peak)) for k, v in scores.items()}
    total = sum(weights.values())
    probabilities = {k: w / total for k, w in weights.items()}
    # Ties go to the earlier label in LABELS, so the result never depends on dict order.
    label = max(LABELS, key=lambda k: (probabilities[k], -LABELS.index(k)))
    drivers: tuple[tuple[str, float], ...] = ()
    if label != NEUTRAL:
        recipe = RECIPE_BY_LABEL[label]
        drivers = tuple(
            sorted(((k, moves[k]) for k in recipe.needs), key=lambda kv: kv[1], reverse=True)
        )
    return Verdict(label, probabilities[label], probabilities, scores, drivers)
