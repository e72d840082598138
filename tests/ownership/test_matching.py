"""Name matching against watch lists: what reviewers need it to tolerate."""

from ownership.pure.matching import candidates, score

LIST = [
    ("gazprom", ["Gazprom PJSC", "ПАО Газпром"], ["RU"]),
    ("sinopec", ["China Petroleum & Chemical Corporation", "中国石油化工股份有限公司"], ["CN"]),
    ("huaxin", ["Huaxin Energy Group Co., Ltd.", "华信能源集团有限公司"], ["CN"]),
    ("mueller", ["Müller Stahlwerke GmbH"], ["DE"]),
]


def best(name, country=""):
    found = candidates(name, country, LIST)
    return found[0].entity_id if found else None


def test_cyrillic_and_latin_spellings_match():
    assert best("Газпром") == "gazprom"


def test_legal_form_suffixes_are_ignored():
    assert score("Huaxin Energy Group Limited", "Huaxin Energy Group Co., Ltd.")[0] >= 95


def test_chinese_legal_forms_are_ignored():
    assert best("华信能源集团") == "huaxin"


def test_word_order_does_not_matter():
    assert best("Energy Group Huaxin") == "huaxin"


def test_diacritics_do_not_matter():
    assert best("Muller Stahlwerke") == "mueller"


def test_a_small_typo_still_matches_and_says_so():
    (candidate,) = candidates("Gazporm", "", LIST)

    assert candidate.entity_id == "gazprom"
    assert any("character(s) differ" in reason for reason in candidate.reasons)


def test_an_unrelated_name_does_not_match():
    assert candidates("Nordwind Netz", "DE", LIST) == []


def test_a_different_country_lowers_the_score_and_is_given_as_a_reason():
    same = candidates("Gazprom", "RU", LIST)[0]
    other = candidates("Gazprom", "DE", LIST)[0]

    assert other.score < same.score
    assert any("different country" in reason for reason in other.reasons)
