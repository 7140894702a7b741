"""One CSL item (already decoded from JSON or YAML) to a Record, forgiving real-world shapes.

``Record.from_csl`` trusts its input; files in the wild do not deserve that. Here
each variable is read by kind, and every shape outside the CSL-JSON schema is
reported on the record: dates as ``[[null]]``, ``[[2018, 10, 21, 13]]``, strings,
``{"raw": …}`` or pandoc-citeproc's ``[{year: …}]``; names as strings; Crossref's
lists for titles and its own type names. What cannot be kept in a CSL variable
without loss stays in ``extra`` as written (JSON text for non-strings), and
``custom`` (where citex's own writer puts ``extra``) comes back into ``extra``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..fieldmaps.csljson import ALIASES, CUSTOM_VARIABLES, OUTSIDE_SCHEMA, TEXT_VARIABLES, TYPE_ALIASES, TYPES
from ..model import DATE_VARIABLES, NAME_VARIABLES, Date, Name, Record, Source

_TYPES_BY_FOLD = {t.lower(): t for t in TYPES}
_ITEM_KEYS = frozenset({"id", "custom", *ALIASES})
_NAME_KEYS = {csl: attr for attr, csl in Name._CSL_KEYS.items()}
_OTHERS = frozenset({"others", "et al", "et al.", "and others"})
_TRUE = frozenset({"true", "yes", "1"})
_SEASONS = {"spring": 1, "summer": 2, "fall": 3, "autumn": 3, "winter": 4}
_EDTF = re.compile(r"(-?\d{1,4})(?:-(\d\d?)(?:-(\d\d?))?)?(?:T[\d:.]+(?:Z|[+-][\d:]+)?)?")


def to_record(data: dict[str, Any], source: Source) -> Record:
    """The item as a Record, with a diagnostic for every shape outside the schema."""
    rec = Record(source=source)
    rec.id = _id(rec, data.get("id"))
    rec.type = _type(rec, data.get("type"))
    empty = []
    for key, value in data.items():
        if key in ("id", "type", "custom"):
            continue
        if _empty(value):
            empty.append(key)
            continue
        name = ALIASES.get(key, key)
        if name != key and name in data:
            name = key  # the variable itself is there too: the alias stays in extra
        if name in NAME_VARIABLES:
            _names(rec, name, value)
        elif name in DATE_VARIABLES:
            _date(rec, name, value)
        elif name in TEXT_VARIABLES:
            _text(rec, name, value)
        else:
            rec.extra[key] = _verbatim(value)
        if name != key and key in source.field_lines:
            source.field_lines.setdefault(name, source.field_lines[key])
    if "custom" in data:
        _custom(rec, data["custom"])
    if empty:
        rec.report("info", "csl-empty", f"empty fields ignored: {', '.join(empty)}", empty[0])
    return rec


def looks_like_item(data: dict[str, Any]) -> bool:
    """False for an object with keys but not one of CSL's (a test case, a config file …)."""
    if not data:
        return True  # an empty item is still an item (manubot writes them)
    kind = data.get("type")
    if isinstance(kind, str) and (kind.lower() in _TYPES_BY_FOLD or kind.lower() in TYPE_ALIASES):
        return True
    return any(k in _ITEM_KEYS or k in NAME_VARIABLES or k in DATE_VARIABLES or k in TEXT_VARIABLES
               for k in data)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _verbatim(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _id(rec: Record, value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, (dict, list)):
        rec.report("warning", "csl-id", f"id is not text or a number: {_verbatim(value)[:60]}", "id")
        return _verbatim(value)
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _type(rec: Record, value: Any) -> str:
    text = value.strip() if isinstance(value, str) else ""
    known = _TYPES_BY_FOLD.get(text.lower()) or TYPE_ALIASES.get(text.lower())
    if known == text:
        return known
    if value is not None and value != "":
        rec.extra["type"] = _verbatim(value)
    if known:
        rec.report("info", "csl-type-alias", f"type '{text}' read as '{known}'", "type")
        return known
    rec.report("warning", "csl-type", f"type {json.dumps(value)} is not a CSL type; "
               "read as 'document'" if value is not None else "item has no type; read as 'document'",
               "type")
    return "document"


def _text(rec: Record, name: str, value: Any) -> None:
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (int, float)):
        text = str(value)
    elif isinstance(value, str):
        text = value
    elif isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        text = str(value[0])
        if len(value) > 1:  # Crossref: alternative titles after the first
            rec.extra[name] = _verbatim(value)
            rec.report("warning", "csl-list", f"{name} is a list of {len(value)}; the first is "
                       "used, all are kept in extra", name)
    else:
        rec.extra[name] = _verbatim(value)
        rec.report("warning", "csl-shape", f"{name} is not text; kept in extra", name)
        return
    rec.fields[name] = text


