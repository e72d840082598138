"""Name matching of parties against watch lists, with the reasons for each score.

A pure module. The method is that of OpenSanctions' matcher (nomenklatura's logic-v2),
on the name engine it runs on, rigour: names are analysed into parts, parts that are
the same name in another spelling or script are paired by rigour's symbols (Евгений and
Yevgeny, Chang and Zhang, ПАО and PJSC), the other parts are paired by edit distance,
and the score is the weighted mean of the pairs, parts left over counting against it.
On top of that, rules of our own (docs/matching.md): initials, patronymics, Chinese
given names, misspelt legal forms, acronyms, look-alike letters, Chinese characters.
Then identifiers, countries and birth dates. A candidate is a suggestion: a reviewer
confirms or rejects it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

import icu
from rapidfuzz.distance import OSA, Levenshtein
from rigour.ids import get_identifier_format
from rigour.names import (
    Alignment,
    Name,
    NamePart,
    NamePartTag,
    NameTypeTag,
    SymbolCategory,
    align_person_name_order,
    analyze_names,
    compare_parts,
    extract_org_types,
    pair_symbols,
    tokenize_name,
)
from rigour.text import ascii_text, is_stopword, metaphone

from ownership.pure.chinese import PINYIN, WADE_GILES

PERSON = "Person"
# Schemas that may name a person or an organisation; any other not Person is an
# organisation (Company, Organization, PublicBody, ...).
EITHER = frozenset({"LegalEntity", ""})

# logic-v2's weights (nomenklatura, matching/logic_v2/names/magic.py): how much a pair
# found through a symbol scores and weighs, and how much a part left over weighs.
SYMBOL_SCORES = {
    SymbolCategory.ORG_CLASS: 0.8,
    SymbolCategory.INITIAL: 0.9,
    SymbolCategory.NAME: 0.9,
    SymbolCategory.NICK: 0.6,
}
SYMBOL_WEIGHTS = {
    SymbolCategory.ORG_CLASS: 0.7,
    SymbolCategory.INITIAL: 0.5,
    SymbolCategory.NICK: 0.8,
    SymbolCategory.SYMBOL: 0.3,
    SymbolCategory.NUMERIC: 1.3,
    SymbolCategory.LOCATION: 0.8,
}
EXTRA_WEIGHTS = {
    SymbolCategory.ORG_CLASS: 0.3,  # lists and filings often leave the legal form out
    SymbolCategory.SYMBOL: 0.7,
    SymbolCategory.NUMERIC: 1.3,
    SymbolCategory.LOCATION: 0.8,
}
LEFT_IN_QUERY = 0.8  # a word of the query the listed name lacks weighs this much
LEFT_IN_LISTED = 0.2  # lists give fuller names than filings: a missing word costs less
SUBSTITUTED = 2.0  # a listed word put for one of the query's weighs this many times more
FAMILY_WEIGHT = 1.3
PATRONYMIC_WEIGHT = 0.2  # filings drop patronymics (Alisher Usmanov for A. B. Usmanov)
WEAK_ALIAS = 0.8
STRONG_IDENTIFIER = 95.0  # same LEI, OGRN, IMO, ...: as strong as a name, almost
OTHER_IDENTIFIER = 85.0
ACRONYM = 80.0
CONSONANTS = 80.0
DIFFERENT_CHINESE_GIVEN_NAME = 50.0
CHINESE_SPELLING = 90.0  # every syllable the same in pinyin (Tuan Kuei-chih, Duan Guizhi)
DIFFERENT_PLACES = 60.0  # the Central Bank of Uzbekistan is not that of Azerbaijan
PENALTY_COUNTRY = {True: 20.0, False: 10.0}  # persons, organisations (subsidiaries abroad)
PENALTY_IDENTIFIER = 35.0  # both have a LEI (say), and not the same: another entity
PENALTY_BIRTH_YEAR = 35.0  # born years apart: another person of the same name
PENALTY_BIRTH_NEXT_YEAR = 10.0  # a year apart: lists and filings get years wrong
PENALTY_BIRTH_DAY = 15.0  # the same year, another day

SYMBOL_KEYS_A_PART = 4
STRONG_FORMATS = frozenset({"lei", "ogrn", "inn", "imo", "isin", "bic", "uscc", "figi"})
# Legal forms in Chinese and Japanese company names, longest first (rigour knows none).
CJK_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "株式会社", "公司")
# Words of legal forms, so that a misspelt one ("Compay") is read as the form it is.
LEGAL_FORM_WORDS = (  # noqa: SIM905 - a list of words reads best as words
    "company corporation limited incorporated joint stock public closed open society "
    "partnership holding holdings aktiengesellschaft gesellschaft aktsionernoye "
    "obshchestvo otkrytoye zakrytoye sociedad societe anonyme responsabilidad liability "
    "publichnoye ogranichennoy otvetstvennostyu private unitary enterprise"
).split()
# Russian, Ukrainian and other legal forms written out in Latin letters, which rigour
# does not know, read as their abbreviation (longest first).
SPELLED_OUT_LEGAL_FORMS = {
    "publichnoye aktsionernoye obshchestvo": "PAO",
    "otkrytoye aktsionernoye obshchestvo": "OAO",
    "zakrytoye aktsionernoye obshchestvo": "ZAO",
    "aktsionernoye obshchestvo": "AO",
    "tovarystvo z obmezhenoyu vidpovidalnistyu": "TOV",
    "societe anonyme libanaise": "SAL",
    "limited liability partnership": "LLP",
    "federal state unitary enterprise": "FSUE",
}
# Words of a business's activity: one only one side has ("Petroleum Trading" against
# "Petroleum") names another business of the group, and one both have says little.
ACTIVITY_WORDS = frozenset(
    (  # noqa: SIM905 - a list of words reads best as words
        "trading trade engineering leasing shipping shipmanagement logistics holding "
        "holdings kholding services service solutions technology technologies tech "
        "investment investments invest industrial industries industry inds insurance "
        "development construction finance financial capital marine tankers freight "
        "brokers production manufacturing mfg electronics semiconductor precision "
        "instruments import export supply supplies materials chemical chemicals chem "
        "machinery equipment energy petroleum mining aviation transport foods pharma "
        "properties realty international intl national natl lizing trans distribution"
    ).split()
)
# Two known given names this far apart are two names; closer, a typo or a spelling
# (Patrik, Patrick) that happens to be another known name.
OTHER_NAME_BELOW = 0.75
_LEGAL_FORM_VOCABULARY = tuple(
    dict.fromkeys([*LEGAL_FORM_WORDS, *(w for f in SPELLED_OUT_LEGAL_FORMS for w in f.split())])
)
ACTIVITY_SHARED_WEIGHT = 0.5
ACTIVITY_LEFT_WEIGHT = 1.5
PATRONYMIC = re.compile(r"(ovich|evich|ich|ovna|evna|ichna|ovych|evych|ogly|oglu|kyzy|uly)$")
# Cyrillic and Greek letters that look like Latin ones, folded only inside a word that
# also has Latin letters ("Сompany" with a Cyrillic С); a Cyrillic word is left alone.
HOMOGLYPHS = str.maketrans(
    "АВЕКМНОРСТХҮаеорсухүһіјѕԁԛԝІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικνρτυχ",
    "ABEKMHOPCTXYaeopcyxyhijsdqwIJSABEZHIKMNOPTYXoiKvpTuX",
)
_LOOK_ALIKES = frozenset("АВЕКМНОРСТХҮаеорсухүһіјѕԁԛԝІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικνρτυχ")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ABJAD = re.compile(r"[\u0590-\u06ff\u0750-\u077f]")  # Hebrew, Arabic
_RUN_TOGETHER_INITIALS = re.compile(r"\b([^\W\d_]{1,2})\.(?=[^\W\d_]{1,2}\.)")
_ABBREVIATION = re.compile(r"^([^\W\d_]{1,2})\.$")
_TRADITIONAL_TO_SIMPLIFIED = icu.Transliterator.createInstance("Traditional-Simplified")
_HAN_TO_PINYIN = icu.Transliterator.createInstance("Han-Latin/Names; Latin-ASCII")


@dataclass(frozen=True)
class Named:
    """A party or a list entity as the matcher sees it."""

    names: tuple[str, ...]
    schema: str = "LegalEntity"
    countries: frozenset[str] = frozenset()
    birth_dates: tuple[str, ...] = ()  # ISO dates or their prefixes (1961, 1961-05)
    identifiers: frozenset[tuple[str, str]] = frozenset()  # (format, normalised value)
    weak_names: tuple[str, ...] = ()  # weak aliases: nicknames, short forms

    @property
    def is_person(self) -> bool:
        return self.schema == PERSON


@dataclass(frozen=True)
class Match:
    score: float  # 0-100
    name: str  # the listed name that matched best
    reasons: list[str] = field(default_factory=list)


@dataclass
class _Pairing:
    score: float  # 0-1
    reasons: list[str]


def comparable_schemas(query: str, listed: str) -> bool:
    """A person matches persons; an organisation, organisations; a legal entity, both."""
    if query in EITHER or listed in EITHER:
        return True
    return (query == PERSON) == (listed == PERSON)


def identifier(scheme: str, value: str) -> tuple[str, str] | None:
    """(format, value) of an identifier, normalised and checked where its format is
    known (a LEI with a wrong check digit is no LEI); other schemes as written."""
    scheme = scheme.strip().lower()
    value = value.strip()
    if not value:
        return None
    fmt = get_identifier_format(scheme) if scheme in STRONG_FORMATS else None
    if fmt is not None:
        normalised = fmt.normalize(value)
        return (scheme, normalised) if normalised else None
    return ("id", re.sub(r"[\s./-]", "", value).upper())


def compare(query: Named, listed: Named) -> Match:
    """How well `listed` (a list entity) matches `query` (a party), with reasons."""
    person = query.is_person or listed.is_person
    best = Match(0.0, listed.names[0] if listed.names else "")
    for name in (*listed.names, *listed.weak_names):
        weak = name in listed.weak_names and name not in listed.names
        for asked in query.names:
            pairing = _compare_names(asked, name, person)
            value = 100 * pairing.score * (WEAK_ALIAS if weak else 1.0)
            if value > best.score:
                reasons = pairing.reasons + (["a weak alias (nickname or short form)"] * weak)
                best = Match(value, name, reasons)
    shared = query.identifiers & listed.identifiers
    if shared:
        fmt, number = sorted(shared)[0]
        strength = STRONG_IDENTIFIER if fmt in STRONG_FORMATS else OTHER_IDENTIFIER
        label = fmt.upper() if fmt != "id" else "registration number"
        if strength > best.score:
            best = Match(strength, best.name, [f"same {label} {number}"])
        else:
            best.reasons.append(f"same {label} {number}")
    conflict = _identifier_conflict(query, listed) if not shared else ""
    if conflict:
        best.reasons.append(conflict)
    score = best.score - _qualifiers(query, listed, person, best.reasons)
    score -= PENALTY_IDENTIFIER if conflict else 0.0
    return Match(round(max(0.0, min(100.0, score)), 1), best.name, best.reasons)


def _identifier_conflict(query: Named, listed: Named) -> str:
    """Both give an identifier of one strong format, and no value in common."""
    if not query.identifiers or not listed.identifiers:
        return ""
    for fmt in sorted(STRONG_FORMATS):
        asked = {v for f, v in query.identifiers if f == fmt}
        known = {v for f, v in listed.identifiers if f == fmt}
        if asked and known and not asked & known:
            return f"different {fmt.upper()} ({', '.join(sorted(known))} listed)"
    return ""


def _qualifiers(query: Named, listed: Named, person: bool, reasons: list[str]) -> float:
    """Points taken off for countries and birth dates that disagree; reasons added."""
    penalty = 0.0
    if query.countries and listed.countries:
        if query.countries & listed.countries:
            reasons.append(
                f"same country ({', '.join(sorted(query.countries & listed.countries))})"
            )
        else:
            penalty += PENALTY_COUNTRY[person]
            reasons.append(
                f"different country ({', '.join(sorted(listed.countries))} listed, "
                f"{', '.join(sorted(query.countries))} given)"
            )
    if query.birth_dates and listed.birth_dates:
        penalty += _birth_dates(query.birth_dates, listed.birth_dates, reasons)
    return penalty


def _birth_dates(asked: tuple[str, ...], listed: tuple[str, ...], reasons: list[str]) -> float:
    asked = tuple(d for d in asked if d[:4].isdigit())
    listed = tuple(d for d in listed if d[:4].isdigit())
    if not asked or not listed:
        return 0.0
    if any(a.startswith(b) or b.startswith(a) for a in asked for b in listed):
        reasons.append(
            "same birth date" if any(a in listed for a in asked) else "birth dates agree"
        )
        return 0.0
    years_apart = min(abs(int(a[:4]) - int(b[:4])) for a in asked for b in listed)
    if years_apart:
        reasons.append(f"born {', '.join(sorted(listed))} listed, {', '.join(sorted(asked))} given")
        return PENALTY_BIRTH_YEAR if years_apart > 1 else PENALTY_BIRTH_NEXT_YEAR
    if any(_day_month_swapped(a, b) for a in asked for b in listed):
        reasons.append("birth date with day and month swapped")
        return PENALTY_BIRTH_DAY / 2
    reasons.append(f"different birth date ({', '.join(sorted(listed))} listed)")
    return PENALTY_BIRTH_DAY


def _day_month_swapped(a: str, b: str) -> bool:
    return len(a) == len(b) == 10 and a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]


# --- two names ---------------------------------------------------------------------------


def _compare_names(asked: str, listed: str, person: bool) -> _Pairing:
    best = _Pairing(0.0, [])
    for q_text, q_notes in _forms(asked, person):
        for r_text, r_notes in _forms(listed, person):
            pairing = _compare_forms(q_text, r_text, person)
            if pairing.score > best.score:
                best = _Pairing(pairing.score, q_notes + r_notes + pairing.reasons)
    if not person:
        acronym = _acronym(asked, listed)
        if acronym and best.score < ACRONYM / 100:
            best = _Pairing(ACRONYM / 100, [acronym])
    consonants = _same_consonants(asked, listed)
    if consonants and best.score < CONSONANTS / 100:
        best = _Pairing(CONSONANTS / 100, [consonants])
    return best


@lru_cache(maxsize=100_000)
def _forms(name: str, person: bool) -> tuple[tuple[str, list[str]], ...]:
    """The forms of a name to compare, each with what was done to get it."""
    notes: list[str] = []
    text = unicodedata.normalize("NFC", name).strip()
    latin_name = bool(_LATIN_LETTER.search(text))
    folded = " ".join(_fold_homoglyphs(word, latin_name) for word in text.split())
    if folded != " ".join(text.split()):
        notes.append(f"look-alike letters in '{text}' read as Latin")
        text = folded
    if person:
        text = _RUN_TOGETHER_INITIALS.sub(r"\1. ", text)
    forms = [(text, notes)]
    if _HAN.search(text):
        simplified = _TRADITIONAL_TO_SIMPLIFIED.transliterate(text)
        if not person:
            simplified = _without_cjk_legal_form(simplified)
        pinyin = " ".join(_HAN_TO_PINYIN.transliterate(simplified).split())
        forms = [
            (simplified, notes),
            (pinyin, [*notes, f"compared through the pinyin of '{name}' ({pinyin})"]),
        ]
    elif not person:
        fixed = _abbreviated_legal_form(_legal_form_spelled_out(text))
        if fixed != text:
            forms.append((fixed, [*notes, f"legal form in '{text}' read as '{fixed}'"]))
    return tuple(forms)


def _legal_form_letters(text: str) -> int:
    """How many letters of the name rigour reads as legal forms."""
    return sum(len(form) for form, _ in extract_org_types(text.lower()))


def _abbreviated_legal_form(text: str) -> str:
    bare = " ".join(ascii_text(text).lower().replace('"', " ").split())
    for spelled, short in SPELLED_OUT_LEGAL_FORMS.items():
        if spelled in bare:
            return bare.replace(spelled, short.lower())
    return text


def _fold_homoglyphs(word: str, latin_name: bool) -> str:
    """Look-alike letters read as Latin in a word with Latin letters, or in a word of a
    Latin name made only of look-alikes ("Luо Во")."""
    if _LATIN_LETTER.search(word) or (
        latin_name and all(c in _LOOK_ALIKES or not c.isalpha() for c in word)
    ):
        return word.translate(HOMOGLYPHS)
    return word


def _without_cjk_legal_form(text: str) -> str:
    for form in CJK_LEGAL_FORMS:
        if text.endswith(form) and len(text) > len(form):
            return text[: -len(form)]
    return text


def _legal_form_spelled_out(text: str) -> str:
    """A word one letter away from a word of a legal form is read as that word, if the
    name then has a legal form it had not ("Joint Stock Compay")."""
    words = text.split()
    before = _legal_form_letters(text)
    for index, word in enumerate(words):
        bare = word.lower().strip(".,")
        if len(bare) < 5 or bare in LEGAL_FORM_WORDS:
            continue
        for form_word in _LEGAL_FORM_VOCABULARY:
            if OSA.distance(bare, form_word) == 1:
                candidate = " ".join([*words[:index], form_word, *words[index + 1 :]])
                spelled = _abbreviated_legal_form(candidate) != candidate
                if spelled or _legal_form_letters(candidate) > before:
                    words[index] = form_word
                    break
    return " ".join(words)


@lru_cache(maxsize=200_000)
def _analysed(text: str, person: bool) -> tuple[Name, ...]:
    tag = NameTypeTag.PER if person else NameTypeTag.ORG
    return tuple(analyze_names(tag, [text], infer_initials=person))


def _compare_forms(asked: str, listed: str, person: bool) -> _Pairing:
    best = _Pairing(0.0, [])
    initials = _abbreviations(asked) | _abbreviations(listed) if person else frozenset()
    for q in _analysed(asked, person):
        for r in _analysed(listed, person):
            if q.comparable == r.comparable:
                same = asked.casefold() == listed.casefold()
                return _Pairing(1.0, ["identical name" if same else "same name once normalised"])
            places = _different_places(q, r) if not person else ""
            for alignments in _pairings(q, r, person, initials):
                total = sum(a.weight for a in alignments)
                value = sum(a.score * a.weight for a in alignments) / total if total else 0.0
                if places:
                    value = min(value, DIFFERENT_PLACES / 100)
                if value > best.score:
                    best = _Pairing(value, _explained(alignments) + ([places] if places else []))
    if person:
        chinese = _same_chinese_name(asked, listed)
        if chinese and best.score < CHINESE_SPELLING / 100:
            best = _Pairing(CHINESE_SPELLING / 100, [chinese])
    if person and best.score > DIFFERENT_CHINESE_GIVEN_NAME / 100:
        different = _different_chinese_given_name(asked, listed)
        if different:
            best = _Pairing(DIFFERENT_CHINESE_GIVEN_NAME / 100, [*best.reasons, different])
    return best


def _different_places(q: Name, r: Name) -> str:
    """Both organisation names name a place (a country, a city), and not the same."""
    q_places = {s.symbol.id for s in q.spans if s.symbol.category == SymbolCategory.LOCATION}
    r_places = {s.symbol.id for s in r.spans if s.symbol.category == SymbolCategory.LOCATION}
    if q_places and r_places and not q_places & r_places:
        return f"different places ({', '.join(sorted(q_places))} and {', '.join(sorted(r_places))})"
    return ""


def _abbreviations(text: str) -> frozenset[str]:
    """The words of a name written as an abbreviation of one or two letters ("Yu.")."""
    found = (_ABBREVIATION.match(word.strip(",")) for word in text.split())
    return frozenset(ascii_text(m.group(1)).lower() for m in found if m)


def _pairings(
    q: Name, r: Name, person: bool, initials: frozenset[str] = frozenset()
) -> Iterator[list[Alignment]]:
    """Each way of pairing the parts of two names (logic-v2's match_name_symbolic)."""
    q_extra, r_extra = _extra_weights(q), _extra_weights(r)
    for edges in pair_symbols(q, r) or [()]:
        alignments: list[Alignment] = []
        for edge in edges:
            if edge.symbol is not None:  # always, from pair_symbols
                edge.score = SYMBOL_SCORES.get(edge.symbol.category, 0.9)
                edge.weight = SYMBOL_WEIGHTS.get(edge.symbol.category, 1.0)
            alignments.append(edge)
        used_q = {p for e in edges for p in e.qps}
        used_r = {p for e in edges for p in e.rps}
        q_left = [p for p in q.parts if p not in used_q]
        r_left = [p for p in r.parts if p not in used_r]
        alignments.extend(_same_words(q_left, r_left))
        alignments.extend(_same_consonant_words(q_left, r_left))
        if person:
            alignments.extend(_initials(q_left, r_left, initials))
        if q_left or r_left:
            if person:
                q_left, r_left = align_person_name_order(q_left, r_left)
            else:
                q_left, r_left = NamePart.tag_sort(q_left), NamePart.tag_sort(r_left)
            alignments.extend(compare_parts(q_left, r_left))
        if person:
            _other_known_names(alignments, _name_symbols(q), _name_symbols(r))
        for alignment in alignments:
            _weigh(alignment, q_extra, r_extra, person)
        _substitutions(alignments)
        yield alignments


def _name_symbols(name: Name) -> dict[NamePart, set[str]]:
    found: dict[NamePart, set[str]] = {}
    for span in name.spans:
        if span.symbol.category == SymbolCategory.NAME and len(span.parts) == 1:
            found.setdefault(span.parts[0], set()).add(span.symbol.id)
    return found


def _other_known_names(alignments: list[Alignment], q_names: dict, r_names: dict) -> None:
    """Two given names that are each a known name, and not the same one (Vladislav and
    Vadim), are two names, however many letters they share."""
    for a in alignments:
        single = len(a.qps) == 1 and len(a.rps) == 1
        if a.symbol is None and single and a.score < OTHER_NAME_BELOW:
            if min(len(a.qps[0].comparable), len(a.rps[0].comparable)) <= 2:
                continue  # an initial
            known_q, known_r = q_names.get(a.qps[0]), r_names.get(a.rps[0])
            if known_q and known_r and not known_q & known_r:
                a.score = 0.0


def _substitutions(alignments: list[Alignment]) -> None:
    """A word only in the query and another only in the listed name are one word put
    for another (Boris for Arkady, Uzbekistan for Azerbaijan): the listed one then
    weighs twice as much as a word a filer merely left out."""
    q_only = [a for a in alignments if a.qps and not a.rps and a.weight >= LEFT_IN_QUERY / 2]
    r_only = [a for a in alignments if a.rps and not a.qps]
    if q_only and r_only:
        for a in r_only:
            a.weight *= SUBSTITUTED


def _same_words(q_left: list[NamePart], r_left: list[NamePart]) -> list[Alignment]:
    """Words spelled the same on both sides pair wherever they stand: word order is
    free, letter order within a word is not. Taken out of the parts left over."""
    found = []
    for part in list(q_left):
        other = next((o for o in r_left if o.comparable == part.comparable), None)
        if other is not None and len(part.comparable) > 1:
            found.append(Alignment([part], [other], score=1.0, weight=1.0))
            q_left.remove(part)
            r_left.remove(other)
    return found


def _same_consonant_words(q_left: list[NamePart], r_left: list[NamePart]) -> list[Alignment]:
    """A word in Arabic or Hebrew letters and a Latin word with the same consonants
    (חדד, Hadad): one name, few vowels written. Taken out of the parts left over."""
    found = []
    for part in list(q_left):
        for other in r_left:
            if _abjad(part.form) == _abjad(other.form):
                continue
            skeleton = consonant_skeleton(part.form)
            if len(skeleton) >= 2 and skeleton == consonant_skeleton(other.form):
                found.append(Alignment([part], [other], score=CONSONANTS / 100, weight=1.0))
                q_left.remove(part)
                r_left.remove(other)
                break
    return found


def _initials(
    q_left: list[NamePart], r_left: list[NamePart], abbreviations: frozenset[str]
) -> list[Alignment]:
    """An initial ("A.", or "Yu." for Yuryevich) pairs with a name of the other side that
    starts with it, in order; both are taken out of the parts left over."""
    found = []
    for initials, names, query_side in ((q_left, r_left, True), (r_left, q_left, False)):
        for initial in [
            p for p in initials if len(p.comparable) == 1 or p.comparable in abbreviations
        ]:
            for name in names:
                longer = len(name.comparable) > len(initial.comparable)
                if longer and name.comparable.startswith(initial.comparable):
                    pair = ([initial], [name]) if query_side else ([name], [initial])
                    found.append(Alignment(*pair, score=0.9, weight=0.5))
                    initials.remove(initial)
                    names.remove(name)
                    break
    return found


def _extra_weights(name: Name) -> dict[tuple[NamePart, ...], float]:
    weights: dict[tuple[NamePart, ...], float] = {}
    for span in name.spans:
        factor = EXTRA_WEIGHTS.get(span.symbol.category, 1.0)
        if factor != 1.0:
            weights[tuple(span.parts)] = weights.get(tuple(span.parts), 1.0) * factor
    return weights


def _weigh(alignment: Alignment, q_extra: dict, r_extra: dict, person: bool) -> None:
    qps, rps = list(alignment.qps), list(alignment.rps)
    if not qps or not rps:
        side, extra, base = (
            (rps, r_extra, LEFT_IN_LISTED) if not qps else (qps, q_extra, LEFT_IN_QUERY)
        )
        if len(side) == 1 and is_stopword(side[0].form):
            alignment.weight = base * 0.5
        elif person and len(side) == 1 and PATRONYMIC.search(side[0].comparable):
            alignment.weight = PATRONYMIC_WEIGHT
        else:
            alignment.weight = base * extra.get(tuple(side), 1.0)
    if any(p.tag == NamePartTag.STOP for p in (*qps, *rps)) and alignment.score < 0.9:
        alignment.weight *= 0.7
    if qps and rps and alignment.score < 1.0 and alignment.qstr == alignment.rstr:
        alignment.score = 1.0
    if not person and len(qps) + len(rps) <= 2:
        words = {p.comparable for p in (*qps, *rps)}
        if words <= ACTIVITY_WORDS:
            alignment.weight = ACTIVITY_SHARED_WEIGHT if qps and rps else ACTIVITY_LEFT_WEIGHT
    if any(p.tag == NamePartTag.FAMILY for p in (*qps, *rps)):
        alignment.weight *= FAMILY_WEIGHT


def _explained(alignments: list[Alignment]) -> list[str]:
    """What each pair of parts says, in words; only what holds for this pair of names."""
    reasons = []
    paired = sorted(
        (min(p.index for p in a.qps), min(p.index for p in a.rps))
        for a in alignments
        if a.qps and a.rps
    )
    if any(later[1] < earlier[1] for earlier, later in pairwise(paired)):
        reasons.append("word order differs")
    for a in alignments:
        q, r = a.qstr, a.rstr
        if not a.qps:
            reasons.append(f"'{r}' only in the listed name")
        elif not a.rps:
            reasons.append(f"'{q}' not in the listed name")
        elif a.symbol is not None and q != r:
            category = a.symbol.category
            if category == SymbolCategory.ORG_CLASS:
                reasons.append(f"legal forms '{q}' and '{r}' are the same")
            elif category == SymbolCategory.INITIAL:
                reasons.append(f"initial '{q}' matches '{r}'")
            else:
                reasons.append(f"'{q}' and '{r}' are forms of the same name")
        elif a.symbol is None and (len(q) == 1 < len(r) or len(r) == 1 < len(q)):
            reasons.append(f"initial '{min(q, r, key=len)}' matches '{max(q, r, key=len)}'")
        elif q != r:
            if q.replace(" ", "") == r.replace(" ", ""):
                reasons.append(f"'{q}' and '{r}' differ only in spacing")
            elif a.score > 0:
                differ = Levenshtein.distance(q, r)
                reasons.append(f"'{q}' ~ '{r}': {differ} letter(s) differ")
            else:
                reasons.append(f"'{q}' and '{r}' differ")
    return reasons


# --- rules of our own ------------------------------------------------------------------


def _syllables(word: str) -> list[str] | None:
    """A Latin word cut into pinyin or Wade-Giles syllables, longest first; None if it
    cannot be."""
    if not word:
        return []
    for end in range(min(len(word), 6), 0, -1):
        head = word[:end]
        if head in PINYIN or head in WADE_GILES:
            rest = _syllables(word[end:])
            if rest is not None:
                return [head, *rest]
    return None


@lru_cache(maxsize=200_000)
def _chinese_syllables(name: str) -> tuple[str, ...] | None:
    words = re.split(r"[\s\-']+", ascii_text(name).lower())
    found: list[str] = []
    for word in filter(None, words):
        syllables = _syllables(word)
        if syllables is None:
            return None
        found.extend(syllables)
    return tuple(found) if len(found) >= 2 else None


def _readings(syllable: str) -> frozenset[str]:
    return WADE_GILES.get(syllable, frozenset()) | ({syllable} & PINYIN)


def _same_chinese_name(asked: str, listed: str) -> str:
    """Both Chinese names whose every syllable has a reading in common, family name
    first or last (Tuan Kuei-chih, Duan Guizhi): one name in two romanisations."""
    a, b = _chinese_syllables(asked), _chinese_syllables(listed)
    if not a or not b or len(a) != len(b) or a == b:
        return ""
    for order in (a, a[1:] + a[:1], a[-1:] + a[:-1]):
        if all(_readings(x) & _readings(y) for x, y in zip(order, b, strict=True)):
            return f"'{asked}' and '{listed}' read the same in pinyin"
    return ""


def _different_chinese_given_name(asked: str, listed: str) -> str:
    """If both are Chinese names with the same family name and a given name that differs
    in a syllable (Zhang Weiping, Zhang Weiming), say so: a one-letter difference there
    is another person, not a typo."""
    a, b = _chinese_syllables(asked), _chinese_syllables(listed)
    if not a or not b or len(a) != len(b):
        return ""
    for order in (a, a[1:] + a[:1], a[-1:] + a[:-1]):  # family name first or last
        if all(_readings(x) & _readings(y) for x, y in zip(order, b, strict=True)):
            return ""
    for order in (a, a[-1:] + a[:-1]):
        if _readings(order[0]) & _readings(b[0]):
            given_a, given_b = "".join(order[1:]), "".join(b[1:])
            return f"different given name: '{given_a}' and '{given_b}'"
    return f"different Chinese names: '{' '.join(a)}' and '{' '.join(b)}'"


def _acronym(asked: str, listed: str) -> str:
    """One name the initials of the other (CNPC, China National Petroleum Corporation)."""
    for short, long in ((asked, listed), (listed, asked)):
        letters = _without_legal_form(short).replace(".", "").strip()
        if not (3 <= len(letters) <= 8 and letters.isalpha() and " " not in letters):
            continue
        if letters.lower() in _initials_of(long):
            return f"'{short}' is the initials of '{long}'"
    return ""


def _without_legal_form(name: str) -> str:
    """The name without a legal form at its start or end ("BBDH JSC": "BBDH")."""
    words = name.split()
    while len(words) > 1 and extract_org_types(words[-1].lower()):
        words.pop()
    while len(words) > 1 and extract_org_types(words[0].lower()):
        words.pop(0)
    return " ".join(words)


def _initials_of(name: str) -> set[str]:
    words = [w for w in tokenize_name(ascii_text(_without_legal_form(name)).lower()) if w]
    every = "".join(w[0] for w in words)
    significant = "".join(w[0] for w in words if not is_stopword(w))
    return {every, significant} - {""}


def _same_consonants(asked: str, listed: str) -> str:
    """Names in Arabic or Hebrew letters, which write few vowels, against a Latin form:
    equal consonants (within one letter) are a match no name symbol found."""
    if not (_abjad(asked) or _abjad(listed)):
        return ""
    if _abjad(asked) and _abjad(listed):
        return ""  # both in the same script: compared as they are
    a, b = consonant_skeleton(asked).split(), consonant_skeleton(listed).split()
    if len(a) != len(b) or len("".join(a)) < 4:
        return ""
    for x, y in zip(a, b, strict=True):
        if x != y and not (min(len(x), len(y)) >= 5 and OSA.distance(x, y) <= 1):
            return ""
    return f"the consonants of '{asked}' and '{listed}' agree"


def _abjad(text: str) -> bool:
    return _ABJAD.search(text) is not None


@lru_cache(maxsize=200_000)
def consonant_skeleton(text: str) -> str:
    """The consonants of a name in Latin letters, doubled letters once."""
    words = []
    for word in re.sub(r"[^a-z ]", "", ascii_text(text).lower().replace("-", " ")).split():
        # Letters that transliterations of one Arabic or Persian letter disagree on.
        word = word.replace("gh", "g").replace("q", "g").replace("kh", "h")
        word = re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyw]", "", word))
        if word:
            words.append(word)
    return " ".join(words)


