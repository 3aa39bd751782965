import pytest

from demos.engine.classify import LABELS, NEUTRAL, RECIPES, classify
from demos.engine.measure import KEYS, Movements


def test_every_recipe_names_only_real_movements():
    for recipe in RECIPES:
        assert set(recipe.needs) <= set(KEYS), recipe.label
        assert set(recipe.against) <= set(KEYS), recipe.label


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda r: r.label)
def test_each_recipe_wins_when_its_movements_are_on(recipe):
    verdict = classify(Movements.of({k: 0.9 for k in recipe.needs}))
    assert verdict.label == recipe.label
    assert verdict.confidence > 0.5


def test_a_still_face_reads_neutral():
    assert classify(Movements.still()).label == NEUTRAL


def test_shares_sum_to_one_and_cover_every_label():
    verdict = classify(Movements.of(lip_corner_pull=0.6, brow_lower=0.4, jaw_drop=0.2))
    assert set(verdict.probabilities) == set(LABELS)
    assert sum(verdict.probabilities.values()) == pytest.approx(1.0)


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda r: r.label)
def test_the_top_share_rises_with_its_driving_movement(recipe):
    driver = max(recipe.needs, key=recipe.needs.get)
    shares = [
        classify(Movements.of({driver: v})).probabilities[recipe.label] for v in (0.2, 0.5, 0.8)
    ]
    assert shares[0] < shares[1] < shares[2]


def test_a_posed_smile_reads_happy_with_a_confident_percentage():
    verdict = classify(Movements.of(lip_corner_pull=0.9, cheek_raise=0.1, upper_lip_raise=0.5))
    assert verdict.label == "happy"
    assert verdict.percent >= 80
    assert verdict.drivers[0] == ("lip_corner_pull", 0.9)


def test_ties_go_to_the_earlier_label_whatever_the_order_of_the_recipes():
    # Every score equal: the first label in LABELS wins, so the result never depends on dicts.
    verdict = classify(Movements.still())
    assert verdict.label == LABELS[0] == NEUTRAL


def test_neutral_names_no_driving_movements():
    assert classify(Movements.still()).drivers == ()