def _custom(rec: Record, custom: Any) -> None:
    """``custom`` holds what has no CSL variable; citex's writer puts ``extra`` and
    ``truncated-names`` there."""
    if not isinstance(custom, dict):
        rec.extra["custom"] = _verbatim(custom)
        return
    for key, value in custom.items():
        if key == "truncated-names" and isinstance(value, list):
            rec.truncated.update(v for v in value if v in NAME_VARIABLES)
            continue
        if key == CUSTOM_VARIABLES and isinstance(value, dict):  # variables the writer moved here
            for name in [n for n in value if n in OUTSIDE_SCHEMA and n not in rec.fields]:  # in order
                (_names if name in NAME_VARIABLES else _text)(rec, name, value[name])
            continue
        text = _verbatim(value)
        if rec.extra.get(key, text) != text:
            rec.report("warning", "csl-custom-clash",
                       f"custom '{key}' replaces the item's own '{key}' in extra", "custom")
        rec.extra[key] = text


# --- names ------------------------------------------------------------------------------

def _names(rec: Record, variable: str, value: Any) -> None:
    items = value if isinstance(value, list) else [value]
    names, strings, odd_keys = [], False, set()
    for item in items:
        if isinstance(item, str):
            strings = True
            found = [_name_from_text(p) for p in re.split(r"\s*;\s*|\s+and\s+", item) if p.strip()]
        elif isinstance(item, dict):
            name, unknown = _name(item)
            found, odd_keys = [name] if name else [], odd_keys | unknown
        else:
            found, odd_keys = [], odd_keys | {type(item).__name__}
        for name in found:
            if (name.literal or name.family or "").strip().lower() in _OTHERS and not name.given:
                rec.truncated.add(variable)
            else:
                names.append(name)
    if strings:
        rec.report("warning", "csl-name-text", f"{variable} has names written as text; "
                   "'Family, Given' is split, anything else kept as a literal", variable)
    if odd_keys:  # name parts CSL has no place for (Crossref's sequence, affiliation, ORCID …)
        rec.extra[variable] = _verbatim(value)
        rec.report("info", "csl-name-keys", f"{variable}: {', '.join(sorted(odd_keys))} "
                   "not in CSL names; the names as written are kept in extra", variable)
    if names:
        rec.fields[variable] = names


def _name(data: dict[str, Any]) -> tuple[Name | None, set[str]]:
    parts = {_NAME_KEYS[k]: str(v) for k, v in data.items() if k in _NAME_KEYS and not _empty(v)}
    unknown = {k for k, v in data.items() if k not in _NAME_KEYS and not _empty(v)}
    if str(data.get("isInstitution", "")).lower() in _TRUE and set(parts) == {"family"}:
        parts = {"literal": parts["family"]}  # citeproc-js: an institution is one literal name
        unknown.discard("isInstitution")
    return (Name(**parts) if parts else None), unknown


def _name_from_text(text: str) -> Name:
    family, comma, given = (p.strip() for p in text.partition(","))
    return Name(family=family, given=given or None) if comma and family else Name(literal=text.strip())


# --- dates ------------------------------------------------------------------------------

def _date(rec: Record, variable: str, value: Any) -> None:
    problems: list[str] = []
    date, lossy = _read_date(value, problems)
    if problems:
        rec.report("warning", "csl-date", f"{variable}: {'; '.join(problems)}", variable)
    if lossy:
        rec.extra[variable] = _verbatim(value)
    if date and (date.parts or date.literal or date.season):
        rec.fields[variable] = date
    elif not problems:
        rec.report("warning", "csl-date", f"{variable} holds no date", variable)


