"""Labelled evaluation set for watch-list name matching (issue 14).

Builds, from a fixed seed, a synthetic watch list in the form OpenSanctions publishes
(FollowTheMoney entities, one JSON object a line) and labelled queries in the input
format of `manage.py match_names FILE`, with the labels the benchmark needs:

    tests/data/matching/list.jsonl     the watch list: ~1,500 entities and ~300 distractors
    tests/data/matching/queries.jsonl  positives by perturbation class, and hard negatives
    tests/data/matching/README.md      how the set is built, counts, the metric definitions

    .venv/bin/python bench/matching_set.py           # rewrite the three files
    .venv/bin/python bench/matching_set.py --check   # exit 1 if a rebuild differs from disk

Independence: every perturbation is made from tables written in this file (romanisation
systems, legal forms, homoglyphs, keyboard neighbours, name spellings), never with the
matcher's tools (rigour, normality, ICU), so the set does not share the matcher's blind
spots. python-stdnum only double-checks the check digits of the identifiers made here.
Only the standard library builds names, and `random.Random(seed)` is the only randomness:
the same seed gives byte-identical files.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "tests" / "data" / "matching"
SEED = 14  # the issue's number; another seed gives another set, equally valid

CLASSES = (
    "typo",
    "transliteration",
    "word_order",
    "legal_form",
    "acronym",
    "initials",
    "script",
    "homoglyph",
    "shortened",
)
PER_CLASS = 120  # positives per class: about 60 per class in each split
# Hard negatives by kind (all labelled class "negative", expected null).
NEGATIVE_KINDS = {
    "same_family_other_given": 80,
    "chinese_other_syllable": 40,
    "same_given_other_family": 30,
    "initials_other_person": 20,
    "birth_date_differs": 40,
    "shared_word_other_business": 60,
    "parent_or_subsidiary": 50,
    "same_name_other_country": 25,
    "acronym_other_organisation": 15,
}


# --------------------------------------------------------------------------- helpers


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def split_of(query_id: str) -> str:
    """dev or test, by a hash of the id alone: stable whatever else changes in the set."""
    return "dev" if int(digest("split:" + query_id)[:8], 16) % 2 == 0 else "test"


def capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def words_of(table: str) -> list[str]:
    """A table written as whitespace-separated words."""
    return table.split()


def pairs_of(table: str) -> list[tuple[str, str]]:
    """A table written as whitespace-separated `left:right` pairs."""
    return [tuple(item.split(":", 1)) for item in table.split()]  # type: ignore[misc]


def weighted(rng: random.Random, choices: dict[str, float]) -> str:
    return rng.choices(list(choices), weights=list(choices.values()))[0]


# --------------------------------------------------------------------------- identifiers
# Made with valid check digits, so that a matcher which validates identifiers before
# using them as blocking keys keeps them.

LEI_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def lei_check_digits(first18: str) -> str:
    """ISO 17442 check digits (ISO 7064 MOD 97-10): letters count 10..35, and the whole
    number must leave 1 modulo 97."""
    number = int("".join(str(int(char, 36)) for char in first18) + "00")
    return f"{98 - number % 97:02d}"


def make_lei(rng: random.Random, lou: str) -> str:
    """An LEI: the issuing unit's prefix, "00", twelve entity characters, check digits."""
    first18 = lou + "00" + "".join(rng.choice(LEI_CHARS) for _ in range(12))
    return first18 + lei_check_digits(first18)


def make_ogrn(rng: random.Random, region: str) -> str:
    """A Russian OGRN: sign 1, year, region, tax office, record; the check digit is the
    first twelve digits modulo 11, modulo 10."""
    year, office, record = rng.randint(2, 23), rng.randint(1, 99), rng.randint(0, 99999)
    first12 = f"1{year:02d}{region}{office:02d}{record:05d}"
    return first12 + str(int(first12) % 11 % 10)


def make_imo_company(rng: random.Random) -> str:
    """Seven digits valid under both IMO check-digit rules -- the ship rule (weights 7..2,
    mod 10) and the company rule (weights 8,6,4,2,9,7; (11 - sum mod 11) mod 10) -- so
    the number passes whichever rule a reader applies."""
    while True:
        digits = [rng.choice((5, 6))] + [rng.randint(0, 9) for _ in range(5)]
        ship = sum(digit * (7 - i) for i, digit in enumerate(digits)) % 10
        weights = (8, 6, 4, 2, 9, 7)
        company = (11 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 11) % 10
        if ship == company:
            return "".join(map(str, digits)) + str(ship)


def make_uscc(rng: random.Random, division: str) -> str:
    """China's unified social credit code (GB 32100-2015): authority 9, type 1, the
    administrative division, an organisation code with its GB 11714 check character,
    and a check character modulo 31."""
    base = [rng.randint(0, 9) for _ in range(8)]
    org_check = 11 - sum(d * w for d, w in zip(base, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    organisation = "".join(map(str, base)) + {10: "X", 11: "0"}.get(org_check, str(org_check))
    first17 = "91" + division + organisation
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, weights, strict=False))
    return first17 + USCC_CHARS[(31 - total % 31) % 31]


# --------------------------------------------------------------------------- Cyrillic
# Romanisation systems written out as tables: the list uses one system per language
# (BGN/PCGN for Russian, the 2010 national system for Ukrainian); queries of the class
# `transliteration` use the others, as filers and other registers write them.

CYRILLIC_VOWELS = "аеёиоуыэюяіїє"


@dataclass(frozen=True)
class Romanisation:
    """A romanisation of Cyrillic: a letter table and the few context rules that real
    systems have (ye after a vowel, ss between vowels, gu before e/i, endings)."""

    name: str
    letters: dict[str, str]
    word_initial: dict[str, str] = field(default_factory=dict)
    after_vowel: dict[str, str] = field(default_factory=dict)  # also at the word start
    before_vowel: dict[str, str] = field(default_factory=dict)
    between_vowels: dict[str, str] = field(default_factory=dict)
    before_front_vowel: dict[str, str] = field(default_factory=dict)
    endings: dict[str, str] = field(default_factory=dict)
    family_endings: dict[str, str] = field(default_factory=dict)  # Poutine, Prigojine
    clusters: dict[str, str] = field(default_factory=dict)  # two letters as one


RU_BASE = dict(
    pairs_of(
        "а:a б:b в:v г:g д:d е:e ё:e ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s "
        "т:t у:u ф:f х:kh ц:ts ч:ch ш:sh щ:shch ы:y э:e ю:yu я:ya"
    )
) | {"ъ": "", "ь": ""}

RUSSIAN = {
    # BGN/PCGN as US and UK lists write it, without the diacritics: Yevgeniy, Fedor.
    "bgn": Romanisation("bgn", RU_BASE, after_vowel={"е": "ye", "ё": "ye"}),
    # ICAO 9303, Russian passports since 2013: Evgenii, Iurii.
    "icao": Romanisation("icao", RU_BASE | {"й": "i", "ъ": "ie", "ю": "iu", "я": "ia"}),
    # The spelling of English-language news: Yevgeny, Pyotr, Yury.
    "popular": Romanisation(
        "popular",
        RU_BASE | {"ё": "yo"},
        after_vowel={"е": "ye", "ё": "yo"},
        endings={"ий": "y", "ый": "y", "ия": "ia"},
    ),
    # German (Duden): Jewgeni Prigoschin, Wladimir.
    "german": Romanisation(
        "german",
        RU_BASE
        | dict(pairs_of("в:w ё:jo ж:sch з:s й:i х:ch ц:z ч:tsch ш:sch щ:schtsch ю:ju я:ja")),
        after_vowel={"е": "je", "ё": "jo"},
        before_vowel={"й": "j"},
        between_vowels={"с": "ss"},
        endings={"ий": "i", "ый": "y"},
    ),
    # French: Evgueni Prigojine, Sergueï.
    "french": Romanisation(
        "french",
        RU_BASE | dict(pairs_of("ё:io ж:j й:ï у:ou ч:tch ш:ch щ:chtch ю:iou я:ia")),
        between_vowels={"с": "ss"},
        before_front_vowel={"г": "gu"},
        endings={"ий": "i", "ый": "y"},
        family_endings={"ин": "ine"},
    ),
    # The scholarly system, with its diacritics: Evgenij Prigožin.
    "scholarly": Romanisation(
        "scholarly",
        RU_BASE | dict(pairs_of("ё:ë ж:ž й:j х:x ц:c ч:č ш:š щ:šč ь:' э:è ю:ju я:ja")),
    ),
}

UK_BASE = dict(
    pairs_of(
        "а:a б:b в:v г:h ґ:g д:d е:e є:ie ж:zh з:z и:y і:i ї:i й:i к:k л:l м:m н:n о:o "
        "п:p р:r с:s т:t у:u ф:f х:kh ц:ts ч:ch ш:sh щ:shch ю:iu я:ia"
    )
) | {"ь": "", "'": "", "’": "", "ʼ": ""}

UKRAINIAN = {
    # The national system of 2010 (Cabinet resolution 55): Yevhen, Oleksii, Zghurskyi.
    "kmu": Romanisation(
        "kmu",
        UK_BASE,
        word_initial=dict(pairs_of("є:ye ї:yi й:y ю:yu я:ya")),
        clusters={"зг": "zgh"},
    ),
    # BGN/PCGN for Ukrainian: Oleksiy, Zelenskyy.
    "bgn": Romanisation("bgn", UK_BASE | dict(pairs_of("є:ye ї:yi й:y ю:yu я:ya"))),
    # Passports of the 1990s and 2000s: Ievgen, Oleksii.
    "legacy": Romanisation("legacy", UK_BASE | {"г": "g"}),
    # German: Wolodymyr Selenskyj.
    "german": Romanisation(
        "german",
        UK_BASE
        | dict(pairs_of("в:w є:je ж:sch з:s ї:ji й:j х:ch ц:z ч:tsch ш:sch щ:schtsch ю:ju я:ja")),
        between_vowels={"с": "ss"},
    ),
}

CYRILLIC_SYSTEMS = {"ru": RUSSIAN, "uk": UKRAINIAN}


def romanise(text: str, system: Romanisation, family: bool = False) -> str:
    """Romanise Cyrillic text word by word; anything not Cyrillic passes through."""
    pieces = re.split(r"([\s\-«»\"]+)", text)
    return "".join(
        piece if re.fullmatch(r"[\s\-«»\"]*", piece) else _romanise_word(piece, system, family)
        for piece in pieces
    )


def _romanise_word(word: str, system: Romanisation, family: bool) -> str:
    lower = word.lower()
    endings = system.endings | (system.family_endings if family else {})
    stem, tail = lower, ""
    for cyrillic, latin in sorted(endings.items(), key=lambda item: -len(item[0])):
        if lower.endswith(cyrillic) and len(lower) > len(cyrillic):
            stem, tail = lower[: -len(cyrillic)], latin
            break
    out, i = [], 0
    while i < len(stem):
        if lower[i : i + 2] in system.clusters and i + 2 <= len(stem):
            out.append(system.clusters[lower[i : i + 2]])
            i += 2
            continue
        out.append(_romanise_letter(lower, i, system))
        i += 1
    latin = "".join(out) + tail
    if len(word) > 1 and word.isupper():
        return latin.upper()
    return capitalise(latin) if word[:1].isupper() else latin


def _romanise_letter(lower: str, i: int, system: Romanisation) -> str:
    letter = lower[i]
    before = lower[i - 1] if i else ""
    after = lower[i + 1] if i + 1 < len(lower) else ""
    if i == 0 and letter in system.word_initial:
        return system.word_initial[letter]
    if (i == 0 or before in CYRILLIC_VOWELS + "ъь'’") and letter in system.after_vowel:
        return system.after_vowel[letter]
    between = before and after and before in CYRILLIC_VOWELS and after in CYRILLIC_VOWELS
    if between and letter in system.between_vowels:
        return system.between_vowels[letter]
    if after and after in CYRILLIC_VOWELS and letter in system.before_vowel:
        return system.before_vowel[letter]
    if after and after in "еиэ" and letter in system.before_front_vowel:
        return system.before_front_vowel[letter]
    return system.letters.get(letter, letter)


# --------------------------------------------------------------------------- Greek
# ELOT 743 (Greek passports) for the list; a phonetic spelling (Hristos, Ikonomou,
# Yeorgios) and the classical one (Demetrios, Stephanos, Basileios) for queries.

GREEK_VOWELS = "αεηιουω"
GREEK_VOICED = "βγδζλμνρ" + GREEK_VOWELS
GREEK_LETTERS = dict(
    pairs_of(
        "α:a β:v γ:g δ:d ε:e ζ:z η:i θ:th ι:i κ:k λ:l μ:m ν:n ξ:x ο:o π:p ρ:r σ:s ς:s "
        "τ:t υ:y φ:f χ:ch ψ:ps ω:o"
    )
)


@dataclass(frozen=True)
class GreekSystem:
    name: str
    letters: dict[str, str]
    vowel_pairs: dict[str, str]
    # Nasal clusters: (at the start of a word, inside it).
    clusters: dict[str, tuple[str, str]]
    classical_u: bool = False  # αυ, ευ as au, eu rather than av/af, ev/ef
    soft_gamma: bool = False  # γ before e and i sounds as y (Yeorgios, Bakoyannis)


GREEK = {
    "elot": GreekSystem(
        "elot",
        GREEK_LETTERS,
        dict(pairs_of("ου:ou αι:ai ει:ei οι:oi υι:yi")),
        {"μπ": ("b", "mp"), "ντ": ("nt", "nt"), "γκ": ("gk", "gk"), "γγ": ("ng", "ng")},
    ),
    "phonetic": GreekSystem(
        "phonetic",
        GREEK_LETTERS | {"υ": "i", "χ": "h"},
        dict(pairs_of("ου:ou αι:e ει:i οι:i υι:i")),
        {"μπ": ("b", "mb"), "ντ": ("d", "nd"), "γκ": ("g", "ng"), "γγ": ("ng", "ng")},
        soft_gamma=True,
    ),
    "classical": GreekSystem(
        "classical",
        GREEK_LETTERS | {"β": "b", "η": "e", "φ": "ph"},
        dict(pairs_of("ου:ou αι:ai ει:ei οι:oi υι:yi")),
        {"μπ": ("b", "mp"), "ντ": ("d", "nt"), "γκ": ("g", "nk"), "γγ": ("ng", "ng")},
        classical_u=True,
    ),
}


def greek_letters(word: str) -> list[tuple[str, bool]]:
    """The base letters of a Greek word, each with whether it carries a diaeresis
    (which keeps it out of a digraph: Αϊ is a-i, not ai)."""
    letters: list[tuple[str, bool]] = []
    for char in unicodedata.normalize("NFD", word.lower()):
        if unicodedata.combining(char):
            if char == "\u0308" and letters:
                letters[-1] = (letters[-1][0], True)
            continue
        letters.append((char, False))
    return letters


def greek_to_latin(word: str, system: GreekSystem) -> str:
    letters = greek_letters(word)
    out, i = [], 0
    while i < len(letters):
        letter = letters[i][0]
        following = letters[i + 1][0] if i + 1 < len(letters) else ""
        after_pair = letters[i + 2][0] if i + 2 < len(letters) else ""
        pair = letter + following if i + 1 < len(letters) and not letters[i + 1][1] else ""
        if pair in ("αυ", "ευ", "ηυ"):
            out.append(_greek_u_diphthong(pair, after_pair, system))
            i += 2
        elif pair in system.vowel_pairs:
            out.append(system.vowel_pairs[pair])
            i += 2
        elif pair in system.clusters:
            out.append(system.clusters[pair][0 if i == 0 else 1])
            i += 2
        elif system.soft_gamma and letter == "γ" and soft_gamma_at(letters, i):
            # γε, γι: a y sound; in για, γιω after a vowel the iota only softens the gamma
            glide = following == "ι" and after_pair and after_pair in "αεοουω"
            out.append("y")
            i += 2 if glide else 1
        else:
            out.append(system.letters.get(letter, letter))
            i += 1
    return capitalise("".join(out))


def soft_gamma_at(letters: list[tuple[str, bool]], i: int) -> bool:
    """γ before e or i sounds, at the start of a word or after a vowel (Yeoryios' first
    gamma, Bakoyannis), is written y in the phonetic spelling."""
    following = letters[i + 1][0] if i + 1 < len(letters) else ""
    before = letters[i - 1][0] if i else ""
    return bool(following) and following in "εηιυ" and (not before or before in GREEK_VOWELS)


def _greek_u_diphthong(pair: str, following: str, system: GreekSystem) -> str:
    first = system.letters[pair[0]]
    if system.classical_u:
        return first + "u"
    # v before a vowel or a voiced consonant, f before a voiceless one or at the end
    return first + ("v" if following and following in GREEK_VOICED else "f")


# --------------------------------------------------------------------------- Chinese
# Pinyin for the list; Wade-Giles (with and without its apostrophes and umlauts) for
# queries, derived syllable by syllable from the pinyin by the rules below.

PINYIN_INITIALS = words_of("zh ch sh b p m f d t n l g k h j q x r z c s y w")  # longest first
WADE_GILES_INITIALS = dict(
    pairs_of("b:p p:p' m:m f:f d:t t:t' n:n l:l g:k k:k' h:h j:ch q:ch' x:hs zh:ch ch:ch' sh:sh")
) | dict(pairs_of("r:j z:ts c:ts' s:s y:y w:w"))
WADE_GILES_WHOLE = dict(
    pairs_of(
        "zi:tzu ci:tz'u si:ssu zhi:chih chi:ch'ih shi:shih ri:jih er:erh you:yu yi:i "
        "yan:yen ye:yeh yong:yung yu:yü yue:yüeh yuan:yüan yun:yün guo:kuo kuo:k'uo "
        "huo:huo shuo:shuo e:o"
    )
)


def wade_giles_syllable(pinyin: str) -> str:
    if pinyin in WADE_GILES_WHOLE:
        return WADE_GILES_WHOLE[pinyin]
    initial = next((i for i in PINYIN_INITIALS if pinyin.startswith(i)), "")
    final = pinyin[len(initial) :]
    if initial in ("j", "q", "x") and final.startswith("u"):
        final = "ü" + final[1:]  # ju, xue, quan: the u is ü after j, q, x
    final = {"ong": "ung", "iong": "iung", "ian": "ien"}.get(final, final)
    if final in ("ie", "üe"):
        final += "h"
    elif final == "ui" and initial in ("g", "k"):
        final = "uei"
    elif (final == "uo" and initial not in ("g", "k", "h", "sh")) or (
        final == "e" and initial in ("g", "k", "h")
    ):
        final = "o"  # duo -> to, ge -> ko
    return WADE_GILES_INITIALS.get(initial, "") + final


def pinyin_given(syllables: Iterable[str]) -> str:
    """Pinyin syllables written as one word, with the apostrophe before a, e, o."""
    out = ""
    for syllable in syllables:
        out += ("'" if out and syllable[0] in "aeo" else "") + syllable
    return capitalise(out)


def wade_giles_given(syllables: Iterable[str], plain: bool = False) -> str:
    written = "-".join(wade_giles_syllable(s) for s in syllables)
    if plain:
        written = written.replace("'", "").replace("ü", "u")
    return capitalise(written)


# --------------------------------------------------------------------------- Korean
# Family names as South Korean passports write them (Kim, Lee, Park) for the list; the
# strict Revised Romanisation (Gim, I, Bak) and McCune-Reischauer (with and without its
# breves and apostrophes) for queries.

# hangul:popular:revised:mccune-reischauer
KOREAN_FAMILY = [
    tuple(entry.split(":"))
    for entry in words_of(
        "김:Kim:Gim:Kim 이:Lee:I:Yi 박:Park:Bak:Pak 최:Choi:Choe:Ch'oe 정:Jung:Jeong:Chŏng "
        "강:Kang:Gang:Kang 조:Cho:Jo:Cho 윤:Yoon:Yun:Yun 장:Jang:Jang:Chang 임:Lim:Im:Im "
        "한:Han:Han:Han 오:Oh:O:O 서:Seo:Seo:Sŏ 신:Shin:Sin:Sin 권:Kwon:Gwon:Kwŏn "
        "황:Hwang:Hwang:Hwang 안:Ahn:An:An 송:Song:Song:Song 류:Ryu:Ryu:Yu 홍:Hong:Hong:Hong "
        "전:Jeon:Jeon:Chŏn 고:Ko:Go:Ko 문:Moon:Mun:Mun 손:Son:Son:Son 배:Bae:Bae:Pae "
        "백:Baek:Baek:Paek 허:Heo:Heo:Hŏ 남:Nam:Nam:Nam 노:Noh:No:No 곽:Kwak:Gwak:Kwak "
        "성:Sung:Seong:Sŏng 차:Cha:Cha:Ch'a 주:Joo:Ju:Chu 우:Woo:U:U 구:Koo:Gu:Ku "
        "진:Jin:Jin:Chin 지:Ji:Ji:Chi 엄:Eom:Eom:Ŏm 채:Chae:Chae:Ch'ae 원:Won:Won:Wŏn "
        "천:Cheon:Cheon:Ch'ŏn 방:Bang:Bang:Pang 공:Kong:Gong:Kong 현:Hyun:Hyeon:Hyŏn "
        "변:Byun:Byeon:Pyŏn 염:Yeom:Yeom:Yŏm 추:Choo:Chu:Ch'u 도:Do:Do:To 석:Seok:Seok:Sŏk "
        "탁:Tak:Tak:T'ak 국:Kook:Guk:Kuk 금:Keum:Geum:Kŭm 육:Yook:Yuk:Yuk"
    )
]
# hangul:revised:mccune-reischauer (word-initial form)
KOREAN_SYLLABLES = [
    tuple(entry.split(":"))
    for entry in words_of(
        "민:min:min 준:jun:chun 서:seo:sŏ 현:hyeon:hyŏn 우:u:u 지:ji:chi 호:ho:ho "
        "성:seong:sŏng 영:yeong:yŏng 수:su:su 진:jin:chin 동:dong:tong 철:cheol:ch'ŏl "
        "정:jeong:chŏng 재:jae:chae 희:hui:hŭi 은:eun:ŭn 혜:hye:hye 상:sang:sang "
        "태:tae:t'ae 경:gyeong:kyŏng 광:gwang:kwang 석:seok:sŏk 용:yong:yong 기:gi:ki "
        "남:nam:nam 일:il:il 명:myeong:myŏng 훈:hun:hun 한:han:han 주:ju:chu 하:ha:ha "
        "윤:yun:yun 연:yeon:yŏn 승:seung:sŭng 원:won:wŏn 혁:hyeok:hyŏk 범:beom:pŏm "
        "규:gyu:kyu 빈:bin:pin 도:do:to 순:sun:sun 숙:suk:suk 미:mi:mi 국:guk:kuk "
        "학:hak:hak 창:chang:ch'ang 만:man:man 복:bok:pok 덕:deok:tŏk 근:geun:kŭn "
        "길:gil:kil 룡:ryong:ryong"
    )
]
MR_VOICING = {"k": "g", "t": "d", "p": "b", "ch": "j"}


