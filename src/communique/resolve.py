"""What a user typed as a filter, resolved to what the store holds.

Actor, target and party values are codes (``USA``); a name ("United States") or a
form the gazetteer knows ("American") resolves to its code with a note, and anything
else is refused with the closest codes as a hint. Issues resolve the same way
("defence" is ``defense``, by the issue's own terms); act types and modalities are
refused with the valid list.
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from .errors import ConfigError
from .rules import Rules
from .storage import ActFilter

__all__ = ["resolve_filter", "actor_names"]


@lru_cache(maxsize=4)
def _names(rules_dir: str | None) -> dict[str, str]:
    import pycountry

    rules = Rules(rules_dir)
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.setdefault(value.lower(), c.alpha_3)
    data = rules.actors
    for code, forms in data.get("states", {}).items():
        for f in forms:
            names[str(f).lower().strip(" -")] = str(code)
    for code, forms in data.get("organisations", {}).items():
        for f in [code, *forms]:
            names.setdefault(str(f).lower(), str(code))
    return names


def actor_names(rules: Rules | None = None) -> dict[str, str]:
    """Lower-cased names and forms of actors -> their codes."""
    rules = rules or Rules()
    return _names(str(rules.directory) if rules.directory else None)


def _hint(value: str, choices: dict[str, str]) -> str:
    from rapidfuzz import process

    best = process.extract(value.lower(), list(choices), limit=3, score_cutoff=70)
    seen = []
    for name, _, _ in best:
        entry = f"{choices[name]} ({name})" if name.upper() != choices[name] else choices[name]
        if entry not in seen:
            seen.append(entry)
    return f"; did you mean {' or '.join(seen)}?" if seen else "; give a code such as USA, JPN or G7"


def _issue_terms(rules: Rules) -> list[tuple[str, re.Pattern]]:
    out = []
    for issue, terms in rules.issues.items():
        for t in terms:
            t = str(t)
            pat = re.escape(t.rstrip("*")) + (r"\w*" if t.endswith("*") else "")
            out.append((issue, re.compile(rf"^{pat}$", re.I)))
    return out


def resolve_filter(f: ActFilter, known_codes: set[str], rules: Rules | None = None) -> tuple[ActFilter, list[str]]:
    """``f`` with names resolved to codes, and the notes saying what was resolved.
    ``known_codes`` are the codes the store holds (they are always accepted)."""
    rules = rules or Rules()
    f = f.validated()
    notes: list[str] = []
    changes: dict[str, str] = {}
    names = actor_names(rules)
    codes = set(names.values()) | {c.upper() for c in known_codes}
    for field in ("actor", "target", "party"):
        value = getattr(f, field)
        if not value:
            continue
        v = value.strip()
        if v.upper() in codes:
            continue
        code = names.get(v.lower())
        if code:
            changes[field] = code
            notes.append(f"{field} {value!r} is {code}")
            continue
        raise ConfigError(f"unknown {field} {value!r}: not a code in the store or a name of an actor" + _hint(v, names), field=field)
    if f.issue:
        issues = list(rules.issues)
        if f.issue.lower() not in issues:
            match = next((i for i, p in _issue_terms(rules) if p.match(f.issue.strip())), None)
            if match is None:
                raise ConfigError(f"unknown issue {f.issue!r} (one of {', '.join(issues)})", field="issue")
            changes["issue"] = match
            notes.append(f"issue {f.issue!r} is {match}")
    return dataclasses.replace(f, **changes), notes