def _read_date(value: Any, problems: list[str]) -> tuple[Date | None, bool]:
    """The Date, and whether something of the value was left out of it."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) < 1e9:  # not inf, nan
        return Date(parts=[[int(value)]]), False
    if isinstance(value, str):
        return _date_text(value, problems)
    if isinstance(value, list):  # pandoc-citeproc: [{year: 1999, month: 10}, {year: 2000}]
        if all(isinstance(v, dict) for v in value):
            return _date_list(value, problems)
        return _read_date({"date-parts": value}, problems)
    if not isinstance(value, dict):
        problems.append(f"{type(value).__name__} is not a date")
        return None, True
    unknown_keys = set(value) - {"date-parts", "season", "literal", "raw"}
    lossy = bool(unknown_keys)
    if unknown_keys:  # "circa", Crossref's "date-time" and "timestamp" …
        problems.append(f"{', '.join(sorted(unknown_keys))} not kept in the date (kept in extra)")
    date = Date(parts=_parts(value.get("date-parts"), problems))
    if not date.parts and value.get("raw"):
        raw, raw_lossy = _date_text(str(value["raw"]), problems)
        date.parts, date.literal, lossy = raw.parts, raw.literal, lossy or raw_lossy
    if not _empty(value.get("literal")):
        date.literal = str(value["literal"])
    date.season, odd_season = _season(value.get("season"))
    if odd_season:
        problems.append(f"season {value.get('season')!r} is not 1-4 or a season's name")
    return date, lossy or odd_season


def _parts(value: Any, problems: list[str]) -> list[list[int]]:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append("date-parts is not a list")
        return []
    parts = []
    if value and not all(isinstance(part, list) for part in value):
        problems.append("date-parts is not a list of lists")
        value = [value]
    for part in value[:2]:
        numbers = [_int(x) for x in part if isinstance(part, list)]
        if None in numbers:
            numbers = numbers[:numbers.index(None)]
            problems.append("empty or non-numeric date part dropped")
        if len(numbers) > 3:
            problems.append(f"date-parts {part} has more than year, month, day; the rest dropped")
            numbers = numbers[:3]
        if numbers:
            parts.append(numbers)
    if len(value) > 2:
        problems.append("date-parts has more than two dates; the first two kept")
    return parts


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip() if isinstance(value, (str, float)) else ""
    return int(text) if re.fullmatch(r"-?\d{1,9}", text) else None  # int() refuses 4,300 digits


def _season(value: Any) -> tuple[int | None, bool]:
    if _empty(value):
        return None, False
    number = _int(value) or _SEASONS.get(str(value).strip().lower())
    if number and 1 <= number <= 4:
        return number, False
    return None, True


def _date_text(text: str, problems: list[str]) -> tuple[Date, bool]:
    """An ISO 8601 / EDTF date or range ("2013-07-29", "1999-10/2000-01", "2012/"), else literal."""
    text = text.strip()
    circa = text.endswith(("~", "?", "%"))
    ends = text.rstrip("~?%").split("/")
    parts = []
    for end in ends[:2]:
        m = _EDTF.fullmatch(end.strip())
        if not m:
            if end.strip() in ("", ".."):
                continue  # an open end
            return Date(literal=text), False
        parts.append([int(g) for g in m.groups() if g])
    if len(ends) == 2 and len(parts) == 1:
        problems.append(f"open-ended range '{text}' read as its start")
    if circa:
        problems.append(f"uncertain or approximate date '{text}' read as exact")
    return Date(parts=parts), len(parts) < len(ends) or circa


def _date_list(value: list[dict[str, Any]], problems: list[str]) -> tuple[Date, bool]:
    date, lossy = Date(), False
    for item in value[:2]:
        numbers = [_int(item.get(k)) for k in ("year", "month", "day")]
        numbers = numbers[:numbers.index(None)] if None in numbers else numbers
        if numbers:
            date.parts.append(numbers)
        elif not item:
            problems.append("open-ended range read as its start")
            lossy = True
        date.literal = date.literal or item.get("literal")
        season, odd = _season(item.get("season"))
        date.season, lossy = date.season or season, lossy or odd
        lossy = lossy or bool(set(item) - {"year", "month", "day", "literal", "season"})
    return date, lossy