def mccune_reischauer_given(syllables: list[str], plain: bool) -> str:
    """Given-name syllables in McCune-Reischauer: after a vowel or n, m, ng, l the next
    syllable's plain k, t, p, ch are voiced (Tae-jung, Chae-gi); plain drops the breves
    and apostrophes, as most people who use the system do."""
    written = [syllables[0]]
    for previous, syllable in itertools.pairwise(syllables):
        for unvoiced, voiced in sorted(MR_VOICING.items(), key=lambda item: -len(item[0])):
            aspirated = syllable[len(unvoiced) : len(unvoiced) + 1] == "'"
            if syllable.startswith(unvoiced) and not aspirated and previous[-1] in "aeiouŏŭnmlg":
                syllable = voiced + syllable[len(unvoiced) :]
                break
        written.append(syllable)
    text = capitalise("-".join(written))
    return fold_marks(text.replace("'", "")) if plain else text


def fold_marks(text: str) -> str:
    """Text without its combining marks (ŏ -> o, é -> e)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


# --------------------------------------------------------------------------- name tables
# Written for this set. The first spelling of an Arabic, Persian or Hebrew name is the
# one the list uses; the others are the variants a filer might type.

RU_MALE = pairs_of(
    "Александр:Александрович Алексей:Алексеевич Андрей:Андреевич Анатолий:Анатольевич "
    "Аркадий:Аркадьевич Борис:Борисович Вадим:Вадимович Валентин:Валентинович "
    "Валерий:Валерьевич Василий:Васильевич Виктор:Викторович Виталий:Витальевич "
    "Владимир:Владимирович Владислав:Владиславович Вячеслав:Вячеславович "
    "Геннадий:Геннадьевич Георгий:Георгиевич Герман:Германович Глеб:Глебович "
    "Григорий:Григорьевич Дмитрий:Дмитриевич Денис:Денисович Евгений:Евгеньевич "
    "Иван:Иванович Игорь:Игоревич Илья:Ильич Кирилл:Кириллович Константин:Константинович "
    "Леонид:Леонидович Максим:Максимович Михаил:Михайлович Никита:Никитич "
    "Николай:Николаевич Олег:Олегович Павел:Павлович Пётр:Петрович Роман:Романович "
    "Сергей:Сергеевич Станислав:Станиславович Степан:Степанович Тимур:Тимурович "
    "Фёдор:Фёдорович Юрий:Юрьевич Яков:Яковлевич Эдуард:Эдуардович Ярослав:Ярославович "
    "Семён:Семёнович Арсений:Арсеньевич Матвей:Матвеевич Всеволод:Всеволодович"
)
RU_FEMALE = words_of(
    "Анна Алла Вера Галина Екатерина Елена Ирина Людмила Марина Мария Наталья Нина Ольга "
    "Светлана Татьяна Юлия Ксения Дарья Полина Евгения Валентина Лариса Оксана Алёна Жанна"
)
RU_FAMILY = words_of(
    "Иванов Петров Смирнов Кузнецов Попов Васильев Соколов Михайлов Новиков Фёдоров "
    "Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов "
    "Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов "
    "Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин "
    "Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков "
    "Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев "
    "Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов "
    "Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов "
    "Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов Родионов Коновалов "
    "Лазарев Воронин Климов Филатов Пономарёв Голубев Кудрявцев Прохоров Наумов Потапов "
    "Журавлёв Овчинников Трофимов Леонов Соболев Ермаков Колесников Гончаров Емельянов "
    "Никифоров Грачёв Котов Гришин Ефремов Архипов Громов Кириллов Малышев Панов Моисеев "
    "Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов Ерёмин Тихомиров Галкин "
    "Лукьянов Михеев Скворцов Юдин Белоусов Нестеров Симонов Прокофьев Харитонов Князев "
    "Цветков Левин Митрофанов Аксёнов Мальцев Логинов Горшков Савин Краснов Майоров "
    "Демидов Елисеев Рыбаков Сафонов Плотников Хохлов Жданов Ширяев Шубин Якушев Шестаков "
    "Зуев Щукин Русаков Вишневский Покровский Успенский Троицкий Яновский Жуковский "
    "Островский Каменский Черных Седых Долгих Белых Толстой Трубецкой Юсупов Ежов "
    "Хабибуллин Ахметов Гарипов Шарипов Юдашкин Чижов Щеглов Ёлкин"
)
UK_MALE = pairs_of(
    "Олександр:Олександрович Володимир:Володимирович Петро:Петрович Андрій:Андрійович "
    "Євген:Євгенович Сергій:Сергійович Віталій:Віталійович Олег:Олегович Юрій:Юрійович "
    "Микола:Миколайович Іван:Іванович Василь:Васильович Дмитро:Дмитрович Тарас:Тарасович "
    "Богдан:Богданович Ігор:Ігорович Михайло:Михайлович Степан:Степанович "
    "Ярослав:Ярославович Віктор:Вікторович Павло:Павлович Григорій:Григорович "
    "Анатолій:Анатолійович Олексій:Олексійович Костянтин:Костянтинович Вадим:Вадимович "
    "Руслан:Русланович Роман:Романович Федір:Федорович Ілля:Ілліч Юліан:Юліанович"
)
UK_FEMALE = words_of(
    "Олена Ольга Наталія Тетяна Юлія Ірина Оксана Світлана Людмила Галина Марія Катерина "
    "Анастасія Вікторія Христина Євгенія Ярослава"
)
UK_FAMILY = words_of(
    "Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Шевчук Поліщук Бойко Мельник "
    "Коваль Ковальчук Марченко Лисенко Руденко Савченко Петренко Мороз Кравчук Павленко "
    "Левченко Гнатюк Грищенко Кузьменко Ярошенко Литвиненко Зінченко Гончаренко "
    "Пономаренко Кушнір Яковенко Мірошниченко Гаврилюк Клименко Вакуленко Дорошенко "
    "Семенюк Іваненко Костенко Приходько Стельмах Гуменюк Ковальський Вишневський "
    "Яворський Луцький Зозуля Юрченко Єрмоленко Щербак Жук Горбань Хоменко Чорновол "
    "Згурський Їжак"
)

ZH_FAMILY = pairs_of(
    "王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu 周:zhou 徐:xu "
    "孙:sun 马:ma 朱:zhu 胡:hu 郭:guo 何:he 高:gao 林:lin 罗:luo 郑:zheng 梁:liang 谢:xie "
    "宋:song 唐:tang 韩:han 冯:feng 邓:deng 曹:cao 彭:peng 曾:zeng 肖:xiao 田:tian 董:dong "
    "潘:pan 袁:yuan 蔡:cai 蒋:jiang 余:yu 杜:du 叶:ye 程:cheng 魏:wei 苏:su 丁:ding 任:ren "
    "卢:lu 姚:yao 沈:shen 钟:zhong 崔:cui 谭:tan 范:fan 廖:liao 石:shi 金:jin 贾:jia "
    "夏:xia 方:fang 邹:zou 熊:xiong 白:bai 孟:meng 秦:qin 邱:qiu 侯:hou 尹:yin 薛:xue "
    "段:duan 雷:lei 龙:long 陶:tao 毛:mao 郝:hao 顾:gu 龚:gong 邵:shao 万:wan 钱:qian "
    "戴:dai 严:yan 孔:kong 常:chang 温:wen 康:kang"
)
ZH_GIVEN = pairs_of(
    "伟:wei 明:ming 平:ping 国:guo 华:hua 建:jian 军:jun 文:wen 志:zhi 强:qiang 海:hai "
    "东:dong 林:lin 红:hong 英:ying 芳:fang 丽:li 敏:min 静:jing 秀:xiu 玉:yu 兰:lan "
    "春:chun 晓:xiao 亮:liang 涛:tao 斌:bin 波:bo 辉:hui 刚:gang 勇:yong 毅:yi 峰:feng "
    "磊:lei 超:chao 杰:jie 鹏:peng 飞:fei 龙:long 成:cheng 德:de 清:qing 新:xin 忠:zhong "
    "庆:qing 立:li 荣:rong 嘉:jia 振:zhen 泽:ze 宇:yu 浩:hao 然:ran 子:zi 思:si 远:yuan "
    "凯:kai 琦:qi 燕:yan 霞:xia 雪:xue 娟:juan 慧:hui 婷:ting 梅:mei 玲:ling 瑞:rui "
    "学:xue 良:liang 顺:shun 翔:xiang 松:song 民:min 生:sheng 中:zhong 天:tian 云:yun "
    "长:chang 金:jin 世:shi 光:guang 胜:sheng 祥:xiang 福:fu 贵:gui 勤:qin 冬:dong "
    "卫:wei 少:shao 才:cai 仁:ren 晨:chen 朝:chao 炳:bing 耀:yao 坤:kun 昌:chang 汉:han "
    "鑫:xin 睿:rui 博:bo 若:ruo 恩:en 安:an 永:yong 宏:hong 俊:jun 洪:hong"
)

AR_GIVEN_MALE = [
    ("محمد", "Mohammed Muhammad Mohamed Mohammad Mohamad"),
    ("أحمد", "Ahmed Ahmad"),
    ("علي", "Ali"),
    ("حسن", "Hassan Hasan"),
    ("حسين", "Hussein Hussain Husayn Husein"),
    ("عبد الله", "Abdullah Abdallah Abdulla"),
    ("عبد الرحمن", "Abdulrahman Abdelrahman Abdurrahman Abdalrahman"),
    ("عبد العزيز", "Abdulaziz Abdelaziz Abdalaziz"),
    ("عبد الكريم", "Abdulkarim Abdelkarim Abdalkarim"),
    ("خالد", "Khaled Khalid"),
    ("عمر", "Omar Umar"),
    ("يوسف", "Youssef Yusuf Yousef Yousif"),
    ("إبراهيم", "Ibrahim Ebrahim Ibraheem"),
    ("سعيد", "Saeed Said Saïd"),
    ("سليمان", "Suleiman Sulaiman Sulayman Soliman"),
    ("مصطفى", "Mustafa Moustafa Mostafa"),
    ("محمود", "Mahmoud Mahmud Mahmood"),
    ("جمال", "Jamal Gamal"),
    ("ناصر", "Nasser Nasir Naser"),
    ("فيصل", "Faisal Faysal Feisal"),
    ("طارق", "Tariq Tarek Tarik"),
    ("عادل", "Adel Adil"),
    ("كريم", "Karim Kareem"),
    ("هشام", "Hisham Hicham Hesham"),
    ("رشيد", "Rashid Rachid Rasheed"),
    ("منصور", "Mansour Mansur Mansoor"),
    ("ماجد", "Majid Majed Maged"),
    ("وليد", "Walid Waleed"),
    ("زياد", "Ziad Ziyad"),
    ("يحيى", "Yahya Yahia"),
    ("عيسى", "Issa Isa Eissa"),
    ("موسى", "Moussa Musa Mousa"),
    ("جعفر", "Jaafar Jafar"),
    ("قاسم", "Qasim Kassem Qassem Kasim"),
    ("حمد", "Hamad"),
    ("سلمان", "Salman Selman"),
    ("بشير", "Bashir Bachir Basheer"),
    ("رامي", "Rami Ramy"),
    ("هاني", "Hani Hany"),
    ("أسامة", "Osama Usama Oussama"),
    ("عماد", "Imad Emad"),
    ("نبيل", "Nabil Nabeel"),
    ("فارس", "Fares Faris"),
    ("صالح", "Saleh Salih"),
    ("عثمان", "Othman Uthman"),
]
AR_GIVEN_FEMALE = [
    ("فاطمة", "Fatima Fatma Fatimah"),
    ("عائشة", "Aisha Aicha Ayesha"),
    ("مريم", "Maryam Mariam Meriem"),
    ("زينب", "Zainab Zeinab Zaynab"),
    ("خديجة", "Khadija Khadijah Khadiga"),
    ("ليلى", "Layla Leila Laila"),
    ("نور", "Nour Noor Nur"),
    ("هدى", "Huda Hoda"),
    ("رانيا", "Rania Ranya"),
    ("سلمى", "Salma Selma"),
]
AR_FAMILY = [
    ("العتيبي", "Al-Otaibi Alotaibi Al-Utaybi El-Otaibi"),
    ("الشمري", "Al-Shammari Alshammari Al-Shamari"),
    ("الزهراني", "Al-Zahrani Alzahrani Az-Zahrani"),
    ("الهاشمي", "Al-Hashimi Al-Hashemi Alhashimi El-Hachimi"),
    ("المصري", "Al-Masri El-Masry Al-Misri Elmasry"),
    ("حداد", "Haddad Hadad"),
    ("خوري", "Khoury Khouri Khuri"),
    ("الحسيني", "Al-Husseini Al-Husaini El-Husseini"),
    ("حجازي", "Hegazy Hijazi Higazi"),
    ("الجابري", "Al-Jabri Al-Jaberi Aljabri"),
    ("الكبيسي", "Al-Kubaisi Al-Kubaisy Alkubaisi"),
    ("التميمي", "Al-Tamimi Altamimi At-Tamimi"),
    ("الدوري", "Al-Douri Al-Duri Aldouri"),
    ("الغامدي", "Al-Ghamdi Alghamdi"),
    ("السويدي", "Al-Suwaidi Alsuwaidi Al-Swaidi"),
    ("البدوي", "Al-Badawi El-Badawy Elbadawi"),
    ("الشريف", "Al-Sharif El-Sherif Al-Shareef Alsharif"),
    ("القحطاني", "Al-Qahtani Al-Kahtani Alqahtani Al-Gahtani"),
    ("الدوسري", "Al-Dosari Al-Dossary Aldosari Al-Dawsari"),
    ("المالكي", "Al-Maliki Al-Malki Almaliki"),
    ("الخطيب", "Al-Khatib El-Khatib Alkhatib Al-Khateeb"),
    ("النجار", "Al-Najjar El-Naggar Alnajjar Al-Najar"),
    ("الساعدي", "Al-Saadi Al-Saedi Alsaadi"),
    ("الربيعي", "Al-Rubaie Al-Rubaiy Alrubaie Al-Rubaye"),
    ("الجبوري", "Al-Jubouri Al-Juburi Aljubouri Al-Jibouri"),
    ("العبيدي", "Al-Obaidi Al-Ubaydi Alobaidi Al-Obeidi"),
    ("نصر الله", "Nasrallah Nasrullah"),
    ("الأحمد", "Al-Ahmad Al-Ahmed Alahmad"),
    ("الراشد", "Al-Rashid Al-Rasheed Alrashed"),
    ("الكعبي", "Al-Kaabi Alkaabi"),
    ("المهيري", "Al-Muhairi Al-Mheiri Almuhairi"),
    ("الفلاسي", "Al-Falasi Alfalasi"),
    ("العنزي", "Al-Anazi Al-Enezi Alanazi Al-Anzi"),
    ("الحربي", "Al-Harbi Alharbi"),
    ("المطيري", "Al-Mutairi Al-Mutayri Almutairi"),
    ("الشهري", "Al-Shehri Al-Shahri Alshehri"),
    ("اليماني", "Al-Yamani Al-Yemeni Alyamani"),
    ("البزاز", "Al-Bazzaz Al-Bazaz Albazzaz"),
    ("الطائي", "Al-Tai At-Taie Altaie"),
    ("العاني", "Al-Ani Alani"),
]
NASAB = ("بن", "bin ibn")  # "son of", between a given name and the father's name

FA_GIVEN_MALE = [
    ("محمدرضا", "Mohammadreza Mohammad-Reza Muhammadreza"),
    ("حسین", "Hossein Hosein Hussein Hosseyn"),
    ("علی", "Ali"),
    ("رضا", "Reza Riza"),
    ("مهدی", "Mehdi Mahdi"),
    ("قاسم", "Ghasem Qasem Qassem"),
    ("سعید", "Saeed Said Saied"),
    ("مجتبی", "Mojtaba Mujtaba"),
    ("حسن", "Hassan Hasan"),
    ("عباس", "Abbas"),
    ("امیر", "Amir"),
    ("پرویز", "Parviz Parvis Parwiz"),
    ("جواد", "Javad Jawad"),
    ("محسن", "Mohsen Mohsin"),
    ("فرهاد", "Farhad"),
    ("داوود", "Davoud Davood Dawood Davud"),
    ("مرتضی", "Morteza Murtaza Mortaza"),
    ("محمد", "Mohammad Mohammed Mohamad Muhammad"),
    ("احمد", "Ahmad Ahmed"),
    ("حمید", "Hamid Hameed"),
    ("مسعود", "Masoud Masood Masud"),
    ("بهروز", "Behrouz Behrooz Behruz"),
    ("کاظم", "Kazem Kazim"),
    ("ابراهیم", "Ebrahim Ibrahim"),
    ("اسماعیل", "Esmaeil Esmail Ismail Esmaeel"),
    ("غلامرضا", "Gholamreza Gholam-Reza Qolamreza"),
    ("بهزاد", "Behzad"),
    ("مجید", "Majid Madjid"),
    ("منوچهر", "Manouchehr Manuchehr Manoochehr"),
]
FA_GIVEN_FEMALE = [
    ("فاطمه", "Fatemeh Fatemah Fatima"),
    ("زهرا", "Zahra Zahraa"),
    ("مریم", "Maryam Mariam"),
    ("معصومه", "Masoumeh Masumeh Massoumeh"),
    ("شیرین", "Shirin Chirine"),
    ("نسرین", "Nasrin Nasreen"),
    ("مهناز", "Mahnaz"),
    ("پروین", "Parvin Parveen"),
]
FA_FAMILY = [
    ("سلیمانی", "Soleimani Suleimani Solaimani Soleymani"),
    ("رضایی", "Rezaei Rezaie Rezai Rezaee"),
    ("احمدی", "Ahmadi"),
    ("حسینی", "Hosseini Husseini Hoseini Hosseyni"),
    ("کریمی", "Karimi"),
    ("موسوی", "Mousavi Musavi Moussavi Moosavi"),
    ("جعفری", "Jafari Jaafari Jafary"),
    ("رحیمی", "Rahimi"),
    ("صادقی", "Sadeghi Sadeqi Sadegi"),
    ("نوری", "Nouri Nuri Noori"),
    ("قاسمی", "Ghasemi Qasemi Ghassemi"),
    ("تهرانی", "Tehrani"),
    ("شیرازی", "Shirazi"),
    ("اصفهانی", "Esfahani Isfahani"),
    ("محمدی", "Mohammadi Mohamadi Muhammadi"),
    ("حسن‌زاده", "Hassanzadeh Hasanzadeh Hassan-Zadeh"),
    ("طباطبایی", "Tabatabaei Tabatabai Tabatabaee"),
    ("باقری", "Bagheri Baqeri Bakeri"),
    ("نجفی", "Najafi"),
    ("قربانی", "Ghorbani Qorbani Ghurbani"),
    ("اکبری", "Akbari"),
    ("کاظمی", "Kazemi Kazimi"),
    ("امینی", "Amini"),
    ("یزدانی", "Yazdani"),
    ("زارعی", "Zarei Zareie Zarehi"),
    ("شریفی", "Sharifi"),
    ("خسروی", "Khosravi Khosrawi"),
    ("رستمی", "Rostami Rustami"),
    ("طاهری", "Taheri"),
    ("وحیدی", "Vahidi Wahidi"),
    ("منصوری", "Mansouri Mansuri"),
    ("ابراهیمی", "Ebrahimi Ibrahimi"),
    ("حیدری", "Heidari Haidari Heydari"),
    ("قالیباف", "Ghalibaf Qalibaf Ghalibaaf"),
    ("شمخانی", "Shamkhani Shamkhany"),
    ("لاریجانی", "Larijani Laridjani"),
]

HE_GIVEN_MALE = [
    ("יצחק", "Yitzhak Itzhak Yitzchak Itzchak"),
    ("משה", "Moshe Mosheh"),
    ("אברהם", "Avraham Abraham Avrohom"),
    ("יעקב", "Yaakov Yakov Jaakov"),
    ("שמואל", "Shmuel Schmuel"),
    ("דוד", "David Dovid"),
    ("חיים", "Chaim Haim Khaim Hayim"),
    ("מנחם", "Menachem Menahem Menakhem"),
    ("אליהו", "Eliyahu Eliahu"),
    ("בנימין", "Binyamin Benyamin Binjamin"),
    ("נתן", "Natan Nathan"),
    ("שלמה", "Shlomo Schlomo Shelomo"),
    ("יוסף", "Yosef Yossef Josef"),
    ("אהרון", "Aharon Aaron Aron"),
    ("ראובן", "Reuven Reuben Ruven"),
    ("גדעון", "Gideon Gidon"),
    ("אהוד", "Ehud"),
    ("יהודה", "Yehuda Yehudah Jehuda"),
    ("דניאל", "Daniel"),
    ("אריה", "Arie Aryeh Arye"),
    ("צבי", "Tzvi Zvi Tsvi Zwi"),
    ("שמעון", "Shimon Schimon"),
    ("יונתן", "Yonatan Jonatan"),
    ("רפאל", "Refael Rafael Raphael"),
    ("מרדכי", "Mordechai Mordekhai Mordecai"),
    ("יגאל", "Yigal Yigael Igal"),
    ("אבנר", "Avner Abner"),
    ("זאב", "Zeev Seev"),
    ("נחום", "Nachum Nahum"),
    ("אפרים", "Efraim Ephraim Efrayim"),
]
HE_GIVEN_FEMALE = [
    ("שרה", "Sara Sarah"),
    ("רחל", "Rachel Rahel Rakhel"),
    ("לאה", "Leah Lea"),
    ("מרים", "Miriam Miryam"),
    ("אסתר", "Esther Ester"),
    ("חנה", "Chana Hana Hannah Khana"),
    ("רבקה", "Rivka Rivkah"),
    ("יעל", "Yael Jael"),
    ("מיכל", "Michal Mikhal"),
]
HE_FAMILY = [
    ("כהן", "Cohen Kohen Cohn"),
    ("לוי", "Levi Levy"),
    ("מזרחי", "Mizrahi Mizrachi Misrahi"),
    ("פרץ", "Peretz Perets"),
    ("ביטון", "Biton Bitton"),
    ("דהן", "Dahan"),
    ("פרידמן", "Friedman Fridman Friedmann"),
    ("שפירא", "Shapira Shapiro Schapira"),
    ("גולדברג", "Goldberg"),
    ("רוזנברג", "Rosenberg Rozenberg"),
    ("כץ", "Katz Kats"),
    ("אזולאי", "Azoulay Azulai Azoulai Azulay"),
    ("אשכנזי", "Ashkenazi Ashkenazy"),
    ("סגל", "Segal Segel"),
    ("שטרן", "Stern Shtern"),
    ("הורוביץ", "Horowitz Horovitz Hurwitz"),
    ("גבאי", "Gabay Gabbai Gabai"),
    ("אוחיון", "Ohayon Ohion Ohayoun"),
    ("חדד", "Hadad Chadad"),
    ("בוזגלו", "Buzaglo Bouzaglo"),
    ("ברק", "Barak"),
    ("אלמוג", "Almog"),
    ("שחר", "Shahar Shachar"),
    ("חזן", "Hazan Chazan Hazzan Khazan"),
    ("קליין", "Klein Kleyn"),
    ("רבינוביץ", "Rabinovich Rabinowitz Rabinovitz"),
    ("ליברמן", "Lieberman Liberman Liebermann"),
    ("וייס", "Weiss Vais"),
    ("עמר", "Amar Ammar"),
    ("נחמיאס", "Nachmias Nahmias"),
    ("זילברמן", "Silberman Zilberman"),
    ("טננבאום", "Tenenbaum Tannenbaum Tenenboim"),
]

EL_GIVEN_MALE = words_of(
    "Γεώργιος Κωνσταντίνος Δημήτριος Ιωάννης Νικόλαος Παναγιώτης Βασίλειος Χρήστος "
    "Αθανάσιος Μιχαήλ Ευάγγελος Σπυρίδων Αντώνιος Αναστάσιος Θεόδωρος Ανδρέας Ηλίας "
    "Σταύρος Εμμανουήλ Παύλος Αλέξανδρος Φώτιος Κυριάκος Στέφανος Χαράλαμπος Ευστάθιος "
    "Θεμιστοκλής Περικλής Λεωνίδας Άγγελος Στυλιανός Χριστόφορος"
)
EL_GIVEN_FEMALE = words_of(
    "Μαρία Ελένη Αικατερίνη Βασιλική Σοφία Αγγελική Γεωργία Δήμητρα Ειρήνη Χριστίνα "
    "Ευαγγελία Αναστασία Παναγιώτα Ευφροσύνη Θεοδώρα"
)
EL_FAMILY = pairs_of(  # male:female
    "Παπαδόπουλος:Παπαδοπούλου Παπαδάκης:Παπαδάκη Οικονόμου:Οικονόμου Γεωργίου:Γεωργίου "
    "Δημητρίου:Δημητρίου Νικολάου:Νικολάου Ιωάννου:Ιωάννου Παπανικολάου:Παπανικολάου "
    "Βασιλείου:Βασιλείου Κωνσταντίνου:Κωνσταντίνου Αθανασίου:Αθανασίου "
    "Χριστοδούλου:Χριστοδούλου Πετρόπουλος:Πετροπούλου Αντωνίου:Αντωνίου "
    "Καραγιάννης:Καραγιάννη Μακρής:Μακρή Παππάς:Παππά Λαμπράκης:Λαμπράκη "
    "Σταυρόπουλος:Σταυροπούλου Κουτσούκος:Κουτσούκου Μαυρίδης:Μαυρίδου Αλεξίου:Αλεξίου "
    "Ζαχαρίου:Ζαχαρίου Ραπτόπουλος:Ραπτοπούλου Χατζηδάκης:Χατζηδάκη "
    "Κυριακόπουλος:Κυριακοπούλου Ξενάκης:Ξενάκη Θεοδωρίδης:Θεοδωρίδου "
    "Ευαγγελίου:Ευαγγελίου Μπακογιάννης:Μπακογιάννη Ντόκος:Ντόκου Γκίκας:Γκίκα "
    "Τσουκαλάς:Τσουκαλά Ψαρράς:Ψαρρά Βλαχόπουλος:Βλαχοπούλου Φραγκιαδάκης:Φραγκιαδάκη "
    "Αγγελόπουλος:Αγγελοπούλου Σπανός:Σπανού Κατσαρός:Κατσαρού Ζερβός:Ζερβού "
    "Χαλκιάς:Χαλκιά Ευθυμίου:Ευθυμίου"
)

WEST_MALE = words_of(
    "John James Robert Michael William David Richard Thomas Charles Christopher Daniel "
    "Matthew Anthony Mark Paul Steven Andrew Kenneth Kevin Brian George Edward Timothy "
    "Jonathan Stephen Peter Nicholas Benjamin Samuel Alexander Patrick Hans Klaus Jürgen "
    "Wolfgang Stefan Matthias Pierre Jean François Philippe Luc Giovanni Marco Luca "
    "Alessandro Carlos José Javier Miguel Pieter Willem Henrik Lars Anders Sean Declan"
)
WEST_FEMALE = words_of(
    "Mary Patricia Jennifer Linda Elizabeth Susan Margaret Sarah Karen Emma Claire Sophie "
    "Anna Julia Katharina Sabine Isabelle Marie Giulia Francesca Lucía Carmen Ingrid Astrid "
    "Siobhan"
)
WEST_FAMILY = words_of(
    "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore Martin "
    "Jackson Thompson White Harris Clark Lewis Walker Hall Allen Young King Wright Scott "
    "Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner "
    "Parker Collins Edwards Stewart Morris Murphy Cook Rogers Morgan Cooper Peterson Reed "
    "Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson Brooks Bennett Gray Hughes "
    "Price Sanders Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz "
    "Hoffmann Koch Richter Klein Wolf Schröder Neumann Braun Zimmermann Hartmann Krüger "
    "Dubois Durand Lefebvre Moreau Laurent Girard Bonnet Rossi Russo Ferrari Esposito "
    "Bianchi Romano Colombo Ricci Marino García Fernández González Rodríguez López "
    "Martínez Sánchez Pérez Bakker Janssen Visser Mulder O'Brien O'Connor McDonald MacLeod "
    "Lindqvist Johansson Nieminen Novak Kowalski Horváth"
)
# Short forms that are the start of the full name (Alex for Alexander), for `shortened`.
WEST_SHORT = dict(
    pairs_of(
        "Alexander:Alex Christopher:Chris Jonathan:Jon Nicholas:Nick Benjamin:Ben "
        "Matthew:Matt Robert:Rob Thomas:Tom Daniel:Dan Samuel:Sam Timothy:Tim Edward:Ed "
        "Patrick:Pat Kenneth:Ken William:Will Michael:Mike Anthony:Tony Steven:Steve "
        "Stephen:Steve Jennifer:Jen Patricia:Pat Elizabeth:Liz Margaret:Maggie "
        "Alessandro:Sandro Giovanni:Gianni Wolfgang:Wolf Katharina:Kathi"
    )
)

TR_MALE = words_of(
    "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan "
    "Halil Süleyman Abdullah Mahmut Recep Emre Burak Serkan Kemal Cem Oğuz Tuncay Erdal "
    "Selim Volkan Gökhan Uğur"
)
TR_FEMALE = words_of("Fatma Ayşe Emine Hatice Zeynep Elif Özlem Gül Sevgi Derya")
TR_FAMILY = words_of(
    "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç "
    "Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Erdoğan Korkmaz Karataş Güler Aksoy Bulut "
    "Ünal Güneş Tekin Akın Turan Kaplan Demirci Bozkurt Uçar Sarı Aktaş Coşkun Keskin"
)


# --------------------------------------------------------------------------- name parts
# A part (given name, patronymic, family name) knows its own script and how each of its
# culture's systems romanises it. `system` "list" is always the list's own system.

LIST_SYSTEM = {"ru": "bgn", "uk": "kmu", "el": "elot", "zh": "pinyin"}
QUERY_SYSTEMS = {
    "ru": ["icao", "popular", "german", "french", "scholarly"],
    "uk": ["bgn", "legacy", "german"],
    "el": ["phonetic", "classical"],
    "zh": ["wade_giles", "wade_giles_plain"],
    "ko": ["revised", "mccune_reischauer", "mccune_reischauer_plain"],
    "ar": ["spelling"],
    "fa": ["spelling"],
    "he": ["spelling"],
}
NATIVE_SCRIPT = {
    "ru": "cyrillic",
    "uk": "cyrillic",
    "el": "greek",
    "zh": "han",
    "ko": "hangul",
    "ar": "arabic",
    "fa": "arabic",
    "he": "hebrew",
}


class Part:
    """A word or words of a name, in its own script (`native`) and romanised."""

    native: str | None = None

    def latin(self, system: str = "list", rng: random.Random | None = None) -> str:
        raise NotImplementedError


class LatinPart(Part):
    def __init__(self, text: str) -> None:
        self.text = text

    def latin(self, system: str = "list", rng: random.Random | None = None) -> str:
        return self.text


class CyrillicPart(Part):
    def __init__(self, text: str, language: str, family: bool = False) -> None:
        self.native, self.language, self.family = text, language, family

    def latin(self, system: str = "list", rng: random.Random | None = None) -> str:
        systems = CYRILLIC_SYSTEMS[self.language]
        chosen = systems[LIST_SYSTEM[self.language] if system == "list" else system]
        return romanise(self.native or "", chosen, self.family)


class GreekPart(Part):
    def __init__(self, text: str) -> None:
        self.native = text

    def latin(self, system: str = "list", rng: random.Random | None = None) -> str:
        return greek_to_latin(self.native or "", GREEK["elot" if system == "list" else system])


class SpelledPart(Part):
    """A name in a script without one agreed romanisation (Arabic, Persian, Hebrew): the
    list uses the first spelling; a query may use any other."""

    def __init__(self, text: str, spellings: str) -> None:
        self.native, self.spellings = text, spellings.split()

    def latin(self, system: str = "list", rng: random.Random | None = None) -> str:
        if system == "list" or rng is None or len(self.spellings) == 1:
            return self.spellings[0]
        return rng.choice(self.spellings[1:])


class HanPart(Part):
    def __init__(self, syllables: list[tuple[str, str]]) -> None:
        self.syllables = syllables
        self.native = "".join(han for han, _ in syllables)
        self.pinyin = [pinyin for _, pinyin in syllables]

    def latin(self, system: str = "list", rng: random.Random | None = None) -> str:
        if system in ("list", "pinyin"):
            return pinyin_given(self.pinyin)
        return wade_giles_given(self.pinyin, plain=system == "wade_giles_plain")


class HangulFamily(Part):
    def __init__(self, entry: tuple[str, ...]) -> None:
        self.native, self.popular, self.revised, self.mr = entry

    def latin(self, system: str = "list", rng: random.Random | None = None) -> str:
        return {
            "revised": self.revised,
            "mccune_reischauer": self.mr,
            "mccune_reischauer_plain": fold_marks(self.mr.replace("'", "")),
        }.get(system, self.popular)


class HangulGiven(Part):
    def __init__(self, syllables: list[tuple[str, ...]]) -> None:
        self.syllables = syllables
        self.native = "".join(s[0] for s in syllables)

    def latin(self, system: str = "list", rng: random.Random | None = None) -> str:
        revised = [s[1] for s in self.syllables]
        if system == "revised":
            return capitalise("".join(revised))  # the strict form: Minjun
        if system.startswith("mccune_reischauer"):
            mr = [s[2] for s in self.syllables]
            return mccune_reischauer_given(mr, plain=system.endswith("plain"))
        return capitalise("-".join(revised))  # as passports write it: Min-jun


# --------------------------------------------------------------------------- persons


@dataclass
class Person:
    id: str
    culture: str  # ru uk zh ar fa el he ko west tr
    gender: str
    given: Part
    middle: list[Part]  # patronymic, middle names, or the nasab (bin + father's name)
    family: Part
    forms: str = "latin"  # which scripts the list gives: "both", "latin" or "native"
    nationality: str | None = None
    birth_date: str | None = None
    topics: list[str] = field(default_factory=list)
    weak_alias: str | None = None
    distractor: bool = False

    schema = "Person"

    @property
    def family_first(self) -> bool:
        return self.culture in ("zh", "ko")

    @property
    def has_native(self) -> bool:
        return self.given.native is not None

    @property
    def has_patronymic(self) -> bool:
        return self.culture in ("ru", "uk")

    def latin(
        self,
        system: str = "list",
        rng: random.Random | None = None,
        middle: bool = True,
        family_first: bool | None = None,
    ) -> str:
        words = [p.latin(system, rng) for p in [self.given, *(self.middle if middle else [])]]
        family = self.family.latin(system, rng)
        first = self.family_first if family_first is None else family_first
        return " ".join([family, *words] if first else [*words, family])

    def native_name(self, middle: bool = True, family_first: bool | None = None) -> str:
        words = [p.native or "" for p in [self.given, *(self.middle if middle else [])]]
        first = self.family_first if family_first is None else family_first
        ordered = (
            [self.family.native or "", *words] if first else [*words, self.family.native or ""]
        )
        return ("" if self.culture in ("zh", "ko") else " ").join(ordered)

    def listed_latin(self) -> str | None:
        return self.latin() if self.forms in ("both", "latin") else None

    def listed_native(self) -> str | None:
        return self.native_name() if self.forms in ("both", "native") and self.has_native else None

    def listed_names(self) -> list[str]:
        return [n for n in (self.listed_latin(), self.listed_native()) if n]

    def key(self) -> tuple[str, str]:
        """Who this is, for uniqueness: given and family name as the list romanises them
        (so two entries never share a name, in any script)."""
        return (fold(self.given.latin()), fold(self.family.latin()))


def ru_feminine_family(family: str) -> str:
    for male, female in (("ский", "ская"), ("цкий", "цкая"), ("ой", "ая")):
        if family.endswith(male):
            return family[: -len(male)] + female
    return family + "а" if family.endswith(("ов", "ев", "ёв", "ин", "ын")) else family


def ru_feminine_patronymic(patronymic: str) -> str:
    special = {"Ильич": "Ильинична", "Никитич": "Никитична"}
    return special.get(patronymic, patronymic[:-3] + "вна")


def uk_feminine_family(family: str) -> str:
    for male, female in (("ський", "ська"), ("цький", "цька")):
        if family.endswith(male):
            return family[: -len(male)] + female
    return family


def uk_feminine_patronymic(patronymic: str) -> str:
    if patronymic == "Ілліч":
        return "Іллівна"
    if patronymic.endswith("йович"):
        return patronymic[:-5] + "ївна"
    return patronymic[:-4] + "івна"


# Each builder returns (gender, given, middle, family); `gender` forces one.
Names = tuple[str, Part, list[Part], Part]


def pick_gender(rng: random.Random, gender: str | None, female_share: float) -> str:
    return gender or ("female" if rng.random() < female_share else "male")


def _build_east_slavic(
    rng: random.Random,
    gender: str | None,
    language: str,
    names: tuple[list, list, list],
    feminine: tuple[Callable[[str], str], Callable[[str], str]],
) -> Names:
    """A Russian or Ukrainian name: given, patronymic, family, feminine forms for women."""
    male, female, families = names
    feminine_patronymic, feminine_family = feminine
    gender = pick_gender(rng, gender, 0.2)
    patronymic = rng.choice(male)[1]
    family = rng.choice(families)
    if gender == "female":
        given = rng.choice(female)
        patronymic, family = feminine_patronymic(patronymic), feminine_family(family)
    else:
        given = rng.choice(male)[0]
    return (
        gender,
        CyrillicPart(given, language),
        [CyrillicPart(patronymic, language)],
        CyrillicPart(family, language, family=True),
    )


def build_russian(rng: random.Random, gender: str | None = None) -> Names:
    return _build_east_slavic(
        rng,
        gender,
        "ru",
        (RU_MALE, RU_FEMALE, RU_FAMILY),
        (ru_feminine_patronymic, ru_feminine_family),
    )


def build_ukrainian(rng: random.Random, gender: str | None = None) -> Names:
    return _build_east_slavic(
        rng,
        gender,
        "uk",
        (UK_MALE, UK_FEMALE, UK_FAMILY),
        (uk_feminine_patronymic, uk_feminine_family),
    )


def chinese_given(rng: random.Random) -> HanPart:
    count = 1 if rng.random() < 0.2 else 2
    syllables = rng.sample(ZH_GIVEN, count)
    return HanPart(syllables)


def build_chinese(rng: random.Random, gender: str | None = None) -> Names:
    gender = pick_gender(rng, gender, 0.25)
    family = rng.choice(ZH_FAMILY)
    return gender, chinese_given(rng), [], HanPart([family])


def build_arabic(rng: random.Random, gender: str | None = None) -> Names:
    gender = pick_gender(rng, gender, 0.15)
    given = rng.choice(AR_GIVEN_FEMALE if gender == "female" else AR_GIVEN_MALE)
    middle: list[Part] = []
    if gender == "male" and rng.random() < 0.5:
        middle = [SpelledPart(*NASAB), SpelledPart(*rng.choice(AR_GIVEN_MALE))]
    return gender, SpelledPart(*given), middle, SpelledPart(*rng.choice(AR_FAMILY))


def build_persian(rng: random.Random, gender: str | None = None) -> Names:
    gender = pick_gender(rng, gender, 0.15)
    given = rng.choice(FA_GIVEN_FEMALE if gender == "female" else FA_GIVEN_MALE)
    return gender, SpelledPart(*given), [], SpelledPart(*rng.choice(FA_FAMILY))


def build_greek(rng: random.Random, gender: str | None = None) -> Names:
    gender = pick_gender(rng, gender, 0.25)
    male, female = rng.choice(EL_FAMILY)
    if gender == "female":
        return gender, GreekPart(rng.choice(EL_GIVEN_FEMALE)), [], GreekPart(female)
    return gender, GreekPart(rng.choice(EL_GIVEN_MALE)), [], GreekPart(male)


def build_hebrew(rng: random.Random, gender: str | None = None) -> Names:
    gender = pick_gender(rng, gender, 0.2)
    given = rng.choice(HE_GIVEN_FEMALE if gender == "female" else HE_GIVEN_MALE)
    return gender, SpelledPart(*given), [], SpelledPart(*rng.choice(HE_FAMILY))


def build_korean(rng: random.Random, gender: str | None = None) -> Names:
    gender = pick_gender(rng, gender, 0.25)
    given = HangulGiven(rng.sample(KOREAN_SYLLABLES, 2))
    return gender, given, [], HangulFamily(rng.choice(KOREAN_FAMILY))


def build_western(rng: random.Random, gender: str | None = None) -> Names:
    gender = pick_gender(rng, gender, 0.25)
    names = WEST_FEMALE if gender == "female" else WEST_MALE
    given, second = rng.sample(names, 2)
    middle: list[Part] = [LatinPart(second)] if rng.random() < 0.45 else []
    return gender, LatinPart(given), middle, LatinPart(rng.choice(WEST_FAMILY))


def build_turkish(rng: random.Random, gender: str | None = None) -> Names:
    gender = pick_gender(rng, gender, 0.2)
    names = TR_FEMALE if gender == "female" else TR_MALE
    given, second = rng.sample(names, 2)
    middle: list[Part] = [LatinPart(second)] if rng.random() < 0.3 else []
    return gender, LatinPart(given), middle, LatinPart(rng.choice(TR_FAMILY))


@dataclass(frozen=True)
class Culture:
    code: str
    build: Callable[..., Names]
    count: int  # base entities
    forms: dict[str, float]  # share of "both", "latin", "native"
    nationalities: tuple[str, ...]


CULTURES = [
    Culture("ru", build_russian, 180, {"both": 0.6, "latin": 0.22, "native": 0.18}, ("ru",)),
    Culture("uk", build_ukrainian, 50, {"both": 0.6, "latin": 0.24, "native": 0.16}, ("ua",)),
    Culture("zh", build_chinese, 130, {"both": 0.58, "latin": 0.27, "native": 0.15}, ("cn", "hk")),
    Culture(
        "ar",
        build_arabic,
        100,
        {"both": 0.55, "latin": 0.3, "native": 0.15},
        ("sa", "ae", "sy", "iq", "lb", "eg", "jo", "ye", "ly", "kw", "qa"),
    ),
    Culture("fa", build_persian, 60, {"both": 0.42, "latin": 0.45, "native": 0.13}, ("ir",)),
    Culture("el", build_greek, 45, {"both": 0.56, "latin": 0.29, "native": 0.15}, ("gr", "cy")),
    Culture("he", build_hebrew, 40, {"both": 0.55, "latin": 0.3, "native": 0.15}, ("il",)),
    Culture("ko", build_korean, 45, {"both": 0.56, "latin": 0.29, "native": 0.15}, ("kp", "kr")),
    Culture(
        "west",
        build_western,
        90,
        {"latin": 1.0},
        ("gb", "us", "de", "fr", "it", "ch", "nl", "at", "be", "ca", "ie", "es", "mt", "lv"),
    ),
    Culture("tr", build_turkish, 40, {"latin": 1.0}, ("tr",)),
]
CULTURE = {culture.code: culture for culture in CULTURES}


# --------------------------------------------------------------------------- legal forms


@dataclass(frozen=True)
class LegalForm:
    abbr: str  # as lists abbreviate it, romanised: OOO, GmbH, Co., Ltd.
    full: str  # spelled out in its own language, romanised
    english: str | None = None  # the English abbreviation, where lists translate (LLC)
    english_full: str | None = None  # spelled out in English
    native: str | None = None  # in its own script: ООО, 有限公司
    spellings: tuple[str, ...] = ()  # other ways of writing the abbreviation
    successor: str | None = None  # what the form became (ОАО -> ПАО in 2014)
    predecessor: str | None = None


LEGAL_FORMS = {
    "ru_ooo": LegalForm(
        "OOO",
        "Obshchestvo s Ogranichennoy Otvetstvennostyu",
        "LLC",
        "Limited Liability Company",
        "ООО",
    ),
    "ru_ao": LegalForm(
        "AO",
        "Aktsionernoye Obshchestvo",
        "JSC",
        "Joint Stock Company",
        "АО",
        predecessor="ru_zao",
    ),
    "ru_pao": LegalForm(
        "PAO",
        "Publichnoye Aktsionernoye Obshchestvo",
        "PJSC",
        "Public Joint Stock Company",
        "ПАО",
        predecessor="ru_oao",
    ),
    "ru_oao": LegalForm(
        "OAO",
        "Otkrytoye Aktsionernoye Obshchestvo",
        "OJSC",
        "Open Joint Stock Company",
        "ОАО",
        successor="ru_pao",
    ),
    "ru_zao": LegalForm(
        "ZAO",
        "Zakrytoye Aktsionernoye Obshchestvo",
        "CJSC",
        "Closed Joint Stock Company",
        "ЗАО",
        successor="ru_ao",
    ),
    "ru_fgup": LegalForm(
        "FGUP",
        "Federalnoye Gosudarstvennoye Unitarnoye Predpriyatiye",
        "FSUE",
        "Federal State Unitary Enterprise",
        "ФГУП",
    ),
    "by_oao": LegalForm(
        "OAO",
        "Otkrytoye Aktsionernoye Obshchestvo",
        "OJSC",
        "Open Joint Stock Company",
        "ОАО",
    ),
    "ua_tov": LegalForm(
        "TOV",
        "Tovarystvo z Obmezhenoiu Vidpovidalnistiu",
        "LLC",
        "Limited Liability Company",
        "ТОВ",
    ),
    "ua_prat": LegalForm(
        "PrAT", "Pryvatne Aktsionerne Tovarystvo", "PrJSC", "Private Joint Stock Company", "ПрАТ"
    ),
    "kz_too": LegalForm(
        "TOO",
        "Tovarishchestvo s Ogranichennoy Otvetstvennostyu",
        "LLP",
        "Limited Liability Partnership",
        "ТОО",
    ),
    "gmbh": LegalForm(
        "GmbH", "Gesellschaft mit beschränkter Haftung", spellings=("Ges.m.b.H.", "G.m.b.H.")
    ),
    "ag": LegalForm("AG", "Aktiengesellschaft"),
    "sa_fr": LegalForm("SA", "Société Anonyme", spellings=("S.A.",)),
    "sas": LegalForm("SAS", "Société par Actions Simplifiée", spellings=("S.A.S.",)),
    "sarl": LegalForm("SARL", "Société à Responsabilité Limitée", spellings=("S.à r.l.",)),
    "sa_es": LegalForm("S.A.", "Sociedad Anónima", spellings=("SA",)),
    "sl": LegalForm("S.L.", "Sociedad Limitada", spellings=("SL",)),
    "spa": LegalForm("S.p.A.", "Società per Azioni", spellings=("SpA",)),
    "srl": LegalForm("S.r.l.", "Società a Responsabilità Limitata", spellings=("Srl",)),
    "bv": LegalForm("B.V.", "Besloten Vennootschap", spellings=("BV",)),
    "nv": LegalForm("N.V.", "Naamloze Vennootschap", spellings=("NV",)),
    "ltd": LegalForm("Ltd", "Limited", spellings=("Ltd.",)),
    "plc": LegalForm("PLC", "Public Limited Company", spellings=("P.L.C.",)),
    "llp": LegalForm("LLP", "Limited Liability Partnership", spellings=("L.L.P.",)),
    "inc": LegalForm("Inc.", "Incorporated", spellings=("Inc",)),
    "corp": LegalForm("Corp.", "Corporation", spellings=("Corp",)),
    "llc": LegalForm("LLC", "Limited Liability Company", spellings=("L.L.C.",)),
    "fze": LegalForm("FZE", "Free Zone Establishment", spellings=("F.Z.E.",)),
    "fzco": LegalForm("FZCO", "Free Zone Company", spellings=("FZ Co",)),
    "pte_ltd": LegalForm("Pte. Ltd.", "Private Limited", spellings=("Pte Ltd",)),
    "sdn_bhd": LegalForm("Sdn. Bhd.", "Sendirian Berhad", spellings=("Sdn Bhd",)),
    "bhd": LegalForm("Bhd", "Berhad", spellings=("Bhd.",)),
    "tr_as": LegalForm(
        "A.Ş.", "Anonim Şirketi", "JSC", "Joint Stock Company", spellings=("AŞ", "A.S.")
    ),
    "tr_ltd": LegalForm(
        "Ltd. Şti.", "Limited Şirketi", "Ltd", "Limited Company", spellings=("Ltd. Sti.",)
    ),
    "doo": LegalForm("d.o.o.", "Društvo s Ograničenom Odgovornošću", spellings=("DOO",)),
    "sal": LegalForm("S.A.L.", "Société Anonyme Libanaise", spellings=("SAL",)),
    "jsc": LegalForm("JSC", "Joint Stock Company", spellings=("J.S.C.",)),
    "cjsc": LegalForm("CJSC", "Closed Joint Stock Company"),
    "pvt_ltd": LegalForm("Pvt. Ltd.", "Private Limited", spellings=("Pvt Ltd",)),
    "cn_ltd": LegalForm(
        "Co., Ltd.", "Company Limited", native="有限公司", spellings=("Co. Ltd", "Limited")
    ),
    "cn_jsc": LegalForm(
        "Co., Ltd.",
        "Company Limited",
        english_full="Joint Stock Company Limited",
        native="股份有限公司",
        spellings=("Co. Ltd", "Joint Stock Co., Ltd."),
    ),
    "hk_ltd": LegalForm("Limited", "Limited", native="有限公司", spellings=("Ltd",)),
}
# Words of names that are legal forms too, for abbreviating and misspelling.
NAME_FORM_WORDS = {"Company": "Co.", "Corporation": "Corp.", "Limited": "Ltd"}


def legal_tokens() -> set[str]:
    """Every word of every legal form, folded: a matcher treats them as noise, and so
    do the guards that keep the labels honest."""
    tokens: set[str] = {"co", "company", "corporation", "corp", "limited", "ltd"}
    for form in LEGAL_FORMS.values():
        texts = [form.abbr, form.full, form.english, form.english_full, form.native]
        for text in [*texts, *form.spellings]:
            if text:
                tokens.update(fold(text).split())
    return tokens


# --------------------------------------------------------------------------- organisations

RU_STEMS = words_of(
    "Сиб Урал Рос Сев Юг Волго Дон Кам Амур Балт Мос Петро Нева Енисей Ангара Байкал Алтай "
    "Тюмен Ямал Печора Кубань Арктик Восток Запсиб Евро Интер Норд Даль Кузбасс Примор "
    "Камчат Сахалин Мурман Карел Челяб Томск Якут Омск Оренбург Самар Башкир Татар Курск "
    "Белгород Липецк Хабаровск Азов Ижор Цент Жигули Щёлков Яросл Югра"
)
RU_ROOTS = words_of(
    "нефте энерго хим маш пром строй транс лес агро металл тех электро снаб торг гео мор авиа спец"
)
RU_ENDINGS = words_of(
    "нефть газ сталь строй пром транс энерго маш хим лес агро металл уголь флот авиа тех "
    "снаб торг инвест ресурс сервис трейд холдинг терминал логистик комплект монтаж проект "
    "экспорт капитал кабель прибор порт"
)
# Second words of two-word names, and of subsidiaries (X / X Нефть).
RU_SECOND_WORDS = words_of(
    "Нефть Трейд Транс Инвест Лизинг Финанс Логистик Энерго Строй Сервис Холдинг Капитал "
    "Девелопмент Инжиниринг Терминал Шиппинг Трейдинг Снабжение Технологии Ресурс"
)
UK_STEMS = words_of(
    "Укр Дніпро Київ Харків Львів Полтава Запоріж Черкас Вінниця Суми Житомир Одес Чорномор "
    "Поділля Волинь Карпат Донбас Євро Інтер Галич"
)
UK_ENDINGS = words_of(
    "нафта газ енерго буд пром транс агро хім маш сталь метал ліс торг інвест сервіс трейд "
    "холдинг термінал експорт зерно цукор флот"
)
UK_ROOTS = words_of("нафто енерго хім маш пром буд агро тех спец")
UK_SECOND_WORDS = words_of("Нафта Трейд Транс Інвест Фінанс Логістик Енерго Буд Сервіс Холдинг")
KZ_STEMS = words_of(
    "Каз Астана Алатау Караганда Актобе Атырау Степ Павлодар Шымкент Тенгиз Каспий Иртыш "
    "Сарыарка Жетысу Мангистау"
)
BY_STEMS = words_of("Бел Минск Гомель Гродно Брест Витебск Могилёв Полесье Неман Нафтан")
# Russian oblast codes for OGRNs, weighted to where companies are registered.
RU_REGIONS = words_of("77 77 77 78 78 50 66 54 16 23 86 89 25 39 63 02 74 59 72 24")

WEST_BRANDS = words_of(
    "Aurora Vertex Falcon Orion Atlas Zenith Polaris Sirius Titan Sigma Altair Vega Cobalt "
    "Granite Crescent Meridian Horizon Pinnacle Summit Everest Evergreen Oakwood Silverline "
    "Redwood Bluewater Goldcrest Northstar Eastgate Westbridge Southport Ironbridge Kingsway "
    "Highland Lakeside Riverside Stonegate Clearwater Brightwater Silverstone Greenfield "
    "Fairview Harbour Marlin Albatross Condor Phoenix Pegasus Triton Neptune Hermes Apollo "
    "Mercury Helios Argos Nordic Baltic Caspian Adriatic Levant Pacific Atlantic Eurasia "
    "Transoceanic Amber Onyx Sapphire Emerald Topaz Jade Coral Crystal Platinum Sterling "
    "Regal Imperial Liberty Unity Concord Alliance Vanguard Frontier Pioneer Keystone "
    "Cornerstone Landmark Paragon Optima Maxima Nova Stellar Quantum Vector Matrix Axis Apex "
    "Alfa Delta Gamma Omega Kappa Lambda Boreal Tundra Sahara Monsoon Cyclone Typhoon Zephyr"
)
GREEK_SHIPPING_BRANDS = words_of(
    "Okeanos Poseidon Aegean Ionian Kalypso Thalassa Nafsika Argonaut Kyma Astraea Nereus "
    "Aeolos Pelagos Kastro Lefkas Delfini Galini Thetis Amphitrite Elpida"
)
WEST_SECTORS = words_of(
    "Trading Shipping Logistics Holdings Investments Energy Commodities Resources Metals "
    "Marine Capital Technologies Industries Engineering Petroleum Chemicals Electronics "
    "Aviation Finance Insurance Maritime Tankers Navigation Supply Components Systems "
    "Solutions Ventures Partners Group Development Construction Minerals Agro Foods Pharma "
    "Textiles Steel Mining Freight Transport Security Consulting Management Services Telecom "
    "Materials Instruments Machinery Equipment Leasing Brokers Properties"
)
SHIPPING_SECTORS = words_of("Shipping Maritime Tankers Navigation Shipmanagement Marine Carriers")
# Words that name another business when added to a company name (X -> X Insurance).
SUBSIDIARY_WORDS = words_of(
    "Trading Logistics Shipping Insurance Engineering Energy Leasing Finance Construction "
    "Shipmanagement Chartering Refining Petroleum Telecom Mining Agro"
)
# ... and what a Western company's subsidiary adds to its name (X Shipping Management).
WEST_SUBSIDIARY_WORDS = words_of(
    "Management Holdings International Services Trading Finance Investments Logistics "
    "Shipmanagement Chartering Insurance Leasing"
)
WEST_JURISDICTIONS = {
    "gb": ("ltd", "ltd", "plc", "llp"),
    "de": ("gmbh", "gmbh", "ag"),
    "ch": ("ag", "sa_fr", "gmbh"),
    "at": ("gmbh", "ag"),
    "fr": ("sa_fr", "sas", "sarl"),
    "es": ("sa_es", "sl"),
    "it": ("spa", "srl"),
    "nl": ("bv", "nv"),
    "lu": ("sa_fr", "sarl"),
    "cy": ("ltd",),
    "mt": ("ltd",),
    "ae": ("fze", "fzco", "llc"),
    "us": ("llc", "inc", "corp"),
    "hk": ("ltd",),
    "sg": ("pte_ltd",),
    "my": ("sdn_bhd", "bhd"),
    "tr": ("tr_as", "tr_ltd"),
    "vg": ("ltd", "inc"),
    "mh": ("inc", "corp"),
    "pa": ("sa_es", "inc"),
    "lr": ("inc", "corp"),
    "sc": ("ltd",),
    "rs": ("doo",),
    "lb": ("sal",),
    "in": ("pvt_ltd",),
    "ge": ("llc",),
    "am": ("cjsc", "llc"),
    "az": ("jsc", "llc"),
}
SHIPPING_JURISDICTIONS = ("mh", "lr", "pa", "cy", "mt", "ae", "hk", "sg", "gb", "vg")
LOU_BY_JURISDICTION = {"ru": "2534", "cn": "3003", "de": "5299", "gb": "2138"}

ZH_CITIES = [
    tuple(entry.split(":"))
    for entry in words_of(
        "深圳:Shenzhen:440300 上海:Shanghai:310000 北京:Beijing:110000 广州:Guangzhou:440100 "
        "天津:Tianjin:120000 大连:Dalian:210200 青岛:Qingdao:370200 宁波:Ningbo:330200 "
        "厦门:Xiamen:350200 杭州:Hangzhou:330100 南京:Nanjing:320100 武汉:Wuhan:420100 "
        "成都:Chengdu:510100 重庆:Chongqing:500000 珠海:Zhuhai:440400 苏州:Suzhou:320500 "
        "东莞:Dongguan:441900 沈阳:Shenyang:210100 哈尔滨:Harbin:230100 无锡:Wuxi:320200"
    )
]
ZH_SECTORS = [
    ("能源", "Energy"),
    ("科技", "Technology"),
    ("贸易", "Trading"),
    ("电子", "Electronics"),
    ("机械", "Machinery"),
    ("化工", "Chemical"),
    ("航运", "Shipping"),
    ("石油", "Petroleum"),
    ("矿业", "Mining"),
    ("投资", "Investment"),
    ("实业", "Industrial"),
    ("国际贸易", "International Trading"),
    ("物流", "Logistics"),
    ("通信", "Communications"),
    ("光电", "Optoelectronics"),
    ("精密仪器", "Precision Instruments"),
    ("航空", "Aviation"),
    ("新材料", "New Materials"),
    ("船舶", "Marine"),
    ("半导体", "Semiconductor"),
    ("重工", "Heavy Industries"),
    ("钢铁", "Steel"),
    ("国际物流", "International Logistics"),
    ("电子科技", "Electronic Technology"),
]

NATIONS = [  # name, adjective, jurisdiction, official name
    ("China", "Chinese", "cn", "People's Republic of China"),
    ("Iran", "Iranian", "ir", "Islamic Republic of Iran"),
    ("Syria", "Syrian", "sy", "Syrian Arab Republic"),
    ("Korea", "Korean", "kp", "Democratic People's Republic of Korea"),
    ("Russia", "Russian", "ru", "Russian Federation"),
    ("Belarus", "Belarusian", "by", "Republic of Belarus"),
    ("Venezuela", "Venezuelan", "ve", "Bolivarian Republic of Venezuela"),
    ("Myanmar", "Myanmar", "mm", "Republic of the Union of Myanmar"),
    ("Libya", "Libyan", "ly", "State of Libya"),
    ("Sudan", "Sudanese", "sd", "Republic of the Sudan"),
    ("Cuba", "Cuban", "cu", "Republic of Cuba"),
    ("Nicaragua", "Nicaraguan", "ni", "Republic of Nicaragua"),
    ("Kazakhstan", "Kazakh", "kz", "Republic of Kazakhstan"),
    ("Uzbekistan", "Uzbek", "uz", "Republic of Uzbekistan"),
    ("Turkmenistan", "Turkmen", "tm", "Turkmenistan"),
    ("Azerbaijan", "Azerbaijani", "az", "Republic of Azerbaijan"),
    ("Vietnam", "Vietnamese", "vn", "Socialist Republic of Vietnam"),
    ("Iraq", "Iraqi", "iq", "Republic of Iraq"),
    ("Yemen", "Yemeni", "ye", "Republic of Yemen"),
    ("Lebanon", "Lebanese", "lb", "Lebanese Republic"),
    ("Algeria", "Algerian", "dz", "People's Democratic Republic of Algeria"),
    ("Egypt", "Egyptian", "eg", "Arab Republic of Egypt"),
    ("Angola", "Angolan", "ao", "Republic of Angola"),
    ("Zimbabwe", "Zimbabwean", "zw", "Republic of Zimbabwe"),
    ("Laos", "Lao", "la", "Lao People's Democratic Republic"),
    ("Mongolia", "Mongolian", "mn", "Mongolia"),
    ("Pakistan", "Pakistani", "pk", "Islamic Republic of Pakistan"),
    ("Tajikistan", "Tajik", "tj", "Republic of Tajikistan"),
    ("Serbia", "Serbian", "rs", "Republic of Serbia"),
    ("Ethiopia", "Ethiopian", "et", "Federal Democratic Republic of Ethiopia"),
    ("Eritrea", "Eritrean", "er", "State of Eritrea"),
    ("Mali", "Malian", "ml", "Republic of Mali"),
]
# Sectors of state-owned enterprises by family, each with the second words that go with
# them (Oil Refining, Steel Production, Aviation Services), so names read like real ones.
SECTOR_FAMILIES = {
    "energy": (
        words_of("Petroleum Oil Gas Petrochemical Coal Energy Power Nuclear Uranium"),
        words_of("Exploration Refining Marketing Production Distribution Engineering Supply"),
    ),
    "mining": (
        words_of("Mining Metals Steel Aluminium Copper Gold Minerals Cement Phosphate"),
        words_of("Exploration Production Trading Industries Development Export"),
    ),
    "transport": (
        words_of("Tanker Railway Aviation Maritime Ports Automotive Aircraft Shipbuilding"),
        words_of("Services Engineering Industries Equipment Manufacturing Construction"),
    ),
    "industry": (
        words_of(
            "Chemical Fertilizer Electronics Machinery Optics Aerospace Ordnance Defence "
            "Pharmaceutical Textile Tobacco Timber"
        ),
        words_of("Industries Manufacturing Equipment Production Trading Export Supply"),
    ),
    "trade": (
        words_of("Trading Export Insurance Investment Grain Agricultural Fisheries Water"),
        words_of("Services Development Supply Distribution Holding"),
    ),
}
SOE_SECTORS = [s for sectors, _ in SECTOR_FAMILIES.values() for s in sectors]
SOE_SECOND = sorted({s for _, seconds in SECTOR_FAMILIES.values() for s in seconds})
ASSOCIATION_SECTORS = words_of(
    "Oil Gas Steel Grain Cotton Textile Fertilizer Timber Fish Cement Copper Aluminium "
    "Tobacco Coal Machinery Chemical Pharmaceutical Automotive Electronics Diamond Gold"
)
BANK_KINDS = [
    "Agricultural",
    "Industrial",
    "Commercial",
    "Export",
    "Development",
    "Savings",
    "Reconstruction",
    "Foreign Trade",
    "Housing",
]
BANK_PURPOSES = [
    "Foreign Trade",
    "Agriculture",
    "Industry",
    "Reconstruction",
    "Development",
    "Investment",
    "Housing",
    "Construction",
    "Commerce",
    "Export",
]
PORTFOLIOS = [
    "Defence",
    "Industry and Trade",
    "Oil",
    "Energy",
    "Foreign Affairs",
    "Interior",
    "Intelligence",
    "State Security",
    "Finance",
    "Economy",
    "Communications",
    "Mines and Metals",
    "Defence Industry",
    "Atomic Industry",
    "Transport",
    "Agriculture",
    "Petroleum and Mineral Resources",
    "Heavy Industry",
]
# How filers shorten words of organisation names (class `shortened`).
ABBREVIATIONS = dict(
    pairs_of(
        "International:Intl National:Natl Industries:Inds Industrial:Indl Trading:Trdg "
        "Holdings:Hldgs Holding:Hldg Investments:Invts Management:Mgmt Development:Devt "
        "Engineering:Engg Shipping:Shpg Manufacturing:Mfg Services:Svcs Technologies:Tech "
        "Technology:Tech Association:Assn Telecommunications:Telecom Construction:Constr "
        "Organization:Org Navigation:Nav Electronics:Elec Equipment:Equip Resources:Res "
        "Chemicals:Chem Chemical:Chem Petrochemical:Petchem Brothers:Bros Republic:Rep "
        "Commercial:Comml Agricultural:Agri Petroleum:Petrol "
        "Communications:Comms Aluminium:Alum Foundation:Fdn Committee:Cttee"
    )
)
# Words left out of acronyms (Islamic Republic of Iran Shipping Lines -> IRISL).
ACRONYM_SKIP = {"of", "the", "and", "for", "&", "de", "du", "des", "la", "le", "et"}


@dataclass
class Org:
    id: str
    kind: str  # ru uk kz by cn west bank shipping soe public association unregistered
    schema: str
    core: list[str]  # the Latin name without its legal form, word by word
    jurisdiction: str
    legal_form: str | None = None
    form_style: str = "abbr"  # abbr | english | english_full | full
    form_first: bool = False
    forms: str = "latin"  # which scripts the list gives: "both", "latin" or "native"
    cyrillic: str | None = None  # the name in Cyrillic, without the legal form
    language: str | None = None  # ru or uk: how the Cyrillic is romanised
    han: str | None = None  # the name in Han characters, without the legal form
    brand: str | None = None  # the distinctive word
    brand_han: str | None = None
    city: str | None = None  # the city a Chinese company's name starts with
    # The same name in another word order, and with the country's short name.
    reorders: list[tuple[str, list[str]]] = field(default_factory=list)
    country_short: list[str] | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    topics: list[str] = field(default_factory=list)
    distractor: bool = False

    @property
    def form(self) -> LegalForm | None:
        return LEGAL_FORMS[self.legal_form] if self.legal_form else None

    def form_text(self, style: str | None = None) -> str | None:
        form = self.form
        if form is None:
            return None
        style = style or self.form_style
        if style == "english":
            return form.english or form.abbr
        if style == "english_full":
            return form.english_full or form.full
        return form.full if style == "full" else form.abbr

    def latin(
        self,
        core: list[str] | None = None,
        form_text: str | None = None,
        first: bool | None = None,
        drop_form: bool = False,
    ) -> str:
        words = list(core or self.core)
        text = None if drop_form else (form_text or self.form_text())
        first = self.form_first if first is None else first
        if text is None:
            return " ".join(words)
        return " ".join([text, *words] if first else [*words, text])

    def native_name(
        self, native_form: str | None = None, quotes: str = "«»", drop_form: bool = False
    ) -> str | None:
        form = None if drop_form else (native_form or (self.form.native if self.form else None))
        if self.han:
            return self.han + (form or "")
        if self.cyrillic:
            quoted = f"{quotes[0]}{self.cyrillic}{quotes[-1]}" if form and quotes else self.cyrillic
            return f"{form} {quoted}" if form else self.cyrillic
        return None

    @property
    def has_native(self) -> bool:
        return bool(self.han or self.cyrillic)

    def listed_latin(self) -> str | None:
        return self.latin() if self.forms in ("both", "latin") else None

    def listed_native(self) -> str | None:
        return self.native_name() if self.forms in ("both", "native") else None

    def listed_names(self) -> list[str]:
        return [n for n in (self.listed_latin(), self.listed_native()) if n]

    def key(self) -> str:
        return fold(" ".join(self.core))


def acronym_of(words: Iterable[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in ACRONYM_SKIP and w[:1].isalpha())


@dataclass(frozen=True)
class CyrillicOrgStyle:
    """How companies of one country are named in Cyrillic."""

    kind: str
    language: str
    jurisdiction: str
    stems: list[str]
    roots: list[str]
    endings: list[str]
    second_words: list[str]
    legal_forms: dict[str, float]
    bank_forms: dict[str, float]


CYRILLIC_ORG_STYLES = {
    "ru": CyrillicOrgStyle(
        "ru",
        "ru",
        "ru",
        RU_STEMS,
        RU_ROOTS,
        RU_ENDINGS,
        RU_SECOND_WORDS,
        {"ru_ooo": 40, "ru_ao": 25, "ru_pao": 14, "ru_oao": 8, "ru_zao": 7, "ru_fgup": 6},
        {"ru_ao": 60, "ru_pao": 40},
    ),
    "uk": CyrillicOrgStyle(
        "uk",
        "uk",
        "ua",
        UK_STEMS,
        UK_ROOTS,
        UK_ENDINGS,
        UK_SECOND_WORDS,
        {"ua_tov": 65, "ua_prat": 35},
        {"ua_prat": 100},
    ),
    "kz": CyrillicOrgStyle(
        "kz",
        "ru",
        "kz",
        KZ_STEMS,
        RU_ROOTS,
        RU_ENDINGS,
        RU_SECOND_WORDS,
        {"kz_too": 70, "ru_ao": 30},
        {"ru_ao": 100},
    ),
    "by": CyrillicOrgStyle(
        "by",
        "ru",
        "by",
        BY_STEMS,
        RU_ROOTS,
        RU_ENDINGS,
        RU_SECOND_WORDS,
        {"by_oao": 50, "ru_ooo": 50},
        {"by_oao": 100},
    ),
}
# How lists write the legal form of a company from a Cyrillic-writing country.
CYRILLIC_FORM_STYLES = {
    ("abbr", True): 40,
    ("abbr", False): 20,
    ("english_full", True): 25,
    ("english", True): 15,
}


def cyrillic_brand(rng: random.Random, style: CyrillicOrgStyle) -> str:
    """A compound brand as Russian and Ukrainian companies coin them: Сибнефтегаз."""
    parts = [rng.choice(style.stems)]
    if rng.random() < 0.35:
        parts.append(rng.choice(style.roots))
    ending = rng.choice(style.endings)
    while ending.startswith(parts[-1][:3].lower()):
        ending = rng.choice(style.endings)
    return "".join([*parts, ending])


def second_word(brand: str, style: CyrillicOrgStyle, rng: random.Random) -> str:
    """A second word that does not repeat the brand's own ending (not Алтайстрой Строй)."""
    return rng.choice([w for w in style.second_words if w.lower()[:4] not in brand.lower()])