# --- retrieval ----------------------------------------------------------------------------


def blocking_keys(named: Named) -> set[str]:
    """Keys under which a name is filed for candidate retrieval: two names that could
    match share at least one, so no single word decides (docs/matching.md §5)."""
    keys: set[str] = {f"i:{fmt}:{value}" for fmt, value in named.identifiers}
    person = named.is_person
    for name in (*named.names, *named.weak_names):
        for text, _ in _forms(name, person):
            for analysed in _analysed(text, person):
                keys.update(_name_keys(analysed, person))
        if not person:
            keys.update(f"a:{initials}" for initials in _initials_of(name) if len(initials) >= 3)
            words = [w for w in tokenize_name(ascii_text(name).lower()) if w]
            if len(words) == 1 and 3 <= len(words[0]) <= 8:
                keys.add(f"a:{words[0]}")
        if person:
            keys.update(f"p:{reading}" for reading in _chinese_readings(name))
        if _abjad(name) or person:
            skeleton = consonant_skeleton(name).replace(" ", "")
            if len(skeleton) >= 3:
                keys.add(f"k:{skeleton}")
    return keys


def _chinese_readings(name: str, most: int = 8) -> set[str]:
    """A Chinese name's syllables in pinyin, joined, family name first and last: each
    Wade-Giles spelling read every way it can be (Chang Wei-ming: zhangweiming, ...)."""
    syllables = _chinese_syllables(name)
    if not syllables or len(syllables) > 4:
        return set()
    joined = [""]
    for syllable in syllables:
        joined = [j + r for j in joined for r in sorted(_readings(syllable) or {syllable})][:most]
    rotated = [""]
    for syllable in syllables[-1:] + syllables[:-1]:
        rotated = [j + r for j in rotated for r in sorted(_readings(syllable) or {syllable})][:most]
    return set(joined) | set(rotated)


def _name_keys(name: Name, person: bool) -> Iterable[str]:
    parts = [p for p in name.parts if p.tag != NamePartTag.STOP]
    yield f"j:{''.join(p.comparable for p in parts)}"
    for part in parts:
        if len(part.comparable) >= 2 and not is_stopword(part.comparable):
            yield f"t:{part.comparable}"
            phonetic = part.metaphone or metaphone(part.ascii or "")
            if phonetic and len(phonetic) >= 3:
                yield f"m:{phonetic}"
    # A part's name symbols, at most a few: a short or common part can stand for dozens
    # of names, and each would be a row of the key table.
    symbols: dict[NamePart, list[str]] = {}
    for span in name.spans:
        if span.symbol.category in (SymbolCategory.NAME, SymbolCategory.NICK):
            for part in span.parts:
                if len(part.comparable) >= 3:
                    symbols.setdefault(part, []).append(
                        f"s:{span.symbol.category.value}:{span.symbol.id}"
                    )
    for found in symbols.values():
        yield from sorted(found)[:SYMBOL_KEYS_A_PART]
