"""The act lexicon compiled from the rules files into lookup sets (one per Rules)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import RulesError
from ..rules import Rules

__all__ = ["Lexicon", "Pattern"]


@dataclass(frozen=True)
class Pattern:
    name: str
    regex: re.Pattern
    type: str
    cameo: str
    modality: str | None = None


def _term_regex(terms: list[str]) -> re.Pattern:
    parts = []
    for t in terms:
        t = str(t)
        if t.endswith("*"):
            parts.append(re.escape(t[:-1]) + r"[\w-]*")
        else:
            parts.append(re.escape(t))
    parts.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.I)


class MissingWordList(RulesError, AttributeError):
    """A word list the rules use is not in grammar.yaml: a :class:`RulesError` for
    the user, and an ``AttributeError`` for ``getattr``, ``hasattr`` and ``copy``."""


class Words:
    """The grammar word sets (grammar.yaml) as attributes: ``lex.words.goal_nouns``."""

    def __init__(self, sets: dict[str, frozenset[str]], path: str | None = None) -> None:
        self.__dict__.update(sets)
        self.__dict__["_path"] = path

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        raise MissingWordList(f"grammar.yaml has no word list {name!r} (under 'words')", path=self.__dict__.get("_path"))


def _word_sets(rules: Rules) -> dict[str, frozenset[str]]:
    sets = {}
    for name, words in rules.grammar["words"].items():
        if not all(isinstance(w, str) for w in words):  # a bare on/no/yes in YAML is a boolean
            raise RulesError(f"word list {name!r} holds a non-string (quote every word)", path=str(rules.path("grammar.yaml")))
        sets[name] = frozenset(words)
    return sets


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[str, str]]
    nouns: dict[str, tuple[str, str]]
    light_verbs: frozenset[str]
    agree_objects: frozenset[str]
    purpose_verbs: frozenset[str]
    support_aid_verbs: frozenset[str]
    object_types: dict[str, str]
    cue_verbs: frozenset[str]
    reaffirm_verbs: frozenset[str]
    reaffirm_unless_will: frozenset[str]
    reaffirm_present_tense: frozenset[str]
    reaffirm_adjectives: frozenset[str]
    reaffirm_adverbs: frozenset[str]
    standing_verbs: frozenset[str]
    standing_nouns: frozenset[str]
    commit_aux: frozenset[str]
    commit_verbs: frozenset[str]
    commit_look_forward: frozenset[str]
    commit_adjectives: frozenset[str]
    commit_nouns: frozenset[str]
    regard_verbs: frozenset[str]
    obligation: frozenset[str]
    obligation_verbs: frozenset[str]
    not_after_obligation: frozenset[str]
    request_modals: frozenset[str]
    patterns: tuple[Pattern, ...]
    words: Words
    issue_patterns: dict[str, re.Pattern] = field(default_factory=dict)

    @classmethod
    def from_rules(cls, rules: Rules) -> "Lexicon":
        lx, md = rules.lexicon, rules.modality
        try:
            verbs = {k: (v[0], str(v[1])) for k, v in lx["verbs"].items()}
            nouns = {k: (v[0], str(v[1])) for k, v in lx["nouns"].items()}
            object_types = {n: t for t, ns in lx["object_types"].items() for n in ns}
            patterns = tuple(
                Pattern(p["name"], re.compile(p["pattern"], re.I), p["type"], str(p["cameo"]), p.get("modality"))
                for p in lx.get("patterns", [])
            )
        except (KeyError, IndexError, TypeError, re.error) as e:
            raise RulesError(f"malformed lexicon entry: {e}", path=str(rules.path("lexicon.yaml"))) from None
        return cls(
            verbs=verbs, nouns=nouns,
            light_verbs=frozenset(lx["light_verbs"]),
            agree_objects=frozenset(lx["agree_objects"]),
            purpose_verbs=frozenset(lx["purpose_verbs"]),
            support_aid_verbs=frozenset(lx["support_aid_verbs"]),
            object_types=object_types,
            cue_verbs=frozenset(md["cue_verbs"]),
            reaffirm_verbs=frozenset(md["reaffirm"]["verbs"]),
            reaffirm_unless_will=frozenset(md["reaffirm"]["unless_will"]),
            reaffirm_present_tense=frozenset(md["reaffirm"]["present_tense"]),
            reaffirm_adjectives=frozenset(md["reaffirm"]["adjectives"]),
            reaffirm_adverbs=frozenset(md["reaffirm"]["adverbs"]),
            standing_verbs=frozenset(md["reaffirm"]["standing_verbs"]),
            standing_nouns=frozenset(md["reaffirm"]["standing_nouns"]),
            commit_aux=frozenset(md["commit"]["aux"]),
            commit_verbs=frozenset(md["commit"]["verbs"]),
            commit_look_forward=frozenset(md["commit"]["look_forward"]),
            commit_adjectives=frozenset(md["commit"]["adjectives"]),
            commit_nouns=frozenset(md["commit"]["nouns"]),
            regard_verbs=frozenset(md["commit"].get("regard_verbs", ())),
            obligation=frozenset(md["commit"].get("obligation", ())),
            obligation_verbs=frozenset(md["commit"].get("obligation_verbs", ())),
            not_after_obligation=frozenset(md["commit"].get("not_after_obligation", ())),
            request_modals=frozenset(md["request_modals"]),
            patterns=patterns,
            words=Words(_word_sets(rules), str(rules.path("grammar.yaml"))),
            issue_patterns={k: _term_regex(v) for k, v in rules.issues.items()},
        )

    def issues_of(self, text: str) -> tuple[str, ...]:
        return tuple(k for k, rx in self.issue_patterns.items() if rx.search(text))
