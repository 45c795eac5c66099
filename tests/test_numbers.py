

def test_a_unit_of_time_typed_with_a_typo_after_a_number_is_read_as_the_unit():
    from faqbot.understand.numbers import unit_typo
    assert unit_typo("hors") == ("hours",)
    assert unit_typo("misn") == ("minutes",)
    assert unit_typo("dyas") == ("days",)
    assert unit_typo("hours") is None  # a unit already
    assert unit_typo("horse") is None  # two typos from any unit
    assert unit_typo("hr") is None  # too short to tell
