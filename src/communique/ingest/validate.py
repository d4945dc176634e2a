"""Checks on what strangers' files hold, before anything is stored.

* YAML front matter is parsed as events first: anchors and aliases are refused
  (no alias-expansion bombs, no recursive structures), nesting and size are
  capped; only then is it built, with dates and over-long integers kept as text.
* Front matter and JSON Lines records are validated against one schema (pydantic):
  dates ISO ``YYYY[-MM[-DD]]`` (a full ISO date-time keeps its date), codes as
  strings, lists as lists. A problem names the field.
* Every string is made storable (lone surrogates become U+FFFD).
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

__all__ = ["MAX_DEPTH", "MAX_FRONT_MATTER", "load_yaml", "check_depth", "validate_meta", "storable", "MetaError"]

MAX_DEPTH = 32  # nesting of YAML front matter and of a JSON record
MAX_FRONT_MATTER = 64 * 1024  # characters of YAML before the body
MAX_CODES = 1000  # parties of one document
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_BRACKET = re.compile(r"[\[\]{}]")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+-]{0,31}$")


class MetaError(ValueError):
    """A field of front matter or of a record is invalid: ``field`` names it."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# ---- YAML -------------------------------------------------------------------------

class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates and huge integers as the text written."""


def _timestamp_as_text(loader, node):
    return loader.construct_scalar(node)


def _bounded_int(loader, node):
    value = loader.construct_scalar(node)
    if len(value) > 40:  # Python refuses int("9" * 5000); a date or code is never this long
        return value
    return yaml.SafeLoader.construct_yaml_int(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
_Loader.add_constructor("tag:yaml.org,2002:int", _bounded_int)


def load_yaml(block: str) -> Any:
    """Front matter YAML, refused (MetaError, or yaml.YAMLError from the parser) when
    too large, too deep, or using anchors and aliases."""
    if len(block) > MAX_FRONT_MATTER:
        raise MetaError(f"front matter is {len(block)} characters long; the limit is {MAX_FRONT_MATTER}")
    depth = 0
    for m in _BRACKET.finditer(block):  # flow nesting first: the YAML scanner is slow on it before any event
        depth = depth + 1 if m.group() in "[{" else max(0, depth - 1)
        if depth > MAX_DEPTH:
            raise MetaError(f"front matter is nested more than {MAX_DEPTH} levels deep")
    depth = 0
    for ev in yaml.parse(block, Loader=yaml.SafeLoader):  # the event parser is iterative: no recursion
        if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None):
            raise MetaError("front matter uses YAML anchors or aliases (& or *), which are not accepted")
        if isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise MetaError(f"front matter is nested more than {MAX_DEPTH} levels deep")
        elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return yaml.load(block, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def check_depth(value: Any, limit: int = MAX_DEPTH) -> None:
    """Refuse a JSON value nested deeper than ``limit`` (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, (dict, list)):
            if d > limit:
                raise MetaError(f"record is nested more than {limit} levels deep")
            stack.extend((x, d + 1) for x in (v.values() if isinstance(v, dict) else v))


# ---- the schema ---------------------------------------------------------------------

def _date(v: Any) -> str | None:
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        raise ValueError(f"must be a date like 2023, 2023-05 or 2023-05-20, not {v!r}")
    if isinstance(v, _dt.datetime):
        return v.date().isoformat()
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, int) and 1000 <= v <= 9999:
        return str(v)
    if isinstance(v, str):
        s = v.strip()
        m = _DATETIME.match(s)
        if m:
            try:
                _dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
            except ValueError:
                raise ValueError(f"is not a valid date-time: {_short(v)}") from None
            return m.group(1)
        m = _DATE.match(s)
        if m:
            y, mo, d = m.groups()
            try:
                _dt.date(int(y), int(mo or 1), int(d or 1))
            except ValueError:
                raise ValueError(f"is not a real date: {_short(v)}") from None
            return s
    raise ValueError(f"must be a date like 2023, 2023-05 or 2023-05-20, not {_short(v)}")


def _text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, bool) or isinstance(v, (dict, list, tuple)):
        raise ValueError(f"must be text, not {type(v).__name__} {_short(v)}")
    if isinstance(v, (int, float)):  # a title of "1984" or a numeric id: its text
        return str(v)
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.isoformat()
    if not isinstance(v, str):
        raise ValueError(f"must be text, not {type(v).__name__}")
    return storable(v)


def _codes(v: Any) -> tuple[str, ...]:
    if v is None or v == "":
        return ()
    if isinstance(v, str):
        v = [c for c in re.split(r"[;,\s]+", v) if c]
    if not isinstance(v, (list, tuple)):
        raise ValueError(f"must be a list of codes like [USA, JPN], not {type(v).__name__} {_short(v)}")
    if len(v) > MAX_CODES:
        raise ValueError(f"lists {len(v)} codes; the limit is {MAX_CODES}")
    out = []
    for c in v:
        if not isinstance(c, str) or not _CODE.match(c.strip()):
            raise ValueError(f"must be a list of codes like [USA, JPN]; {_short(c)} is not a code")
        out.append(c.strip().upper())
    return tuple(out)


Date = Annotated[str | None, BeforeValidator(_date)]
Text = Annotated[str | None, BeforeValidator(_text)]
Codes = Annotated[tuple[str, ...], BeforeValidator(_codes)]


class Meta(BaseModel):
    """Known fields of front matter or a record; others are kept as plain JSON."""

    model_config = ConfigDict(extra="allow")

    title: Text = None
    date: Date = None
    published_time: Text = None
    kind: Text = None
    source_url: Text = None
    origin: Text = None
    parties: Codes = ()


def _short(v: Any) -> str:
    r = repr(v)
    return r if len(r) <= 40 else r[:37] + "..."


def validate_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """The mapping with known fields validated and normalised; raises MetaError naming the field."""
    try:
        m = Meta.model_validate(meta)
    except ValidationError as e:
        err = e.errors()[0]
        field = ".".join(str(x) for x in err["loc"]) or None
        msg = err["msg"].removeprefix("Value error, ")
        raise MetaError(f"field '{field}' {msg}", field=field) from None
    out = {k: storable(v) for k, v in (m.model_extra or {}).items()}
    for k in ("title", "date", "kind", "source_url", "origin"):
        if k in meta:
            out[k] = getattr(m, k)
    if m.published_time and not m.date:
        out["date"] = _date(m.published_time[:10]) if _DATE.match(m.published_time[:10]) else None
    if "published_time" in meta:
        out["published_time"] = m.published_time
    if "parties" in meta:
        out["parties"] = list(m.parties)
    return out


def storable(v: Any) -> Any:
    """A value every layer can encode: strings without lone surrogates, plain JSON types."""
    if isinstance(v, str):
        return _SURROGATE.sub("\ufffd", v) if _SURROGATE.search(v) else v
    if isinstance(v, dict):
        return {storable(str(k)): storable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [storable(x) for x in v]
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return str(v)
    if v is None or isinstance(v, (bool, int, float)):
        return v
    return storable(str(v))
