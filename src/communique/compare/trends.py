"""How an actor's acts toward a target (or received from others) move over time."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ..errors import ConfigError
from ..storage import ActFilter, Store

__all__ = ["trends", "PERIODS"]

PERIODS = ("year", "quarter", "month")


_ISO = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?")


def _period(date: str | None, by: str) -> str:
    m = _ISO.match(date) if isinstance(date, str) else None
    if not m:  # a value stored before dates were validated
        return "undated"
    year, month = m.groups()
    if by == "year" or not month:
        return year
    if by == "month":
        return f"{year}-{month}"
    return f"{year}-Q{(int(month) - 1) // 3 + 1}"


def trends(store: Store, actor: str, target: str | None = None, by: str = "year",
           where: ActFilter | None = None) -> dict[str, Any]:
    """Per period and direction (``by`` the actor, ``toward`` it): counts by type, share of
    commitments, mean Goldstein value. ``where`` narrows the acts counted (type, modality, issue,
    party, kind, dates, commitments, confidence); its actor, target and limit are not used."""
    if by not in PERIODS:
        raise ConfigError(f"by must be one of {', '.join(PERIODS)}", field="by")
    actor = actor.upper()
    target = target.upper() if target else None
    directions = [("by", "actor", actor, "target", target)]
    if target is None:
        directions.append(("toward", "target", actor, None, None))
    else:
        directions.append(("toward", "actor", target, "target", actor))
    rows: list[dict[str, Any]] = []
    for label, role, code, other_role, other in directions:
        buckets: dict[str, dict[str, Any]] = defaultdict(lambda: {"acts": 0, "types": defaultdict(int), "commitments": 0, "goldstein": 0.0})
        for type_, commitment, goldstein, date in store.acts_by_code(role, code, other_role, other, where):
            b = buckets[_period(date, by)]
            b["acts"] += 1
            b["types"][type_] += 1
            b["commitments"] += commitment
            b["goldstein"] += goldstein or 0.0
        for period in sorted(buckets):
            b = buckets[period]
            rows.append({"period": period, "direction": label, "acts": b["acts"], "types": dict(sorted(b["types"].items())),
                         "commitment_share": round(b["commitments"] / b["acts"], 3),
                         "mean_goldstein": round(b["goldstein"] / b["acts"], 2)})
    return {"actor": actor, "target": target, "by": by, "filters": _narrowing(where), "rows": rows}


def _narrowing(where: ActFilter | None) -> dict[str, Any]:
    """The filters that narrowed the counts, as they were given (none: every act)."""
    if where is None:
        return {}
    skip = ("actor", "target", "limit")
    return {k: v for k, v in where.__dict__.items() if k not in skip and v not in (None, False)}