def build_cyrillic_org(rng: random.Random, style: CyrillicOrgStyle) -> dict:
    brand = cyrillic_brand(rng, style)
    roll = rng.random()
    legal_forms = style.legal_forms
    reorders: list[tuple[str, list[str]]] = []
    if roll < 0.6:
        cyrillic = brand
    elif roll < 0.88:
        cyrillic = f"{brand} {second_word(brand, style, rng)}"
    else:
        cyrillic, legal_forms = f"Банк {brand}", style.bank_forms
    if rng.random() < 0.5 and roll >= 0.88:
        cyrillic = brand + "банк"
    system = CYRILLIC_SYSTEMS[style.language][LIST_SYSTEM[style.language]]
    core = romanise(cyrillic, system).split()
    if cyrillic.startswith("Банк "):
        reorders.append(("bank_word_moved", [*core[1:], core[0]]))
    form_style, first = weighted_pair(rng, CYRILLIC_FORM_STYLES)
    return {
        "kind": style.kind,
        "schema": "Company",
        "core": core,
        "jurisdiction": style.jurisdiction,
        "legal_form": weighted(rng, legal_forms),
        "form_style": form_style,
        "form_first": first,
        "forms": weighted(rng, {"both": 0.62, "latin": 0.22, "native": 0.16}),
        "cyrillic": cyrillic,
        "language": style.language,
        "brand": core[0],
        "reorders": reorders,
    }


