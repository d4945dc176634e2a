"""Filters over acts and the SQL they become. Values are always bound parameters;
only fixed fragments written here are ever joined into SQL text."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ..errors import ConfigError
from ..model import ACT_TYPES, MODALITIES, confidence_floor

__all__ = ["ActFilter", "where_acts"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_TYPES = frozenset(ACT_TYPES)
_MODALITIES = frozenset(MODALITIES)
MAX_LIMIT = 1_000_000


def _real_date(v: str) -> bool:
    if not isinstance(v, str) or not _DATE.match(v):
        return False
    parts = [int(x) for x in v.split("-")] + [1, 1]
    try:
        _dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class ActFilter:
    """What ``acts``, ``search`` and ``export`` select. Codes are case-insensitive."""

    actor: str | None = None
    target: str | None = None
    type: str | None = None
    modality: str | None = None
    issue: str | None = None
    party: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    commitments: bool = False
    limit: int | None = None
    min_confidence: float | None = None

    def validated(self) -> "ActFilter":
        for name in ("since", "until"):
            v = getattr(self, name)
            if v is not None and not _real_date(v):
                raise ConfigError(f"{name} must be a date like 2021, 2021-04 or 2021-04-16, not {v!r}", field=name)
        if self.type and self.type.upper() not in _TYPES:
            raise ConfigError(f"unknown act type {self.type!r} (one of {', '.join(sorted(_TYPES))})", field="type")
        if self.modality and self.modality.upper() not in _MODALITIES:
            raise ConfigError(f"unknown modality {self.modality!r} (COMMIT, REAFFIRM or ASSERT)", field="modality")
        confidence_floor(self.min_confidence)
        if self.limit is not None and (isinstance(self.limit, bool) or not isinstance(self.limit, int)
                                       or not 0 <= self.limit <= MAX_LIMIT):
            raise ConfigError(f"limit must be a whole number from 0 to {MAX_LIMIT:,}, not {self.limit!r}", field="limit")
        return self


def _until_bound(v: str) -> str:
    return v + "\uffff"  # "2023" and "2023-05" include the whole year or month


def where_documents(f: ActFilter, alias: str = "d") -> tuple[list[str], list]:
    clauses, params = [], []
    if f.party:
        clauses.append(f"EXISTS (SELECT 1 FROM document_parties p WHERE p.doc_id = {alias}.id AND p.code = ?)")
        params.append(f.party.upper())
    if f.kind:
        clauses.append(f"{alias}.kind = ?")
        params.append(f.kind)
    if f.since:
        clauses.append(f"{alias}.date >= ?")
        params.append(f.since)
    if f.until:
        clauses.append(f"{alias}.date <= ?")
        params.append(_until_bound(f.until))
    return clauses, params


def where_acts(f: ActFilter, alias: str = "a") -> tuple[list[str], list]:
    clauses, params = [], []
    for role, value in (("actor", f.actor), ("target", f.target), ("issue", f.issue)):
        if value:
            clauses.append(f"EXISTS (SELECT 1 FROM act_codes c WHERE c.act_id = {alias}.id AND c.role = ? AND c.code = ?)")
            params.extend([role, value.lower() if role == "issue" else value.upper()])
    if f.type:
        clauses.append(f"{alias}.type = ?")
        params.append(f.type.upper())
    if f.modality:
        clauses.append(f"{alias}.modality = ?")
        params.append(f.modality.upper())
    if f.commitments:
        clauses.append(f"{alias}.commitment = 1")
    if f.min_confidence is not None:
        clauses.append(f"{alias}.confidence >= ?")
        params.append(f.min_confidence)
    return clauses, params
