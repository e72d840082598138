"""NACE Rev. 2 codes: section letter, division, group and class (e.g. C26.11)."""

import re

# Section -> its divisions (Regulation (EC) No 1893/2006, Annex I).
_SECTIONS = {
    "A": range(1, 4),
    "B": range(5, 10),
    "C": range(10, 34),
    "D": range(35, 36),
    "E": range(36, 40),
    "F": range(41, 44),
    "G": range(45, 48),
    "H": range(49, 54),
    "I": range(55, 57),
    "J": range(58, 64),
    "K": range(64, 67),
    "L": range(68, 69),
    "M": range(69, 76),
    "N": range(77, 83),
    "O": range(84, 85),
    "P": range(85, 86),
    "Q": range(86, 89),
    "R": range(90, 94),
    "S": range(94, 97),
    "T": range(97, 99),
    "U": range(99, 100),
}
DIVISION_SECTION = {division: s for s, divisions in _SECTIONS.items() for division in divisions}
_PATTERN = re.compile(r"^(?P<section>[A-U])?(?P<division>\d{2})?(?:\.(?P<rest>\d{1,2}))?$")


def nace_error(code: str) -> str | None:
    """Why `code` is not a NACE Rev. 2 code, or None when it is one."""
    match = _PATTERN.match(code or "")
    if not match or not (match["section"] or match["division"]):
        return f"{code!r} is not a NACE Rev. 2 code (e.g. 'C', '26', '26.1', 'C26.11')."
    if match["rest"] and not match["division"]:
        return f"{code!r}: a group or class needs its division (e.g. '26.11')."
    if match["division"]:
        division = int(match["division"])
        section = DIVISION_SECTION.get(division)
        if section is None:
            return f"{code!r}: there is no NACE division {match['division']}."
        if match["section"] and match["section"] != section:
            return f"{code!r}: division {match['division']} belongs to section {section}."
    return None