def weighted_pair(rng: random.Random, choices: dict[tuple[str, bool], float]) -> tuple[str, bool]:
    return rng.choices(list(choices), weights=list(choices.values()))[0]


def build_chinese_org(rng: random.Random) -> dict:
    legal_form = weighted(rng, {"cn_ltd": 70, "cn_jsc": 20, "hk_ltd": 10})
    city = ("香港", "Hong Kong", "") if legal_form == "hk_ltd" else rng.choice(ZH_CITIES)
    brand = rng.sample(ZH_GIVEN, 2)
    brand_latin = pinyin_given(p for _, p in brand)
    sector_han, sector = rng.choice(ZH_SECTORS)
    core = [*city[1].split(), brand_latin, *sector.split()]
    return {
        "kind": "cn",
        "schema": "Company",
        "core": core,
        "jurisdiction": "hk" if legal_form == "hk_ltd" else "cn",
        "legal_form": legal_form,
        "forms": weighted(rng, {"both": 0.8, "latin": 0.2}),
        "han": city[0] + "".join(h for h, _ in brand) + sector_han,
        "brand": brand_latin,
        "brand_han": "".join(h for h, _ in brand),
        "city": city[1],
        "reorders": [("city_moved", [brand_latin, *sector.split(), f"({city[1]})"])],
        "division": city[2],
    }


