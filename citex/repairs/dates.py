"""Date repairs: dates a reader kept as text ('21 décembre 2020', 'Winter 2019', 'in press') become
CSL dates or a publication status, and years no one could have published in are reported."""

from __future__ import annotations

import datetime
import re
import unicodedata

from ..model import DATE_VARIABLES, Date, Record
from ..registry import REPAIRS

# Month names in the languages of PubMed's journals (and their usual abbreviations),
# folded to ASCII lowercase; Cyrillic is folded the same way as written.
_MONTH_WORDS = {
    1: "january jan janvier janv januar jaenner jänner enero ene gennaio genn janeiro januari "
       "januar stycznia styczen leden januari январь января ocak",
    2: "february feb fevrier fevr februar febrero febbraio fevereiro fev februari luty lutego "
       "unor февраль февраля subat",
    3: "march mar mars marz maerz marzo marco maart mrt marca brezen марта март mart",
    4: "april apr avril abril aprile abr kwiecien kwietnia duben апрель апреля nisan",
    5: "may mai mayo maggio mag maio mei maj maja kveten май мая mayis",
    6: "june jun juin juni junio giugno giu junho czerwiec czerwca cerven июнь июня haziran",
    7: "july jul juillet juil juli julio luglio lug julho lipiec lipca cervenec июль июля temmuz",
    8: "august aug aout august agosto ago augustus sierpien sierpnia srpen август августа agustos",
    9: "september sep sept septembre setiembre septiembre settembre set setembro wrzesien "
       "wrzesnia zari сентябрь сентября eylul",
    10: "october oct octobre oktober octubre ottobre ott outubro out okt pazdziernik "
        "pazdziernika rijen октябрь октября ekim",
    11: "november nov novembre noviembre novembro listopad listopada ноябрь ноября kasim",
    12: "december dec decembre dezember dez diciembre dic dicembre dezembro desember "
        "grudzien grudnia prosinec декабрь декабря aralik",
}
MONTHS = {w: n for n, words in _MONTH_WORDS.items() for w in words.split()}
SEASONS = {w: n for n, words in {
    1: "spring fruhling fruhjahr printemps primavera lente voorjaar wiosna весна",
    2: "summer sommer ete verano estate verao zomer lato лето",
    3: "fall autumn herbst automne otono autunno outono herfst jesien осень",
    4: "winter hiver invierno inverno zima зима",
}.items() for w in words.split()}
DATES = ("issued", *sorted(DATE_VARIABLES - {"issued"}))  # what the date rules read, the usual one first
_ENGLISH = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_SEASON_NAMES = ("Spring", "Summer", "Fall", "Winter")
IN_PRESS = re.compile(r"^\s*(?:in\s+press|im\s+druck|sous\s+presse|en\s+prensa|in\s+stampa|"
                      r"no\s+prelo|ter\s+perse|forthcoming|accepted(?:\s+for\s+publication)?|"
                      r"epub\s+ahead\s+of\s+print|ahead\s+of\s+print)\s*\.?\s*$", re.I)
_DMY_NUMERIC = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$")  # 21.12.2020 (Europe)
_FIRST_YEAR, _LAST_YEAR_AHEAD = 1450, 2
# "1996-13-03": an ISO date its reader already found impossible; no language problem to solve
_ISO_LIKE = re.compile(r"^\s*\d{4}\s*[-/]\s*\d")


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in word if not unicodedata.combining(c)).rstrip(".")


def to_pubmed_form(text: str) -> str:
    """Any-language date text in the English words and 'YYYY Mon DD' order PubMed's parser reads."""
    m = _DMY_NUMERIC.match(text.strip())
    if m and 1 <= int(m[2]) <= 12:
        return f"{m[3]} {_ENGLISH[int(m[2]) - 1]} {int(m[1])}"
    words = []
    for token in re.findall(r"\w+\.?|-", text):
        key = _fold(token)
        if key in MONTHS:
            words.append(_ENGLISH[MONTHS[key] - 1])
        elif key in SEASONS:
            words.append(_SEASON_NAMES[SEASONS[key] - 1])
        elif re.fullmatch(r"\d+(?:st|nd|rd|th|er|e|o|a|\.)?", key):
            words.append(re.match(r"\d+", key)[0])
        elif key not in ("de", "of", "the", "le", "el", "del", "van", "im", "en", "in"):
            words.append(token)
    text = " ".join(words).replace(" - ", "-")
    # "21 Dec 2020" -> "2020 Dec 21"; "Dec 21 2020" -> "2020 Dec 21"
    text = re.sub(r"^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$", r"\3 \2 \1", text)
    text = re.sub(r"^([A-Z][a-z]+) (\d{1,2}) (\d{4})$", r"\3 \1 \2", text)
    return re.sub(r"^([A-Z][a-z]+) (\d{4})$", r"\2 \1", text)


def parse_literal(text: str) -> Date | None:
    """The CSL date a text date means, or None when part of it is not understood."""
    from ..readers.pubmed_dates import parse

    date, clean = parse(to_pubmed_form(text))
    years = [p[0] for p in date.parts]
    if not (clean and years and all(_FIRST_YEAR <= y <= 2100 for y in years) and years == sorted(years)):
        return None
    return date


@REPAIRS.register("date-text", confidence=0.95, reads=DATES)
def date_text(rec: Record) -> None:
    """A date kept as text ('2020 Dec 21', '21 décembre 2020', 'Winter 2019', '2019 Nov-Dec') is
    read into date parts and season; the text it was stays in the repair log."""
    for field in sorted(DATE_VARIABLES & rec.fields.keys()):  # sorted: a set's order changes run to run
        date = rec.get(field)
        if isinstance(date, Date) and date.literal and not date.parts and not IN_PRESS.match(date.literal) \
                and not _ISO_LIKE.match(date.literal):
            parsed = parse_literal(date.literal)
            if parsed:
                rec.fix(field, parsed, rule="date-text")


@REPAIRS.register("date-in-press", confidence=0.95, reads=("issued",))
def date_in_press(rec: Record) -> None:
    """'in press' (in any language) where a date belongs becomes the record's status, not its date."""
    date = rec.get("issued")
    if isinstance(date, Date) and date.literal and not date.parts and IN_PRESS.match(date.literal):
        if not rec.get("status"):
            rec.fix("status", "in press", rule="date-in-press",
                    note=f"the issued date said {date.literal!r}")
        rec.fix("issued", None, rule="date-in-press")


_SURELY_PAST = datetime.date.today().year  # a year up to this one is never in the future: no clock read


@REPAIRS.register("date-year-range", confidence=1.0, reads=DATES)
def date_year_range(rec: Record) -> None:
    """A year before printing or years in the future is reported; the date is kept as it is."""
    for field in sorted(DATE_VARIABLES & rec.fields.keys()):  # sorted: a set's order changes run to run
        date = rec.get(field)
        for part in date.parts if isinstance(date, Date) else []:
            if not part or _FIRST_YEAR <= part[0] <= _SURELY_PAST:
                continue
            last = datetime.date.today().year + _LAST_YEAR_AHEAD
            if not _FIRST_YEAR <= part[0] <= last:
                rec.report("warning", "date-year-range",
                           f"{field} year {part[0]} is outside {_FIRST_YEAR}-{last}; kept as is", field)
                break