def west_legal_form(rng: random.Random, jurisdiction: str) -> tuple[str, str]:
    legal_form = rng.choice(WEST_JURISDICTIONS[jurisdiction])
    full_share = 0.5 if legal_form == "ltd" else 0.08
    return legal_form, "full" if rng.random() < full_share else "abbr"


def build_western_org(rng: random.Random) -> dict:
    brand, sector = rng.choice(WEST_BRANDS), rng.choice(WEST_SECTORS)
    roll = rng.random()
    if roll < 0.6:
        core = [brand, sector]
    elif roll < 0.8:
        extra = rng.choice(["Services", "Group", "Holdings", "Solutions", "Partners"])
        core = [brand, sector, extra] if extra != sector else [brand, sector]
    else:
        core = [brand, "International", sector]
    jurisdiction = rng.choice(list(WEST_JURISDICTIONS))
    legal_form, form_style = west_legal_form(rng, jurisdiction)
    return {
        "kind": "west",
        "schema": "Company",
        "core": core,
        "jurisdiction": jurisdiction,
        "legal_form": legal_form,
        "form_style": form_style,
        "brand": brand,
    }


def build_bank(rng: random.Random) -> dict:
    brand = rng.choice(WEST_BRANDS)
    jurisdiction = rng.choice(["ch", "lu", "fr", "lb", "ae", "cy", "gb", "de", "at", "mt", "ge"])
    roll = rng.random()
    if roll < 0.25 and jurisdiction in ("ch", "lu", "fr", "lb"):
        core = ["Banque", brand]
    elif roll < 0.5:
        core = [brand, "Bank", "International"]
    elif roll < 0.65:
        core = [brand, "Investment", "Bank"]
    else:
        core = [brand, "Bank"]
    legal_form, form_style = west_legal_form(rng, jurisdiction)
    return {
        "kind": "bank",
        "schema": "Company",
        "core": core,
        "jurisdiction": jurisdiction,
        "legal_form": legal_form,
        "form_style": form_style,
        "brand": brand,
    }


def build_shipping(rng: random.Random) -> dict:
    greek = rng.random() < 0.35
    brand = rng.choice(GREEK_SHIPPING_BRANDS if greek else WEST_BRANDS)
    core = [brand, rng.choice(SHIPPING_SECTORS)]
    if rng.random() < 0.2:
        core.append("Lines")
    jurisdiction = rng.choice(SHIPPING_JURISDICTIONS)
    legal_form, form_style = west_legal_form(rng, jurisdiction)
    return {
        "kind": "shipping",
        "schema": "Company",
        "core": core,
        "jurisdiction": jurisdiction,
        "legal_form": legal_form,
        "form_style": form_style,
        "brand": brand,
    }


def build_unregistered(rng: random.Random) -> dict:
    """A company a list names without any legal form or registration (schema LegalEntity)."""
    brand = rng.choice(WEST_BRANDS)
    return {
        "kind": "unregistered",
        "schema": "LegalEntity",
        "core": [brand, rng.choice(WEST_SECTORS)],
        "jurisdiction": rng.choice(["ae", "tr", "hk", "cy", "vg", "lb", "am", "ge"]),
        "brand": brand,
    }


def the(official: str, name: str) -> str:
    """'the Russian Federation' but 'Mongolia'."""
    return name if official == name else f"the {official}"


# name template, reordered template, schema. {of} is "of the <official name>".
SOE_TEMPLATES = [
    ("{nation} National {s1} Corporation", "National {s1} Corporation of {nation}", "Company"),
    (
        "{nation} National {s1} {s2} Corporation",
        "National {s1} {s2} Corporation of {nation}",
        "Company",
    ),
    ("National {adj} {s1} Company", None, "Company"),
    ("{adj} {s1} {s2} Company", None, "Company"),
    ("{nation} {s1} {s2} Corporation", "{s1} {s2} Corporation of {nation}", "Company"),
    ("{adj} {s1} Industries Organization", None, "Organization"),
    ("{official} Shipping Lines", "Shipping Lines {of}", "Company"),
    ("{adj} State {s1} Company", "State {s1} Company of {nation}", "Company"),
    ("General Company for {s1} and {t1}", None, "Company"),
    ("{bank} Bank of {nation}", "{nation} {bank} Bank", "Company"),
    ("{adj} Bank for {purpose} and {purpose2}", None, "Company"),
    ("United {s1} Corporation", None, "Company"),
    (
        "{nation} International {s1} Corporation",
        "International {s1} Corporation of {nation}",
        "Company",
    ),
]
PUBLIC_TEMPLATES = [
    ("Ministry of {portfolio} {of}", "{adj} Ministry of {portfolio}", "PublicBody"),
    ("{adj} Atomic Energy Organization", None, "PublicBody"),
    ("{adj} State Committee for {s1} Industry", None, "PublicBody"),
    ("Central Bank {of}", "{adj} Central Bank", "PublicBody"),
    ("{adj} Customs Administration", None, "PublicBody"),
    ("{adj} Investment Authority", None, "PublicBody"),
    ("{adj} State Security Service", None, "PublicBody"),
    ("{adj} Space Agency", None, "PublicBody"),
    ("General Directorate of {s1} {s2}", None, "PublicBody"),
    ("{adj} Intelligence Directorate", None, "PublicBody"),
    ("Federal Agency for {s1} Industry {of}", None, "PublicBody"),
]
ASSOCIATION_TEMPLATES = [
    ("{adj} Chamber of Commerce and Industry", None, "Organization"),
    ("International {s1} Producers Association", None, "Organization"),
    (
        "Union of {s1} Industrialists of {nation}",
        "{adj} Union of {s1} Industrialists",
        "Organization",
    ),
    ("{brand} Foundation", None, "Organization"),
    ("{adj} Friendship Society", None, "Organization"),
    (
        "Association of {s1} Exporters of {nation}",
        "{adj} Association of {s1} Exporters",
        "Organization",
    ),
    ("{brand} Charitable Foundation", None, "Organization"),
]


def build_state_org(rng: random.Random, kind: str, templates: list) -> dict:
    nation, adj, jurisdiction, official = rng.choice(NATIONS)
    sectors, seconds = SECTOR_FAMILIES[rng.choice(sorted(SECTOR_FAMILIES))]
    if kind == "association":
        sectors = ASSOCIATION_SECTORS
    s1, t1 = rng.sample(sectors, 2)
    purposes = rng.sample(BANK_PURPOSES, 2)
    values = {
        "nation": nation,
        "adj": adj,
        "official": official,
        "of": f"of {the(official, nation)}",
        "s1": s1,
        "s2": rng.choice(seconds),
        "t1": t1,
        "bank": rng.choice(BANK_KINDS),
        "purpose": purposes[0],
        "purpose2": purposes[1],
        "portfolio": rng.choice(PORTFOLIOS),
        "brand": rng.choice(WEST_BRANDS),
    }
    template, reordered, schema = rng.choice(templates)
    core = template.format(**values).split()
    reorders = [("of_phrase", reordered.format(**values).split())] if reordered else []
    short = None
    if official != nation and ("{of}" in template or "{official}" in template):
        shorter = values | {"of": f"of {nation}", "official": nation}
        short = template.format(**shorter).split()
    legal_form = None
    # Some state companies carry a legal form, never after "Company" or "Corporation".
    named_as_company = core[-1] in ("Company", "Corporation", "Lines")
    if kind == "soe" and schema == "Company" and not named_as_company and rng.random() < 0.5:
        legal_form = rng.choice(["jsc", "ltd", "ru_pao", "ru_ao"])
    return {
        "kind": kind,
        "schema": schema,
        "core": core,
        "jurisdiction": jurisdiction,
        "legal_form": legal_form,
        "form_style": "english" if legal_form and legal_form.startswith("ru") else "abbr",
        "reorders": reorders,
        "country_short": short,
        "brand": values["brand"] if "{brand}" in template else None,
    }


ORG_KINDS = {  # kind: (builder, base count)
    "ru": (lambda rng: build_cyrillic_org(rng, CYRILLIC_ORG_STYLES["ru"]), 130),
    "uk": (lambda rng: build_cyrillic_org(rng, CYRILLIC_ORG_STYLES["uk"]), 30),
    "kz": (lambda rng: build_cyrillic_org(rng, CYRILLIC_ORG_STYLES["kz"]), 15),
    "by": (lambda rng: build_cyrillic_org(rng, CYRILLIC_ORG_STYLES["by"]), 15),
    "cn": (build_chinese_org, 90),
    "west": (build_western_org, 125),
    "bank": (build_bank, 20),
    "shipping": (build_shipping, 35),
    "soe": (lambda rng: build_state_org(rng, "soe", SOE_TEMPLATES), 160),
    "public": (lambda rng: build_state_org(rng, "public", PUBLIC_TEMPLATES), 50),
    "association": (lambda rng: build_state_org(rng, "association", ASSOCIATION_TEMPLATES), 30),
    "unregistered": (build_unregistered, 20),
}


# --------------------------------------------------------------------------- folding
# How the guards below compare names: look-alike letters read as Latin, case and marks
# dropped, punctuation as spaces. Only for keeping labels honest; the matcher has its own.

HOMOGLYPHS = {
    "cyrillic": dict(
        pairs_of(
            "a:а c:с e:е o:о p:р x:х y:у i:і j:ј s:ѕ h:һ A:А B:В C:С E:Е H:Н I:І J:Ј K:К "
            "M:М O:О P:Р S:Ѕ T:Т X:Х Y:Ү"
        )
    ),
    "greek": dict(
        pairs_of("a:α o:ο v:ν u:υ i:ι k:κ A:Α B:Β E:Ε H:Η I:Ι K:Κ M:Μ N:Ν O:Ο P:Ρ T:Τ X:Χ Y:Υ Z:Ζ")
    ),
}
FOLD_HOMOGLYPHS = {
    lookalike: latin for table in HOMOGLYPHS.values() for latin, lookalike in table.items()
}
STOP_TOKENS = {"of", "the", "and", "for", "bin", "ibn", "al", "el"}


def fold(text: str) -> str:
    text = "".join(FOLD_HOMOGLYPHS.get(char, char) for char in text)
    text = re.sub(r"['’ʼ`]", "", fold_marks(text.casefold()))
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


LEGAL_TOKENS = legal_tokens()


def significant_tokens(text: str) -> frozenset[str]:
    return frozenset(
        t for t in fold(text).split() if len(t) > 1 and t not in LEGAL_TOKENS | STOP_TOKENS
    )


class ListIndex:
    """The list's names, folded, to ask whether a query could mean another entry."""

    def __init__(self, entities: Iterable[Person | Org]) -> None:
        self.owners: dict[str, set[str]] = defaultdict(set)
        self.token_sets: dict[str, list[frozenset[str]]] = defaultdict(list)
        self.postings: dict[str, set[str]] = defaultdict(set)
        self.tokens: set[str] = set()
        for entity in entities:
            for name in entity.listed_names():
                self.owners[fold(name)].add(entity.id)
                tokens = significant_tokens(name)
                self.token_sets[entity.id].append(tokens)
                for token in tokens:
                    self.postings[token].add(entity.id)
                self.tokens.update(fold(name).split())

    def owners_of(self, text: str) -> set[str]:
        return self.owners.get(fold(text), set())

    def containing(self, tokens: frozenset[str]) -> set[str]:
        """Entries one of whose names has every one of these tokens."""
        if not tokens:
            return set()
        candidates = set.intersection(*(self.postings.get(t, set()) for t in tokens))
        return {e for e in candidates if any(tokens <= s for s in self.token_sets[e])}

    def with_tokens(self, tokens: frozenset[str]) -> set[str]:
        """Entries one of whose names has exactly these tokens."""
        return {e for e in self.containing(tokens) if tokens in self.token_sets[e]}


# --------------------------------------------------------------------------- the list

TOPICS_PERSON = {("sanction",): 0.55, ("role.pep",): 0.25, ("sanction", "role.pep"): 0.2}
DATASETS = {"sanction": "ms_sanctions", "role.pep": "ms_peps", "gov.soe": "ms_state_owned"}
ZH_CITY_BY_LATIN = {latin: (han, division) for han, latin, division in ZH_CITIES}
ZH_CITY_BY_LATIN["Hong Kong"] = ("香港", "")


def make_birth_date(rng: random.Random) -> str:
    year, month, day = rng.randint(1945, 1995), rng.randint(1, 12), rng.randint(1, 28)
    # Some lists know only the year.
    return f"{year}" if rng.random() < 0.15 else f"{year}-{month:02d}-{day:02d}"


class World:
    """The watch list being built: base entities, then distractors."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.persons: list[Person] = []
        self.orgs: list[Org] = []
        self.person_keys: set[tuple[str, str]] = set()
        self.native_keys: set[tuple[str | None, str | None]] = set()
        self.org_keys: set[str] = set()
        self.ids = 0

    def rng(self, purpose: str) -> random.Random:
        """One random stream per purpose, so a change to one part leaves the others be."""
        return random.Random(f"{self.seed}/{purpose}")

    def new_id(self) -> str:
        self.ids += 1
        return "ms-" + digest(f"{self.seed}/entity/{self.ids}")[:14]

    @property
    def entities(self) -> list[Person | Org]:
        return [*self.persons, *self.orgs]

    # ---- persons

    def add_person(
        self,
        code: str,
        names: Names,
        rng: random.Random,
        like: Person | None = None,
    ) -> Person | None:
        gender, given, middle, family = names
        culture = CULTURE[code]
        person = Person("", code, gender, given, middle, family)
        native_key = (given.native, family.native)
        if person.key() in self.person_keys or (given.native and native_key in self.native_keys):
            return None
        self.person_keys.add(person.key())
        self.native_keys.add(native_key)
        person.id = self.new_id()
        person.forms = like.forms if like else weighted(rng, culture.forms)
        if like and like.nationality and rng.random() < 0.7:
            person.nationality = like.nationality
        elif rng.random() < 0.8:
            person.nationality = rng.choice(culture.nationalities)
        person.birth_date = make_birth_date(rng) if rng.random() < 0.65 else None
        person.topics = list(rng.choices(list(TOPICS_PERSON), list(TOPICS_PERSON.values()))[0])
        if code == "ar" and gender == "male" and rng.random() < 0.2:
            person.weak_alias = "Abu " + SpelledPart(*rng.choice(AR_GIVEN_MALE)).latin()
        person.distractor = like is not None
        self.persons.append(person)
        return person

    def make_persons(self) -> None:
        rng = self.rng("persons")
        for culture in CULTURES:
            made = 0
            while made < culture.count:
                made += self.add_person(culture.code, culture.build(rng), rng) is not None

    def make_person_distractors(self) -> None:
        """Persons who share a family name or a given name with a base entry, and Chinese
        names one syllable apart: the entries that make precision hard."""
        rng = self.rng("person-distractors")
        same_family = {"ru": 30, "uk": 8, "zh": 10, "ar": 12, "fa": 6}
        same_family |= {"el": 6, "he": 6, "ko": 6, "west": 10, "tr": 6}
        for code, count in same_family.items():
            self._distract(code, count, rng, keep="family")
        for code in rng.choices([c.code for c in CULTURES], k=30):
            self._distract(code, 1, rng, keep="given")
        self._distract("zh", 25, rng, keep="syllable")

    def _distract(self, code: str, count: int, rng: random.Random, keep: str) -> None:
        bases = [p for p in self.persons if p.culture == code and not p.distractor]
        rng.shuffle(bases)
        made = 0
        for base in bases:
            if made == count:
                return
            if keep == "syllable":
                names = other_syllable_names(base, rng)
            else:
                gender, given, middle, family = CULTURE[code].build(rng, base.gender)
                if keep == "family":
                    names = (gender, given, middle, base.family)
                else:
                    names = (gender, base.given, middle, family)
            if names and self.add_person(code, names, rng, like=base):
                made += 1

    # ---- organisations

    def add_org(self, fields: dict, rng: random.Random, distractor: bool = False) -> Org | None:
        division = fields.pop("division", None)
        org = Org("", **fields)
        if org.key() in self.org_keys:
            return None
        self.org_keys.add(org.key())
        org.id = self.new_id()
        org.distractor = distractor
        org.topics = ["sanction"]
        if org.kind == "soe":
            org.topics = ["gov.soe", "sanction"] if rng.random() < 0.5 else ["gov.soe"]
        self.identify(org, rng, division)
        self.orgs.append(org)
        return org

    def identify(self, org: Org, rng: random.Random, division: str | None) -> None:
        """Identifiers as lists give them: OGRN for Russian companies, LEI for some,
        the unified social credit code for Chinese ones, IMO numbers for shipowners."""
        if org.jurisdiction == "ru" and org.kind == "ru" and rng.random() < 0.7:
            org.identifiers["ogrnCode"] = make_ogrn(rng, rng.choice(RU_REGIONS))
        lei_kinds = ("ru", "cn", "west", "bank", "shipping", "soe")
        if org.kind in lei_kinds and rng.random() < 0.4:
            lou = LOU_BY_JURISDICTION.get(org.jurisdiction, "5493")
            org.identifiers["leiCode"] = make_lei(rng, lou)
        if org.kind == "cn" and division and rng.random() < 0.7:
            org.identifiers["registrationNumber"] = make_uscc(rng, division)
        maritime = {"Shipping", "Tanker", "Maritime", "Lines", "Tankers", "Marine"}
        if org.kind == "shipping" or (org.kind == "soe" and maritime & set(org.core)):
            org.identifiers["imoNumber"] = make_imo_company(rng)
        if org.kind == "west" and org.jurisdiction in ("gb", "de", "cy") and rng.random() < 0.5:
            number = rng.randint(100000, 13999999)
            org.identifiers["registrationNumber"] = {
                "gb": f"{number:08d}",
                "de": f"HRB {number % 300000}",
                "cy": f"HE{number % 1000000:06d}",
            }[org.jurisdiction]

    def make_orgs(self) -> None:
        rng = self.rng("organisations")
        acronyms: Counter[str] = Counter()
        for kind, (build, count) in ORG_KINDS.items():
            made = 0
            while made < count:
                fields = build(rng)
                letters = acronym_of(fields["core"])
                # Mostly distinct acronyms among state bodies, as in life; a few shared.
                shared = kind in ("soe", "public", "association") and acronyms[letters]
                if shared and rng.random() < 0.85:
                    continue
                if self.add_org(fields, rng):
                    acronyms[letters] += 1
                    made += 1

    def make_org_distractors(self) -> None:
        rng = self.rng("organisation-distractors")
        branded = [o for o in self.orgs if o.kind in ("west", "bank", "shipping", "cn")]
        self._distract_orgs(branded, 70, rng, another_business)
        for kinds, count in ((("ru", "uk", "kz", "by"), 40), (("west",), 15), (("soe",), 12)):
            bases = [o for o in self.orgs if o.kind in kinds and not o.distractor]
            self._distract_orgs(bases, count, rng, subsidiary)
        bases = [o for o in self.orgs if o.kind == "cn" and not o.distractor]
        self._distract_orgs(bases, 8, rng, subsidiary)

    def _distract_orgs(
        self, bases: list[Org], count: int, rng: random.Random, make: Callable
    ) -> None:
        bases = [b for b in bases if not b.distractor]
        rng.shuffle(bases)
        made = 0
        for base in bases:
            if made == count:
                return
            fields = make(base, rng)
            if fields and self.add_org(fields, rng, distractor=True):
                made += 1


def other_syllable_names(base: Person, rng: random.Random) -> Names | None:
    """The same Chinese family name and a given name one syllable (and one sound) apart."""
    given = base.given
    if not isinstance(given, HanPart) or len(given.syllables) != 2:
        return None
    syllables = list(given.syllables)
    position = rng.randrange(2)
    other = rng.choice([s for s in ZH_GIVEN if s[1] not in given.pinyin])
    syllables[position] = other
    return base.gender, HanPart(syllables), [], base.family


def another_business(base: Org, rng: random.Random) -> dict | None:
    """Another company with the same distinctive word: Alfa Bank -> Alfa Insurance."""
    if base.kind == "cn":
        sector_han, sector = rng.choice([s for s in ZH_SECTORS if s[1] not in base.core])
        city = rng.choice([c for c in ZH_CITY_BY_LATIN if c != "Hong Kong"])
        city_han, division = ZH_CITY_BY_LATIN[city]
        return {
            "kind": "cn",
            "schema": "Company",
            "core": [*city.split(), base.brand, *sector.split()],
            "jurisdiction": "cn",
            "legal_form": "cn_ltd",
            "forms": base.forms,
            "han": city_han + (base.brand_han or "") + sector_han,
            "brand": base.brand,
            "brand_han": base.brand_han,
            "city": city,
            "division": division,
        }
    sector = rng.choice([s for s in WEST_SECTORS if s not in base.core])
    jurisdiction = rng.choice(list(WEST_JURISDICTIONS))
    legal_form, form_style = west_legal_form(rng, jurisdiction)
    return {
        "kind": "west",
        "schema": "Company",
        "core": [base.brand or base.core[0], sector],
        "jurisdiction": jurisdiction,
        "legal_form": legal_form,
        "form_style": form_style,
        "brand": base.brand,
    }


def subsidiary(base: Org, rng: random.Random) -> dict | None:
    """A company named after another one plus what it does: X -> X Нефть, X Shipping
    Management, National X Oil Refining Company."""
    if base.cyrillic and " " not in base.cyrillic:
        style = CYRILLIC_ORG_STYLES[base.kind]
        cyrillic = f"{base.cyrillic} {second_word(base.cyrillic, style, rng)}"
        system = CYRILLIC_SYSTEMS[style.language][LIST_SYSTEM[style.language]]
        return {
            "kind": base.kind,
            "schema": "Company",
            "core": romanise(cyrillic, system).split(),
            "jurisdiction": base.jurisdiction,
            "legal_form": weighted(rng, style.legal_forms),
            "form_style": base.form_style,
            "form_first": base.form_first,
            "forms": base.forms,
            "cyrillic": cyrillic,
            "language": style.language,
            "brand": base.brand,
        }
    generic = ("Group", "Partners", "Solutions", "Ventures", "Holdings")
    if base.kind == "west" and len(base.core) == 2 and base.core[-1] not in generic:
        extra = rng.choice([w for w in WEST_SUBSIDIARY_WORDS if w not in base.core])
        return {
            "kind": "west",
            "schema": "Company",
            "core": [*base.core, extra],
            "jurisdiction": base.jurisdiction,
            "legal_form": base.legal_form,
            "form_style": base.form_style,
            "brand": base.brand,
        }
    if (
        base.kind == "soe"
        and base.core[-1] in ("Company", "Corporation")
        and (
            base.core[-2] in SOE_SECTORS  # one business word to qualify: Oil -> Oil Refining
        )
    ):
        sector = base.core[-2]
        seconds = next((two for one, two in SECTOR_FAMILIES.values() if sector in one), SOE_SECOND)
        extra = rng.choice([w for w in seconds if w not in base.core])
        return {
            "kind": "soe",
            "schema": base.schema,
            "core": [*base.core[:-1], extra, base.core[-1]],
            "jurisdiction": base.jurisdiction,
        }
    if base.kind == "cn" and base.han:
        extra_han, extra = rng.choice([("贸易", "Trading"), ("科技", "Technology")])
        if extra in base.core or base.core[-1] in ("Trading", "Technology"):
            return None
        return {
            "kind": "cn",
            "schema": "Company",
            "core": [*base.core, extra],
            "jurisdiction": base.jurisdiction,
            "legal_form": base.legal_form,
            "forms": base.forms,
            "han": base.han + extra_han,
            "brand": base.brand,
            "brand_han": base.brand_han,
            "city": base.city,
        }
    return None


# --------------------------------------------------------------------------- queries


@dataclass
class Query:
    name: str
    schema: str
    klass: str
    kind: str
    expected: str | None
    near: str | None = None  # for negatives: the entry it was built to resemble
    country: str | None = None
    birth_date: str | None = None
    identifiers: list[dict[str, str]] | None = None
    id: str = ""

    def as_json(self) -> dict:
        line: dict = {"id": self.id, "name": self.name, "schema": self.schema}
        if self.country:
            line["country"] = self.country
        if self.birth_date:
            line["birth_date"] = self.birth_date
        if self.identifiers:
            line["identifiers"] = self.identifiers
        line |= {"expected": self.expected, "class": self.klass, "kind": self.kind}
        if self.near:
            line["near"] = self.near
        line["split"] = split_of(self.id)
        return line


Entity = Person | Org
Perturbation = tuple[str, str] | None  # (query name, kind) or None where it does not apply

QWERTY = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
JCUKEN = ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")


def keyboard_neighbours(rows: tuple[str, ...]) -> dict[str, str]:
    """Keys next to each key on a staggered keyboard: left, right, the two above and
    the two below."""
    neighbours: dict[str, str] = {}
    for r, row in enumerate(rows):
        for i, key in enumerate(row):
            near = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
            if r > 0:
                near += [rows[r - 1][j] for j in (i, i + 1) if j < len(rows[r - 1])]
            if r + 1 < len(rows):
                near += [rows[r + 1][j] for j in (i - 1, i) if 0 <= j < len(rows[r + 1])]
            neighbours[key] = "".join(near)
    return neighbours


NEIGHBOURS = keyboard_neighbours(QWERTY) | keyboard_neighbours(JCUKEN)


def with_case_of(original: str, new: str) -> str:
    return new.upper() if original.isupper() else new.lower()


def substitute(word: str, i: int, rng: random.Random) -> str | None:
    options = NEIGHBOURS.get(fold_marks(word[i].lower()), "")
    if not options:
        return None
    return word[:i] + with_case_of(word[i], rng.choice(options)) + word[i + 1 :]


def delete(word: str, i: int, rng: random.Random) -> str | None:
    shorter = word[:i] + word[i + 1 :]
    return capitalise(shorter) if i == 0 and word[0].isupper() else shorter


def insert(word: str, i: int, rng: random.Random) -> str | None:
    """A doubled letter or a neighbouring key hit as well."""
    letter = word[i].lower()
    extra = letter if rng.random() < 0.5 else rng.choice(NEIGHBOURS.get(letter) or letter)
    return word[: i + 1] + with_case_of(word[i + 1 : i + 2] or word[i], extra) + word[i + 1 :]


def transpose(word: str, i: int, rng: random.Random) -> str | None:
    if i + 1 >= len(word) or not word[i + 1].isalpha() or word[i].lower() == word[i + 1].lower():
        return None
    first, second = word[i + 1], word[i]
    if word[i].isupper() and not word[i + 1].isupper():
        first, second = first.upper(), second.lower()
    return word[:i] + first + second + word[i + 2 :]


EDITS = {"substitution": substitute, "deletion": delete, "insertion": insert}
EDITS["transposition"] = transpose


def editable(word: str) -> bool:
    """A word a typo may hit: a name word of four letters or more, not a legal form."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 4 and fold(word) not in LEGAL_TOKENS | STOP_TOKENS


def typo_in_word(word: str, rng: random.Random, at_start: bool) -> tuple[str, str] | None:
    positions = [i for i, c in enumerate(word) if c.isalpha()]
    for _ in range(6):
        operation = rng.choice(
            ["substitution", "deletion", "transposition"] if at_start else list(EDITS)
        )
        i = positions[0] if at_start else rng.choice(positions)
        edited = EDITS[operation](word, i, rng)
        if edited and fold(edited) != fold(word):
            return edited, operation
    return None


# Cultures whose names are written with initials (not Chinese, Korean, Arabic, Persian).
INITIALS_CULTURES = ("ru", "uk", "west", "el", "tr", "he")


class Perturbations:
    """The nine perturbation classes, each a method: target -> (query name, kind)."""

    def __init__(self, world: World, index: ListIndex) -> None:
        self.world = world
        self.index = index
        self.known = known_tokens(world)
        self.syllables = {p for _, p in ZH_GIVEN} | {p for _, p in ZH_FAMILY}
        acronyms = Counter(acronym_of(o.core).upper() for o in world.orgs)
        self.unique_acronyms = {a for a, n in acronyms.items() if n == 1}

    # ---- typo

    def typo(self, target: Entity, rng: random.Random) -> Perturbation:
        text = target.listed_latin()
        if text is None:
            native = target.listed_native()
            if not native or not re.search("[а-яё]", native.lower()):
                return None
            text = native
        words = text.split(" ")
        candidates = [i for i, w in enumerate(words) if editable(w)]
        if isinstance(target, Org):
            core = set(target.core)
            candidates = [i for i in candidates if words[i] in core or not target.listed_latin()]
        if not candidates:
            return None
        where = weighted(rng, {"first_letter": 0.3, "longest_word": 0.35, "anywhere": 0.35})
        if where == "longest_word":
            first = max(candidates, key=lambda i: (len(words[i]), -i))
        else:
            first = rng.choice(candidates)
        edits = [(first, where == "first_letter")]
        if rng.random() < 0.3:  # a second edit, in another word or in a long one
            others = [i for i in candidates if i != first] or (
                [first] if len(words[first]) >= 8 else []
            )
            if others:
                edits.append((rng.choice(others), False))
        operations, original = [], list(words)
        for i, at_start in edits:
            result = typo_in_word(words[i], rng, at_start)
            if result is None:
                return None
            words[i], operation = result
            operations.append(operation)
            if not self.plausible_typo(words[i], original[i], target):
                return None
        return " ".join(words), f"{where},{'+'.join(operations)}"

    def plausible_typo(self, word: str, original: str, target: Entity) -> bool:
        """A typo must not spell another name: not a known name word, and for a Chinese
        name, not something that reads as other pinyin syllables (that is a negative)."""
        folded = fold(word)
        changed = set(folded.split()) - set(fold(original).split())  # Al-Otiabi: otiabi
        if changed & self.known:
            return False
        if isinstance(target, Person) and target.culture == "zh":
            return not segments(folded.replace("-", ""), self.syllables)
        return True

    # ---- transliteration

    def transliteration(self, target: Entity, rng: random.Random) -> Perturbation:
        listed = target.listed_latin()
        if listed is None:
            return None
        if isinstance(target, Org):
            if not target.cyrillic or not target.language:
                return None
            for system in system_order(QUERY_SYSTEMS[target.language], rng):
                romanised = romanise(target.cyrillic, CYRILLIC_SYSTEMS[target.language][system])
                name = target.latin(core=romanised.split())
                if fold(name) != fold(listed):
                    return name, f"{target.language}:{system}"
            return None
        if target.culture not in QUERY_SYSTEMS:
            return None
        for system in system_order(QUERY_SYSTEMS[target.culture], rng):
            for _ in range(4):
                name = target.latin(system, rng)
                if fold(name) != fold(listed):
                    return name, f"{target.culture}:{system}"
        return None

    # ---- word order

    def word_order(self, target: Entity, rng: random.Random) -> Perturbation:
        if isinstance(target, Org):
            if not target.reorders:
                return None
            kind, core = rng.choice(target.reorders)
            return target.latin(core=core), kind
        if target.family_first:  # Chinese and Korean names, written the Western way
            if not target.listed_latin():
                return None
            return target.latin(family_first=False), "given_first"
        native = target.listed_native()
        use_native = native and (not target.listed_latin() or rng.random() < 0.25)
        if use_native:
            words = target.native_name(family_first=True).split(" ")
        elif target.listed_latin():
            words = target.latin(family_first=True).split(" ")
        else:
            return None
        style = weighted(rng, {"family_first": 0.5, "family_first_comma": 0.3, "upper": 0.2})
        family_words = len((target.family.native if use_native else target.family.latin()).split())
        family = " ".join(words[:family_words])
        rest = " ".join(words[family_words:])
        if style == "family_first_comma":
            comma = "،" if use_native and target.culture in ("ar", "fa") else ","
            return f"{family}{comma} {rest}", style
        if style == "upper":
            return f"{family.upper()} {rest}", "family_first_upper"
        return f"{family} {rest}", style

    # ---- legal form

    def legal_form(self, target: Entity, rng: random.Random) -> Perturbation:
        if not isinstance(target, Org):
            return None
        options = self.legal_form_options(target, rng)
        listed = {fold(n) for n in target.listed_names()}
        options = [(n, k) for n, k in options if fold(n) not in listed]
        if not options:
            return None
        weights = [LEGAL_FORM_WEIGHTS[kind] for _, kind in options]
        return rng.choices(options, weights=weights)[0]

    def legal_form_options(self, org: Org, rng: random.Random) -> list[tuple[str, str]]:
        form, style = org.form, org.form_style
        options: list[tuple[str, str]] = []
        if form is None:
            last = org.core[-1]
            if last in NAME_FORM_WORDS and len(org.core) >= 3:
                options.append(
                    (org.latin(core=[*org.core[:-1], NAME_FORM_WORDS[last]]), "abbreviated")
                )
                options.append((org.latin(core=org.core[:-1]), "dropped"))
                options.append((org.latin(core=[*org.core[:-1], misspell(last, rng)]), "misspelt"))
            elif org.kind in ("unregistered", "west", "bank", "shipping"):
                added = LEGAL_FORMS[rng.choice(WEST_JURISDICTIONS[org.jurisdiction])].abbr
                options.append((org.latin(form_text=added), "added"))
            return options
        if org.listed_latin():
            options += self.latin_form_options(org, form, style, rng)
        if org.han and org.forms == "both":
            others = [f.native for f in (LEGAL_FORMS["cn_ltd"], LEGAL_FORMS["cn_jsc"])]
            others.append("有限责任公司")
            changed = rng.choice([n for n in others if n != form.native])
            options += [(org.han, "dropped"), (org.han + (changed or ""), "changed")]
        return options

    def latin_form_options(
        self, org: Org, form: LegalForm, style: str, rng: random.Random
    ) -> list[tuple[str, str]]:
        options = [(org.latin(drop_form=True), "dropped")]
        full = form.english_full if style in ("english", "english_full") else form.full
        abbr = form.english if style in ("english", "english_full") else form.abbr
        # A spelled-out Russian or Ukrainian form goes first (Limited Liability Company X).
        full_first = True if org.cyrillic else None
        if style in ("abbr", "english") and full and fold(full) != fold(abbr or ""):
            options.append((org.latin(form_text=full, first=full_first), "expanded"))
            misspelt = misspell_phrase(full, rng)
            options.append((org.latin(form_text=misspelt, first=full_first), "misspelt"))
        if style in ("full", "english_full") and abbr:
            options.append((org.latin(form_text=abbr), "abbreviated"))
            options.append(
                (org.latin(form_text=misspell_phrase(full or form.full, rng)), "misspelt")
            )
        if form.english:  # OOO <-> LLC, as Russian and English sources write it
            other = form.english if style in ("abbr", "full") else form.abbr
            options.append((org.latin(form_text=other), "translated"))
        for spelling in form.spellings:
            options.append((org.latin(form_text=spelling), "respelt"))
        if org.cyrillic:  # OOO Sever <-> Sever OOO: both orders are common
            options.append((org.latin(first=not org.form_first), "moved"))
        for related in (form.successor, form.predecessor):
            if related:  # ОАО became ПАО in 2014: lists hold both
                other_form = LEGAL_FORMS[related]
                text = other_form.english if style.startswith("english") else other_form.abbr
                options.append((org.latin(form_text=text), "changed"))
        return options

    # ---- acronym

    def acronym(self, target: Entity, rng: random.Random) -> Perturbation:
        if not isinstance(target, Org) or target.kind not in ("soe", "public", "association"):
            return None
        letters = acronym_of(target.core).upper()
        if not 3 <= len(letters) <= 6 or letters not in self.unique_acronyms:
            return None
        if target.kind == "public" and target.country_short:
            return None  # nobody abbreviates "of the Socialist Republic of Vietnam"
        if letters.lower() in self.index.tokens or letters.lower() in self.known:
            return None
        style = weighted(rng, {"plain": 0.75, "dotted": 0.1, "with_legal_form": 0.15})
        if style == "dotted":
            return "".join(f"{letter}." for letter in letters), style
        if style == "with_legal_form" and target.form_text():
            return f"{letters} {target.form_text()}", style
        return letters, "plain"

    # ---- initials

    def initials(self, target: Entity, rng: random.Random) -> Perturbation:
        if not isinstance(target, Person) or target.culture not in INITIALS_CULTURES:
            return None
        native = target.culture in ("ru", "uk") and target.listed_native()
        use_native = bool(native) and (not target.listed_latin() or rng.random() < 0.3)
        if not use_native and not target.listed_latin():
            return None

        def text(part: Part) -> str:
            return (part.native or "") if use_native else part.latin()

        given, family = text(target.given), text(target.family)
        middle = [text(m) for m in target.middle]
        g, m = initial_of(given, rng, use_native), ""
        options: list[tuple[str, str, bool]] = [(f"{g}. {family}", "given", False)]
        options.append((f"{family}, {g}.", "given_family_first", False))
        if middle:
            m = initial_of(middle[0], rng, use_native)
            options += [
                (f"{g}. {m}. {family}", "given_and_middle", True),
                (f"{g}.{m}. {family}", "given_and_middle_no_space", True),
                (f"{family} {g}.{m}.", "family_first", True),
                (f"{given} {m}. {family}", "middle_only", True),
            ]
        name, kind, uses_middle = rng.choice(options)
        if kind == "middle_only":
            return name, kind  # the given name is whole: no other reading
        if self.initials_ambiguous(target, family, g, m if uses_middle else None, use_native):
            return None
        return name, kind

    def initials_ambiguous(
        self, target: Person, family: str, given: str, middle: str | None, native: bool
    ) -> bool:
        """Another listed person with this family name whose initials fit as well."""
        for other in self.world.persons:
            if other is target:
                continue
            other_family = other.family.native if native else other.family.latin()
            if fold(other_family or "") != fold(family):
                continue
            other_given = (other.given.native if native else other.given.latin()) or ""
            if fold(other_given)[:1] != fold(given)[:1]:
                continue
            if middle is None or not other.middle:
                return True
            other_middle = (other.middle[0].native if native else other.middle[0].latin()) or ""
            if fold(other_middle)[:1] == fold(middle)[:1]:
                return True
        return False

    # ---- script

    def script(self, target: Entity, rng: random.Random) -> Perturbation:
        if not target.has_native:
            return None
        if isinstance(target, Person):
            script = NATIVE_SCRIPT[target.culture]
            if target.forms == "latin":
                return target.native_name(), f"latin->{script}"
            if target.forms == "native":
                systems = ["list", *QUERY_SYSTEMS.get(target.culture, [])]
                return target.latin(rng.choice(systems), rng), f"{script}->latin"
            return None
        if not target.cyrillic or not target.language:
            return None  # a Chinese company's English name is a translation, not a script
        if target.forms == "latin":
            quotes = rng.choice(["«»", '""', ""])
            return target.native_name(quotes=quotes) or "", "latin->cyrillic"
        if target.forms == "native":
            system = rng.choice(["list", *QUERY_SYSTEMS[target.language]])
            chosen = CYRILLIC_SYSTEMS[target.language]
            romanised = romanise(
                target.cyrillic,
                chosen[LIST_SYSTEM[target.language] if system == "list" else system],
            )
            style = rng.choice(["abbr", "english"])
            return target.latin(
                core=romanised.split(), form_text=target.form_text(style)
            ), "cyrillic->latin"
        return None

    # ---- homoglyph

    def homoglyph(
        self, target: Entity, rng: random.Random, text: str | None = None
    ) -> Perturbation:
        text = text or target.listed_latin()
        if not text:
            return None
        alphabet = weighted(rng, {"cyrillic": 0.7, "greek": 0.2, "mixed": 0.1})
        table = (
            HOMOGLYPHS["greek"] | HOMOGLYPHS["cyrillic"]
            if alphabet == "mixed"
            else HOMOGLYPHS[alphabet]
        )
        positions = [i for i, char in enumerate(text) if char in table]
        if not positions:
            return None
        how = weighted(rng, {"one_letter": 0.5, "several_letters": 0.35, "whole_word": 0.15})
        if how == "one_letter":
            chosen = [rng.choice(positions)]
        elif how == "several_letters":
            chosen = rng.sample(positions, min(len(positions), rng.randint(2, 3)))
        else:
            word_starts = [m.span() for m in re.finditer(r"\S+", text)]
            start, end = rng.choice(
                [span for span in word_starts if any(span[0] <= p < span[1] for p in positions)]
            )
            chosen = [p for p in positions if start <= p < end]
        chars = list(text)
        for p in chosen:
            if alphabet == "mixed":
                lookalikes = [
                    HOMOGLYPHS[a][chars[p]]
                    for a in ("cyrillic", "greek")
                    if chars[p] in HOMOGLYPHS[a]
                ]
                chars[p] = rng.choice(lookalikes)
            else:
                chars[p] = table[chars[p]]
        return "".join(chars), f"{how},{alphabet}"

    # ---- shortened

    def shortened(self, target: Entity, rng: random.Random) -> Perturbation:
        options = (
            self.person_shortenings(target)
            if isinstance(target, Person)
            else self.org_shortenings(target, rng)
        )
        return rng.choice(options) if options else None

    def person_shortenings(self, person: Person) -> list[tuple[str, str]]:
        native = person.listed_native()
        render = person.latin if person.listed_latin() else None
        options: list[tuple[str, str]] = []
        if person.middle:
            kind = {"ru": "patronymic_dropped", "uk": "patronymic_dropped", "ar": "nasab_dropped"}
            label = kind.get(person.culture, "middle_name_dropped")
            if render:
                options.append((render(middle=False), label))
            if native and person.culture in ("ru", "uk"):
                options.append((person.native_name(middle=False), label))
        given = person.given.latin()
        if render and person.culture == "west" and given in WEST_SHORT:
            short = WEST_SHORT[given]
            if given.startswith(short):  # a shortening, not a nickname (Bill for William)
                name = " ".join([short, *(m.latin() for m in person.middle), person.family.latin()])
                options.append((name, "given_name_shortened"))
        return options

    def org_shortenings(self, org: Org, rng: random.Random) -> list[tuple[str, str]]:
        if not org.listed_latin():
            return []
        options: list[tuple[str, str]] = []
        abbreviable = [i for i, w in enumerate(org.core) if w in ABBREVIATIONS]
        if abbreviable:
            core = list(org.core)
            for i in rng.sample(abbreviable, min(len(abbreviable), rng.choice([1, 1, 2]))):
                core[i] = ABBREVIATIONS[core[i]]
            options.append((org.latin(core=core), "word_abbreviated"))
        if org.city and org.core[: len(org.city.split())] == org.city.split():
            options.append((org.latin(core=org.core[len(org.city.split()) :]), "city_dropped"))
        if org.country_short:
            options.append((org.latin(core=org.country_short), "country_shortened"))
        return options


# How likely a filer is to use each system, relative to the others of its language: the
# English news spelling and the passport spelling (Yevgeny, Evgenii) most of all.
SYSTEM_WEIGHTS = {"popular": 3.0, "icao": 3.0, "german": 1.5, "legacy": 2.0, "bgn": 2.0}


def system_order(systems: list[str], rng: random.Random) -> list[str]:
    """The systems in a random order weighted by SYSTEM_WEIGHTS; the first whose spelling
    differs from the list's is used."""
    keyed = [(rng.random() ** (1 / SYSTEM_WEIGHTS.get(s, 1.0)), s) for s in systems]
    return [s for _, s in sorted(keyed, reverse=True)]


def initial_of(word: str, rng: random.Random, native: bool) -> str:
    """A name's initial; romanised Cyrillic keeps a digraph now and then (Yu., Zh.)."""
    digraphs = ("Shch", "Yu", "Ya", "Ye", "Zh", "Kh", "Ts", "Ch", "Sh")
    for digraph in digraphs:
        if not native and word.startswith(digraph) and rng.random() < 0.4:
            return digraph
    return word[:1].upper()


def misspell(word: str, rng: random.Random) -> str:
    """One slip in a word: a letter left out (Compay), two swapped (Comapny), or doubled."""
    i = rng.randrange(1, len(word) - 1)
    how = weighted(rng, {"deletion": 0.6, "transposition": 0.25, "insertion": 0.15})
    if how == "transposition" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if how == "insertion":
        return word[: i + 1] + word[i] + word[i + 1 :]
    return word[:i] + word[i + 1 :]


def misspell_phrase(phrase: str, rng: random.Random) -> str:
    """A slip in the longest word of a legal form: Joint Stock Compay, Limted."""
    words = phrase.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    words[longest] = misspell(words[longest], rng)
    return " ".join(words)


def segments(word: str, syllables: set[str]) -> bool:
    """Whether the word reads as a run of these syllables (weiping = wei + ping)."""
    reachable = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reachable[end] = any(
            reachable[start] and word[start:end] in syllables
            for start in range(max(0, end - 6), end)
        )
    return reachable[-1]


def known_tokens(world: World) -> set[str]:
    """Every word that spells a name somewhere: the tables in every system, and the
    list. A typo landing on one of these is another name, not a typo."""
    words: set[str] = set(world_index_tokens(world))
    cyrillic = [w for w, _ in RU_MALE] + [p for _, p in RU_MALE] + RU_FEMALE + RU_FAMILY
    cyrillic += [ru_feminine_family(f) for f in RU_FAMILY]
    cyrillic += [ru_feminine_patronymic(p) for _, p in RU_MALE]
    for text in cyrillic:
        words.update(fold(romanise(text, system)) for system in RUSSIAN.values())
    ukrainian = [w for w, _ in UK_MALE] + [p for _, p in UK_MALE] + UK_FEMALE + UK_FAMILY
    for text in ukrainian:
        words.update(fold(romanise(text, system)) for system in UKRAINIAN.values())
    greek = EL_GIVEN_MALE + EL_GIVEN_FEMALE + [n for pair in EL_FAMILY for n in pair]
    for text in greek:
        words.update(fold(greek_to_latin(text, system)) for system in GREEK.values())
    spelled = AR_GIVEN_MALE + AR_GIVEN_FEMALE + AR_FAMILY + FA_GIVEN_MALE + FA_GIVEN_FEMALE
    spelled += FA_FAMILY + HE_GIVEN_MALE + HE_GIVEN_FEMALE + HE_FAMILY
    for _, spellings in spelled:
        words.update(fold(s) for s in spellings.split())
    for entry in KOREAN_FAMILY:
        words.update(fold(e) for e in entry[1:])
    for _, revised, mr in KOREAN_SYLLABLES:
        words.update({fold(revised), fold(mr), fold(mr.replace("'", ""))})
    for _, pinyin in ZH_FAMILY + ZH_GIVEN:
        words.update({pinyin, fold(wade_giles_syllable(pinyin))})
    latin = WEST_MALE + WEST_FEMALE + WEST_FAMILY + TR_MALE + TR_FEMALE + TR_FAMILY
    latin += WEST_BRANDS + WEST_SECTORS + GREEK_SHIPPING_BRANDS + list(WEST_SHORT.values())
    words.update(fold(w) for w in latin)
    return {token for word in words for token in word.split()}


def world_index_tokens(world: World) -> set[str]:
    tokens: set[str] = set()
    for entity in world.entities:
        for name in entity.listed_names():
            tokens.update(fold(name).split())
        if isinstance(entity, Org) and entity.cyrillic and entity.language:
            for system in CYRILLIC_SYSTEMS[entity.language].values():
                tokens.update(fold(romanise(entity.cyrillic, system)).split())
    return tokens


# --------------------------------------------------------------------------- positives

# Share of each class's queries aimed at persons; the rest at organisations.
PERSON_SHARE = {
    "typo": 0.5,
    "transliteration": 0.88,
    "word_order": 0.78,
    "legal_form": 0.0,
    "acronym": 0.0,
    "initials": 1.0,
    "script": 0.72,
    "homoglyph": 0.5,
    "shortened": 0.6,
}
# How often each way of changing a legal form is picked, where it applies: the forms
# that trip matchers (translated, changed, misspelt) more than plain dropping.
LEGAL_FORM_WEIGHTS = {
    "dropped": 1.0,
    "expanded": 1.2,
    "abbreviated": 1.2,
    "translated": 1.5,
    "respelt": 0.6,
    "misspelt": 1.0,
    "moved": 0.8,
    "changed": 1.5,
    "added": 0.6,
}
# Classes whose query may be written in capitals or small letters, as filers do.
RECASED = {"typo", "transliteration", "legal_form", "initials", "shortened"}


def interleave(entities: list, group: Callable, rng: random.Random) -> list:
    """Entities shuffled so that every stretch of the order holds each group (culture,
    kind of organisation) in proportion to its size: no one group fills a class, and
    none is left out."""
    groups: dict[str, list] = defaultdict(list)
    for entity in entities:
        groups[group(entity)].append(entity)
    placed = []
    for name in sorted(groups):
        members = groups[name]
        rng.shuffle(members)
        placed += [((k + rng.random()) / len(members), e.id, e) for k, e in enumerate(members)]
    return [entity for _, _, entity in sorted(placed, key=lambda item: item[:2])]


def recase(name: str, rng: random.Random) -> str:
    roll = rng.random()
    return name.upper() if roll < 0.12 else name.lower() if roll < 0.16 else name


def query_schema(target: Entity, rng: random.Random) -> str:
    """The schema a filer gives: a public body is an Organization to match_names, and
    some filers call any organisation a LegalEntity."""
    if isinstance(target, Person):
        return "Person"
    if target.schema == "PublicBody":
        return "Organization"
    if target.schema == "LegalEntity":
        return rng.choice(["Company", "LegalEntity"])
    return "LegalEntity" if rng.random() < 0.1 else target.schema


def country_of(target: Entity) -> str | None:
    code = target.nationality if isinstance(target, Person) else target.jurisdiction
    return code.upper() if code else None


def query_birth_date(person: Person, rng: random.Random) -> str | None:
    """The listed birth date as a filer gives it: a full date, also when the list only
    knows the year."""
    if not person.birth_date:
        return None
    if len(person.birth_date) == 4:
        return f"{person.birth_date}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return person.birth_date


def acceptable_positive(index: ListIndex, name: str, target: Entity, klass: str) -> bool:
    """Keep a positive only if it means its target and nothing else on the list: it is
    not a listed name of the target (bar homoglyphs, which fold back to it), not the
    name of another entry, and not contained in another entry's name."""
    if not name.strip():
        return False
    folded_names = {fold(n) for n in target.listed_names()}
    if klass != "homoglyph" and fold(name) in folded_names:
        return False
    if klass == "homoglyph" and name in target.listed_names():
        return False
    if index.owners_of(name) - {target.id}:
        return False
    tokens = significant_tokens(name)
    return not (tokens and index.containing(tokens) - {target.id})


def make_positives(world: World, index: ListIndex, perturb: Perturbations) -> list[Query]:
    queries: list[Query] = []
    for klass in CLASSES:
        rng = world.rng(f"positives/{klass}")
        persons = interleave([p for p in world.persons], lambda p: p.culture, rng)
        orgs = interleave([o for o in world.orgs], lambda o: o.kind, rng)
        wanted_persons = round(PER_CLASS * PERSON_SHARE[klass])
        made = generate(klass, persons, wanted_persons, index, perturb, rng)
        made += generate(klass, orgs, PER_CLASS - len(made), index, perturb, rng)
        if len(made) < PER_CLASS:  # top up from persons if organisations ran short
            used = {q.expected for q in made}
            rest = [p for p in persons if p.id not in used]
            made += generate(klass, rest, PER_CLASS - len(made), index, perturb, rng)
        queries += made
    return queries


def generate(
    klass: str,
    targets: list[Entity],
    wanted: int,
    index: ListIndex,
    perturb: Perturbations,
    rng: random.Random,
) -> list[Query]:
    method = getattr(perturb, klass)
    made: list[Query] = []
    for target in targets:
        if len(made) >= wanted:
            break
        if klass == "homoglyph":
            listed = target.listed_latin()
            result = method(target, rng, recase(listed, rng) if listed else None)
        else:
            result = method(target, rng)
        if result is None:
            continue
        name, kind = result
        if klass in RECASED and not kind.endswith("upper"):
            name = recase(name, rng)
        if not acceptable_positive(index, name, target, klass):
            continue
        query = Query(name, query_schema(target, rng), klass, kind, target.id)
        if rng.random() < 0.5:
            query.country = country_of(target)
        if isinstance(target, Person) and rng.random() < 0.35:
            query.birth_date = query_birth_date(target, rng)
        made.append(query)
    return made


# --------------------------------------------------------------------------- negatives


class Negatives:
    """Hard negatives, one method per kind: near -> a query that resembles `near` but
    names nobody on the list (expected null)."""

    def __init__(self, world: World, index: ListIndex, perturb: Perturbations) -> None:
        self.world, self.index, self.perturb = world, index, perturb
        self.acronyms = {acronym_of(o.core).upper() for o in world.orgs}

    def is_listed_person(self, names: Names) -> bool:
        _, given, _, family = names
        probe = Person("", "", "", given, [], family)
        return probe.key() in self.world.person_keys or (
            given.native is not None and (given.native, family.native) in self.world.native_keys
        )

    def render_person(self, near: Person, names: Names) -> str:
        gender, given, middle, family = names
        probe = Person("", near.culture, gender, given, middle, family)
        return probe.latin() if near.listed_latin() else probe.native_name()

    def person_like(self, near: Person, names: Names) -> str | None:
        if self.is_listed_person(names):
            return None
        return self.render_person(near, names)

    # ---- persons

    def same_family_other_given(self, near: Person, rng: random.Random) -> str | None:
        gender, given, middle, _ = CULTURE[near.culture].build(rng, near.gender)
        if near.has_patronymic:  # brothers share a patronymic (Boris and Arkady R.)
            middle = weighted_choice(rng, [(near.middle, 0.4), (middle, 0.4), ([], 0.2)])
        return self.person_like(near, (gender, given, middle, near.family))

    def chinese_other_syllable(self, near: Person, rng: random.Random) -> str | None:
        names = other_syllable_names(near, rng)
        return self.person_like(near, names) if names else None

    def same_given_other_family(self, near: Person, rng: random.Random) -> str | None:
        gender, _, middle, family = CULTURE[near.culture].build(rng, near.gender)
        if near.has_patronymic and rng.random() < 0.5:
            middle = near.middle
        return self.person_like(near, (gender, near.given, middle, family))

    def initials_other_person(self, near: Person, rng: random.Random) -> str | None:
        if near.culture not in ("ru", "uk", "west", "el", "tr") or not near.listed_latin():
            return None
        family = near.family.latin()
        taken = {
            fold(p.given.latin())[:1]
            for p in self.world.persons
            if fold(p.family.latin()) == fold(family)
        }
        systems = ["list", *QUERY_SYSTEMS.get(near.culture, [])]
        taken |= {fold(near.given.latin(system))[:1] for system in systems}  # Ye/E/Je, Yu/Iu
        letters = sorted({fold(w)[:1].upper() for w in initials_pool(near.culture)})
        free = [letter for letter in letters if letter.lower() not in taken]
        if not free:
            return None
        given = rng.choice(free)
        if near.has_patronymic and rng.random() < 0.6:
            return f"{given}. {near.middle[0].latin()[:1]}. {family}"
        return f"{given}. {family}"

    def birth_date_differs(self, near: Person, rng: random.Random) -> str | None:
        return (near.listed_latin() or near.listed_native()) if near.birth_date else None

    # ---- organisations

    def shared_word_other_business(self, near: Org, rng: random.Random) -> str | None:
        if not near.brand or near.kind not in ("west", "bank", "shipping", "cn", "unregistered"):
            return None
        fields = another_business(near, rng)
        return self.render_org(near, fields)

    def parent_or_subsidiary(self, near: Org, rng: random.Random) -> str | None:
        fields = subsidiary(near, rng) if rng.random() < 0.5 else parent(near)
        return self.render_org(near, fields)

    def same_name_other_country(self, near: Org, rng: random.Random) -> str | None:
        if "leiCode" not in near.identifiers or not namesake_jurisdictions(near):
            return None
        return near.listed_latin()

    def acronym_other_organisation(self, near: Org, rng: random.Random) -> str | None:
        letters = acronym_of(near.core).upper()
        if near.kind not in ("soe", "public", "association") or len(letters) < 3:
            return None
        i = rng.randrange(1, len(letters))
        other = letters[:i] + rng.choice([c for c in "ABCDEFGHIKLMNOPRSTU" if c != letters[i]])
        other += letters[i + 1 :]
        known = other.lower() in self.index.tokens or other.lower() in self.perturb.known
        return None if other in self.acronyms or known else other

    def render_org(self, near: Org, fields: dict | None) -> str | None:
        if not fields:
            return None
        fields = {k: v for k, v in fields.items() if k != "division"}
        org = Org("", **fields)
        if org.key() in self.world.org_keys:
            return None
        return org.latin() if near.listed_latin() else org.native_name()


def weighted_choice(rng: random.Random, options: list[tuple[list[Part], float]]) -> list[Part]:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def initials_pool(culture: str) -> list[str]:
    """Given names of a culture, romanised: where the letters of invented initials come from."""
    if culture == "ru":
        return [romanise(n, RUSSIAN["bgn"]) for n in [m for m, _ in RU_MALE] + RU_FEMALE]
    if culture == "uk":
        return [romanise(n, UKRAINIAN["kmu"]) for n in [m for m, _ in UK_MALE] + UK_FEMALE]
    if culture == "el":
        return [greek_to_latin(n, GREEK["elot"]) for n in EL_GIVEN_MALE + EL_GIVEN_FEMALE]
    if culture == "tr":
        return TR_MALE + TR_FEMALE
    return WEST_MALE + WEST_FEMALE


def parent(near: Org) -> dict | None:
    """The name without the word that says what the company does: X Нефть -> X."""
    if near.cyrillic and " " in near.cyrillic and not near.cyrillic.startswith("Банк"):
        style = CYRILLIC_ORG_STYLES[near.kind]
        cyrillic = near.cyrillic.split(" ")[0]
        system = CYRILLIC_SYSTEMS[style.language][LIST_SYSTEM[style.language]]
        core = romanise(cyrillic, system).split()
        return {
            "kind": near.kind,
            "schema": "Company",
            "core": core,
            "jurisdiction": near.jurisdiction,
            "legal_form": near.legal_form,
            "form_style": near.form_style,
            "form_first": near.form_first,
            "cyrillic": cyrillic,
            "language": near.language,
        }
    generic = {*SUBSIDIARY_WORDS, *WEST_SUBSIDIARY_WORDS, "Group", "Solutions", "Partners"}
    if near.kind == "west" and len(near.core) >= 3 and near.core[-1] in generic:
        fields = {"kind": "west", "schema": "Company", "core": near.core[:-1]}
        return fields | {"jurisdiction": near.jurisdiction, "legal_form": near.legal_form}
    inserted = (
        len(near.core) >= 4
        and near.core[-1] in ("Company", "Corporation")
        and near.core[-2] in SOE_SECOND
        and near.core[-3] in SOE_SECTORS
    )
    if near.kind == "soe" and inserted:  # National X Oil Refining Company -> ... Oil Company
        core = [*near.core[:-2], near.core[-1]]
        return {
            "kind": "soe",
            "schema": near.schema,
            "core": core,
            "jurisdiction": near.jurisdiction,
        }
    return None


def namesake_jurisdictions(org: Org) -> list[str]:
    """Other countries whose companies use the same legal form, where a company of
    exactly this name could be registered too (Platinum Steel SA: Switzerland, France,
    Luxembourg)."""
    kinds = ("west", "bank", "shipping", "ru", "uk", "kz", "by")
    if org.kind not in kinds or not org.legal_form:
        return []
    places = {j for j, forms in WEST_JURISDICTIONS.items() if org.legal_form in forms}
    places |= {
        style.jurisdiction
        for style in CYRILLIC_ORG_STYLES.values()
        if org.legal_form in style.legal_forms
    }
    return sorted(places - {org.jurisdiction})


def acceptable_negative(index: ListIndex, name: str, near: Entity, kind: str) -> bool:
    """A negative must name nobody listed. Those that repeat a listed name on purpose
    (another birth date, another country) must repeat only `near`'s."""
    owners = index.owners_of(name)
    if kind in ("birth_date_differs", "same_name_other_country"):
        return owners == {near.id}
    if owners:
        return False
    tokens = significant_tokens(name)
    if not tokens or index.with_tokens(tokens):
        return False
    if kind == "initials_other_person":
        return True  # the family name is listed by construction; the initials fit nobody
    if kind == "parent_or_subsidiary" and len(tokens) < len(significant_tokens(near.latin())):
        return True  # a parent's name is inside its subsidiary's by construction
    return not index.containing(tokens)


def negative_targets(world: World, kind: str, rng: random.Random) -> list[Entity]:
    persons = kind in (
        "same_family_other_given",
        "chinese_other_syllable",
        "same_given_other_family",
        "initials_other_person",
        "birth_date_differs",
    )
    if persons:
        pool = [p for p in world.persons if kind != "chinese_other_syllable" or p.culture == "zh"]
        return interleave(pool, lambda p: p.culture, rng)
    return interleave(list(world.orgs), lambda o: o.kind, rng)


def make_negatives(world: World, index: ListIndex, perturb: Perturbations) -> list[Query]:
    negatives = Negatives(world, index, perturb)
    queries: list[Query] = []
    for kind, count in NEGATIVE_KINDS.items():
        rng = world.rng(f"negatives/{kind}")
        made = 0
        for near in negative_targets(world, kind, rng):
            if made == count:
                break
            name = getattr(negatives, kind)(near, rng)
            if not name:
                continue
            if kind not in (
                "birth_date_differs",
                "same_name_other_country",
                "acronym_other_organisation",
            ):
                name = recase(name, rng)
            if not acceptable_negative(index, name, near, kind):
                continue
            query = Query(name, query_schema(near, rng), "negative", kind, None, near=near.id)
            dress_negative(query, near, kind, rng)
            queries.append(query)
            made += 1
        if made < count:
            raise SystemExit(f"only {made} of {count} negatives of kind {kind}")
    return queries


def dress_negative(query: Query, near: Entity, kind: str, rng: random.Random) -> None:
    """Country, birth date and identifiers as a filer would give them."""
    if kind == "birth_date_differs" and isinstance(near, Person) and near.birth_date:
        listed = int(near.birth_date[:4])
        gap = rng.randint(3, 25)
        year = listed - gap if listed + gap > 2000 or rng.random() < 0.5 else listed + gap
        query.birth_date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        query.country = country_of(near) if rng.random() < 0.6 else None
    elif kind == "same_name_other_country" and isinstance(near, Org):
        query.country = rng.choice(namesake_jurisdictions(near)).upper()
        lei = make_lei(rng, LOU_BY_JURISDICTION.get(query.country.lower(), "5493"))
        query.identifiers = [{"scheme": "XI-LEI", "value": lei}]
    elif rng.random() < 0.5:
        query.country = country_of(near)


# --------------------------------------------------------------------------- output


def datasets_of(topics: list[str]) -> list[str]:
    return sorted({DATASETS[t] for t in topics})


def person_json(person: Person) -> dict:
    """A Person as OpenSanctions publishes one. Russian and Ukrainian persons carry the
    Cyrillic as name and the Latin as alias, as the sources that list them do."""
    latin, native = person.listed_latin(), person.listed_native()
    if person.culture in ("ru", "uk"):
        names, aliases = ([native] if native else [latin]), ([latin] if native and latin else [])
    else:
        names, aliases = ([latin] if latin else [native]), ([native] if latin and native else [])
    properties: dict[str, list[str]] = {"name": names}
    if aliases:
        properties["alias"] = aliases
    if person.weak_alias:
        properties["weakAlias"] = [person.weak_alias]
    if person.nationality:
        properties["nationality"] = [person.nationality]
    if person.birth_date:
        properties["birthDate"] = [person.birth_date]
    properties["topics"] = person.topics
    return {
        "id": person.id,
        "schema": "Person",
        "caption": latin or native,
        "properties": properties,
        "datasets": datasets_of(person.topics),
    }


def org_json(org: Org) -> dict:
    latin, native = org.listed_latin(), org.listed_native()
    properties: dict[str, list[str]] = {"name": [latin or native or ""]}
    if latin and native:
        properties["alias"] = [native]
    place = "jurisdiction" if org.schema in ("Company", "LegalEntity") else "country"
    properties[place] = [org.jurisdiction]
    for prop, value in sorted(org.identifiers.items()):
        properties[prop] = [value]
    properties["topics"] = org.topics
    return {
        "id": org.id,
        "schema": org.schema,
        "caption": latin or native,
        "properties": properties,
        "datasets": datasets_of(org.topics),
    }


def check_identifiers(world: World) -> None:
    """The identifiers made here pass python-stdnum's validators (and rigour's IMO rule
    for companies, which `make_imo_company` also satisfies)."""
    from stdnum import imo, lei
    from stdnum.cn import uscc
    from stdnum.ru import ogrn

    validators = {
        "leiCode": lei.validate,
        "ogrnCode": ogrn.validate,
        "imoNumber": imo.validate,
    }
    for org in world.orgs:
        for prop, value in org.identifiers.items():
            if prop in validators:
                validators[prop](value)
            elif prop == "registrationNumber" and org.kind == "cn":
                uscc.validate(value)


def jsonl(rows: Iterable[dict]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def build(seed: int) -> dict[str, str]:
    """The three files' contents for a seed."""
    world = World(seed)
    world.make_persons()
    world.make_orgs()
    world.make_person_distractors()
    world.make_org_distractors()
    check_identifiers(world)
    index = ListIndex(world.entities)
    perturb = Perturbations(world, index)
    queries = make_positives(world, index, perturb) + make_negatives(world, index, perturb)
    for number, query in enumerate(queries):
        query.id = "q-" + digest(f"{seed}/query/{number}")[:12]
    entities = [person_json(p) for p in world.persons] + [org_json(o) for o in world.orgs]
    return {
        "list.jsonl": jsonl(sorted(entities, key=lambda e: e["id"])),
        "queries.jsonl": jsonl(sorted((q.as_json() for q in queries), key=lambda q: q["id"])),
        "README.md": readme(world, queries, seed),
    }


# --------------------------------------------------------------------------- README

CLASS_TEXT = {
    "typo": "one or two character edits -- substitution by a neighbouring key, deletion, "
    "insertion (doubled letter or neighbouring key), transposition -- in the first letter "
    "of a word, in the longest word, or anywhere; never in a legal form, never producing "
    "another known name word (and, for Chinese names, never another run of pinyin syllables)",
    "transliteration": "another romanisation of the name than the list's: Russian "
    "ICAO 9303 / English popular / German / French / scholarly against the list's "
    "BGN/PCGN; Ukrainian BGN/PCGN / 1990s passports / German against the 2010 national "
    "system; Greek phonetic or classical against ELOT 743; Wade-Giles against pinyin; "
    "Korean strict Revised or McCune-Reischauer against passport spelling; other "
    "spellings of Arabic, Persian and Hebrew names; Russian company names re-romanised",
    "word_order": "family name first (plain, with a comma, or in capitals), Chinese and "
    "Korean names in Western order, 'X Bank of Y' as 'Y X Bank', 'National X Corporation "
    "of Y', Chinese city moved into brackets, Russian 'Bank X' as 'X Bank'",
    "legal_form": "legal form dropped, expanded, abbreviated, translated (OOO/LLC), "
    "respelt (S.A./SA), misspelt (Joint Stock Compay), moved (OOO X / X OOO), changed to "
    "its predecessor or successor (OAO/PAO, ZAO/AO), added where the list has none, "
    "有限公司/股份有限公司 swapped or dropped",
    "acronym": "the initials of a state-owned company's, public body's or association's "
    "name of three or more significant words (of/the/and/for are skipped: IRISL), only "
    "where no other listed organisation has the same initials; plain, dotted or with the "
    "legal form",
    "initials": "given name (and patronymic or middle name) reduced to initials: "
    "A. B. Ivanov, A.B. Ivanov, Ivanov A.B., Ivanov, A., Aleksandr B. Ivanov; Cyrillic too "
    "(Иванов А.Б.); only where no other listed person with that family name has the same "
    "initials",
    "script": "the name in its own script where the list has only the Latin form, or in "
    "Latin where the list has only the original script: Cyrillic, Han, Hangul, Arabic "
    "and Persian, Greek, Hebrew (no translations: a Chinese company's English name is not "
    "its Han name in another script)",
    "homoglyph": "one letter, two or three, or a whole word's worth of Latin letters "
    "replaced by look-alike Cyrillic or Greek letters (С for C, а for a, Ο for O)",
    "shortened": "patronymic, middle name or nasab (bin ...) dropped, given name shortened "
    "to its start (Alex), organisation words abbreviated (Intl, Natl, Mgmt), a Chinese "
    "company's city dropped, an official country name shortened (of the Russian "
    "Federation -> of Russia)",
}
NEGATIVE_TEXT = {
    "same_family_other_given": "a listed person's family name with another given name "
    "(Russian brothers may share the patronymic): another person",
    "chinese_other_syllable": "a listed Chinese name with one given-name syllable "
    "replaced by another of a different sound (Zhang Weiming / Zhang Weiping)",
    "same_given_other_family": "a listed person's given name with another family name",
    "initials_other_person": "initials that fit no listed person with that family name "
    "(V. Ivanov when only Aleksandr Ivanov is listed)",
    "birth_date_differs": "a listed person's exact name with a birth date in another "
    "year (3 to 25 years apart): a namesake",
    "shared_word_other_business": "a listed company's distinctive word with another "
    "business (Alfa Bank listed, Alfa Leasing queried)",
    "parent_or_subsidiary": "a listed company's name with a business word added (X -> "
    "X Neft, National X Oil Company -> National X Oil Refining Company) or taken away "
    "(X Neft -> X): the parent or a subsidiary, which is another legal person",
    "same_name_other_country": "a listed company's exact name, in another country and "
    "with its own (different, valid) LEI: a namesake registered elsewhere",
    "acronym_other_organisation": "initials one letter away from a listed organisation's, "
    "which no listed organisation has",
}


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def readme(world: World, queries: list[Query], seed: int) -> str:
    splits = Counter((q.klass, split_of(q.id)) for q in queries)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for q in queries:
        kinds[q.klass][q.kind.split(",")[0]] += 1
    class_rows = [
        [
            f"`{c}`",
            splits[(c, "dev")],
            splits[(c, "test")],
            splits[(c, "dev")] + splits[(c, "test")],
        ]
        for c in [*CLASSES, "negative"]
    ]
    dev = sum(n for (_, s), n in splits.items() if s == "dev")
    class_rows.append(["**all**", dev, len(queries) - dev, len(queries)])
    negative_rows = [[f"`{k}`", n, NEGATIVE_TEXT[k]] for k, n in sorted(kinds["negative"].items())]
    positive_rows = [
        [f"`{c}`", CLASS_TEXT[c], ", ".join(f"{k} {n}" for k, n in sorted(kinds[c].items()))]
        for c in CLASSES
    ]
    persons = Counter((p.culture, p.forms, p.distractor) for p in world.persons)
    person_rows = [
        [
            code,
            sum(n for (c, _, d), n in persons.items() if c == code and not d),
            sum(n for (c, _, d), n in persons.items() if c == code and d),
            " / ".join(
                str(sum(n for (c, f, _), n in persons.items() if c == code and f == form))
                for form in ("both", "latin", "native")
            ),
        ]
        for code in CULTURE
    ]
    orgs = Counter((o.kind, o.distractor) for o in world.orgs)
    org_rows = [[kind, orgs[(kind, False)], orgs[(kind, True)]] for kind in ORG_KINDS]
    schemas = Counter(o.schema for o in world.orgs) + Counter({"Person": len(world.persons)})
    identifiers = Counter(prop for o in world.orgs for prop in o.identifiers)
    examples = readme_examples(world, queries)
    entities = len(world.persons) + len(world.orgs)
    distractors = sum(e.distractor for e in world.entities)
    return README.format(
        seed=seed,
        entities=entities,
        base=entities - distractors,
        distractors=distractors,
        queries=len(queries),
        positives=sum(q.klass != "negative" for q in queries),
        negatives=sum(q.klass == "negative" for q in queries),
        class_table=table(["class", "dev", "test", "all"], class_rows),
        positive_table=table(["class", "perturbation", "kinds (count)"], positive_rows),
        negative_table=table(["kind", "count", "what it is"], negative_rows),
        person_table=table(
            ["culture", "base", "distractors", "scripts listed: both / Latin / original"],
            person_rows,
        ),
        org_table=table(["kind", "base", "distractors"], org_rows),
        schemas=", ".join(f"{s} {n}" for s, n in sorted(schemas.items())),
        identifiers=", ".join(f"`{p}` {n}" for p, n in sorted(identifiers.items())),
        examples=examples,
    )


def readme_examples(world: World, queries: list[Query]) -> str:
    names = {e.id: (e.listed_names() or [""])[0] for e in world.entities}
    rows = []
    for klass in [*CLASSES, "negative"]:
        for q in sorted((q for q in queries if q.klass == klass), key=lambda q: q.id)[:3]:
            target = names[q.expected] if q.expected else f"null (near {names[q.near or '']})"
            rows.append([f"`{klass}`", q.kind, q.name, target])
    return table(["class", "kind", "query", "expected"], rows)


README = """\
# Labelled evaluation set for watch-list name matching

The project's own labelled set for issue 14 (watch-list matching): a synthetic watch
list and labelled queries, to measure recall and precision of `manage.py match_names`
end to end, overall and per perturbation class.

**Generated** by `bench/matching_set.py` with seed {seed}: do not edit these files by
hand; change the generator and run it again.

    .venv/bin/python bench/matching_set.py           # rewrites list.jsonl, queries.jsonl, README.md
    .venv/bin/python bench/matching_set.py --check   # exit 1 if a rebuild differs from these files
    .venv/bin/python bench/matching_set.py --seed 7 --out /tmp/other   # another, equally valid set

The same seed gives byte-identical files (one `random.Random` stream per purpose, seeded
from the seed; no clock, no hash randomisation, output sorted by id).

## Files

- `list.jsonl` -- the watch list: {entities} FollowTheMoney entities, one JSON object a
  line, as OpenSanctions publishes them (`id`, `schema`, `caption`, `properties`,
  `datasets`): {base} base entities and {distractors} distractors. Schemas: {schemas}.
  Identifiers: {identifiers}.
- `queries.jsonl` -- {queries} queries: {positives} positives and {negatives} hard
  negatives, one a line, in the input format of `manage.py match_names FILE` plus labels:

  - `id`: unique query id (`q-` and 12 hex digits).
  - `name`, `schema`, `country`?, `birth_date`?, `identifiers`?: the input of
    `match_names`. `schema` is Person, Company, Organization or LegalEntity; `country`
    an ISO 3166 alpha-2 code in capitals, as parties store it (the list has FtM's lower
    case); `birth_date` YYYY-MM-DD; `identifiers` a list of `{{"scheme", "value"}}`
    objects, the scheme an org-id.guide code such as `XI-LEI` (only on
    `same_name_other_country` negatives).
  - `expected`: the id of the list entity the query means, or `null`.
  - `class`: the perturbation class, or `negative`.
  - `kind`: a finer label, how the class was applied (the part before a comma is the
    sub-kind; typos add their edit operations, homoglyphs the alphabet).
  - `near`: negatives only, the list entity the negative was built to resemble.
  - `split`: `dev` or `test`, from a SHA-256 of the id alone.

  `match_names` ignores the label keys.

## Metrics

The test that asserts the issue's figures uses these definitions.

- A query's **answer** is the list of candidates `match_names` returns for it with
  score >= the threshold.
- A returned candidate is **correct** iff its `entity_id` equals the query's `expected`
  (so every candidate returned for a negative, and every candidate other than
  `expected` returned for a positive, is incorrect).
- **Precision** = correct returned candidates / all returned candidates, over all
  queries, positives and negatives together.
- **Recall** = positive queries whose `expected` is among the returned candidates /
  positive queries. **Per-class recall**: the same over the positives of one class.
- The issue's goals: recall >= 95 % and precision >= 95 % at the default threshold, and
  recall >= 85 % in every class. Tune on `dev`, report on `test` (and on both).

## Counts

{class_table}

Each class has at least 80 positives; about half of each class is in each split.

## Positives by class

{positive_table}

About half the positives carry their target's country, and about a third of the
positives for a person whose entry gives a birth date carry that date, as a filer would
give them (a full date also where the list has only the year). Some queries are in capitals or
small letters (typo, transliteration, legal form, initials, shortened, and negatives).

## Hard negatives (`expected: null`)

{negative_table}

Intended answers: every negative names nobody on the list, so any returned candidate is
incorrect. For `same_name_other_country` the intended answer is also null: the query is a
company of exactly a listed company's name but registered in another country and carrying
its own LEI (the listed one has a different LEI), i.e. another legal person; a matcher
should let the country and identifier mismatch outweigh the name. For
`birth_date_differs`, likewise: same name, a birth date in another year, a namesake.

## How the list is built

Persons by culture (base, distractors, and which scripts the list gives):

{person_table}

Russian and Ukrainian persons: given name, patronymic and family name (female forms
derived), in Cyrillic as `name` with a Latin `alias` in one system -- BGN/PCGN without
diacritics for Russian (Yevgeniy, Fedor), the 2010 national system for Ukrainian (Yevhen,
Oleksii). Chinese persons: Han characters and pinyin, family name first. Arabic and
Persian persons: Arabic script and a Latin spelling (Arabic names sometimes with a nasab,
`bin` and the father's name, and a kunya as `weakAlias`). Greek persons: Greek and ELOT
743. Hebrew persons: Hebrew and a Latin spelling. Korean persons: Hangul and passport
spelling (Kim Min-jun). Western and Turkish persons: Latin only (with middle names, and
Turkish letters). Some entries give only the Latin form and some only the original
script: those are what the `script` class queries. About 65 % of persons have a
`birthDate` (some only a year), about 80 % a `nationality`.

Organisations by kind (base, distractors):

{org_table}

Russian, Ukrainian, Kazakh and Belarusian companies: coined Cyrillic brands (Сибнефтегаз,
Уралтранс Логистик, Банк ...) romanised by the same system as persons, with legal forms
ООО/АО/ПАО/ОАО/ЗАО/ФГУП, ТОВ/ПрАТ, ТОО, written as lists do (OOO X, X OOO, Limited
Liability Company X, LLC X) and the Cyrillic form as alias. Chinese companies: city,
brand, business and 有限公司 / 股份有限公司 with the English name (Co., Ltd.). Western
companies, banks and shipowners: brand and business words with the legal forms of 28
jurisdictions (GmbH, AG, S.A., Ltd, Limited, PLC, LLC, Inc., B.V., S.p.A., FZE, Pte. Ltd.,
Sdn. Bhd., A.Ş., d.o.o., S.A.L., ...). State-owned companies, public bodies and
associations: multi-word English names in the patterns such lists use (China National X
Corporation, National Iranian X Company, Islamic Republic of Iran Shipping Lines,
Agricultural Bank of China, Ministry of X of the Russian Federation), mostly with
distinct initials.

Identifiers have valid check digits: LEIs (ISO 17442, MOD 97-10), OGRNs (mod 11),
Chinese unified social credit codes (GB 32100, with the GB 11714 organisation-code check),
and IMO company numbers on shipowners that pass both the ship rule (weights 7..2) and the
company rule (weights 8,6,4,2,9,7), so either reading accepts them. The generator checks
them with python-stdnum.

Distractors are ordinary list entries (some positives target them too): persons with a
base person's family name and another given name, persons with a base person's given
name and another family name, Chinese persons one given-name syllable apart; companies
sharing a distinctive word with a base company (Alfa Bank / Alfa Insurance), and
subsidiaries named after a base company (X / X Neft, National X Oil Company / National X
Oil Refining Company). No two entries share a name: given and family name pairs are
unique in every script, and organisation names without their legal form are unique.

## How the labels are kept honest

Every positive is checked against the whole list: it must differ from its target's
listed names (after folding case, marks and punctuation; homoglyph queries excepted,
which differ only before folding), must not be another entry's name, and its significant
words (legal forms and of/the/and/bin/al left out) must not all appear in another entry's
name -- so a shortened or legal-form-dropped query never also fits a subsidiary. Typos
never spell a known name word; initials are used only where no other listed person with
that family name shares them; acronyms only where unique among listed organisations and
not a word of any name. Negatives must name nobody: no listed name, no entry whose
significant words are exactly the query's, and (except a parent's name, which is inside
its subsidiary's by construction) no entry whose name contains them all.

## Examples

{examples}

## Provenance

Everything here is synthetic, made by `bench/matching_set.py` from tables written for
this set: name lists per culture, romanisation systems (BGN/PCGN, ICAO 9303, German,
French, scholarly, Ukrainian 2010 and older, ELOT 743, pinyin to Wade-Giles, Revised and
McCune-Reischauer), legal forms, keyboard neighbours and homoglyphs. No list data was
copied; a name that matches a real person or company does so by chance. The perturbations
are independent of the matcher: the generator does not use rigour, normality, ICU or the
matcher's code, so the set does not share its blind spots.
"""


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument(
        "--check", action="store_true", help="compare a rebuild with the files, write nothing"
    )
    args = parser.parse_args()
    files = build(args.seed)
    if args.check:
        stale = [
            n
            for n, text in files.items()
            if not (args.out / n).is_file() or (args.out / n).read_text(encoding="utf-8") != text
        ]
        for name in stale:
            print(f"{args.out / name} differs from a rebuild with seed {args.seed}")
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8")
        print(f"{digest(text)[:16]}  {args.out / name}  ({text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
