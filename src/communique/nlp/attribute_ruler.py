"""spaCy's attribute ruler with its patterns looked up instead of matched.

The pinned English pipeline maps tags to parts of speech and morphology with an
:class:`~spacy.pipeline.AttributeRuler` of 179 patterns. spaCy runs every token
through a :class:`~spacy.matcher.Matcher` holding all of them, which took a fifth
of the whole extraction's time. Every one of them is a fixed sequence of one or two
tokens, each tested on its tag, lowercase form, dependency label and whether it is
space. Which tests a token passes depends on those four values alone, so
:class:`IndexedAttributeRuler` evaluates them once per distinct combination and keeps
the answer; a pattern matches where its tokens' tests pass in sequence. Patterns of
any other shape (operators, other attributes) stay in a Matcher.

``match()`` returns the very list the AttributeRuler's would (attribute id, match
id, start, end, sorted), and ``set_annotations()`` sets the same attributes from it
without building a Span per match, so every token gets what spaCy would give it
(``tests/test_attribute_ruler.py`` checks it on the bundled statements and on random
tokens against every kind of pattern).
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable, NamedTuple

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs  # what the AttributeRuler calls

__all__ = ["IndexedAttributeRuler", "index_attribute_ruler"]

_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # in the order of to_array below
_ARRAY = [TAG, LOWER, DEP, IS_SPACE]
CACHE_LIMIT = 100_000  # combinations kept; a bulk run meets more, and starts afresh past this

Check = Callable[[tuple], bool]


class _Spec(NamedTuple):
    """One token of a pattern: its checks, and the (column, values) that a token must
    have for it to match at all, if one is known (it finds the spec without testing
    every spec on every token)."""

    checks: tuple[Check, ...]
    anchor: tuple[int, frozenset] | None


def _predicate(column: int, value: Any) -> tuple[Check, frozenset | None] | None:
    """A test of one column of a token's (tag, lower, dep, is_space) and the values
    that pass it where they are few, or None for a predicate the Matcher must keep
    (operators, hashes, other attributes)."""
    if column == 3:
        return ((lambda v, want=bool(value): v[3] == want), None) if isinstance(value, bool) else None
    if isinstance(value, str):
        return (lambda v, want=value: v[column] == want), frozenset([value])
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            allowed = frozenset(arg)
            if op == "IN":
                return (lambda v: v[column] in allowed), allowed
            return (lambda v: v[column] not in allowed), None
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)
            return (lambda v: rx.search(v[column]) is not None), None
    return None


def _spec(token: Any) -> _Spec | None:
    if not isinstance(token, dict) or not token:
        return None
    checks, anchor = [], None
    for key, value in token.items():
        column = _COLUMNS.get(key) if isinstance(key, str) else None
        found = _predicate(column, value) if column is not None else None
        if found is None:
            return None
        checks.append(found[0])
        if found[1] is not None and (anchor is None or len(found[1]) < len(anchor[1])):
            anchor = (column, found[1])
    return _Spec(tuple(checks), anchor)


def _compile(patterns: list) -> list[list[_Spec]] | None:
    """The token specs of each of a rule's patterns, or None where one is not a
    fixed-length sequence of tests this module knows."""
    if not patterns or not all(isinstance(p, list) and p for p in patterns):
        return None
    compiled = [[_spec(t) for t in p] for p in patterns]
    return None if any(s is None for specs in compiled for s in specs) else compiled  # type: ignore[misc]


class IndexedAttributeRuler(AttributeRuler):
    """An AttributeRuler whose fixed-length patterns are tested once per distinct
    (tag, lower, dep, is_space) and remembered; it sets the same attributes."""

    def __init__(self, vocab, name: str = "attribute_ruler", *, validate: bool = False, **kwargs) -> None:
        super().__init__(vocab, name, validate=validate, **kwargs)
        self._reset()

    def _reset(self) -> None:
        self._specs: list[_Spec] = []
        self._anchored: list[dict[str, list[int]]] = [{}, {}, {}]  # column -> value -> spec ids
        self._loose: list[int] = []  # spec ids with no anchor: tested on every new combination
        self._starting: dict[int, list[tuple[int, int, tuple[int, ...]]]] = {}  # first spec -> rules
        self._rest = Matcher(self.vocab, validate=self.validate)
        self._cache: dict[tuple, tuple[int, ...]] = {}

    def clear(self) -> None:
        super().clear()
        self._reset()

    def add(self, patterns: Iterable, attrs: dict, index: int = 0) -> None:
        patterns = list(patterns)
        attr_id = len(self.attrs)
        super().add(patterns, attrs, index)
        match_id = self.vocab.strings[str(attr_id)]
        compiled = _compile(patterns)
        if compiled is None:
            self._rest.add(match_id, patterns)
            return
        for specs in compiled:
            ids = [self._register(spec) for spec in specs]
            self._starting.setdefault(ids[0], []).append((attr_id, match_id, tuple(ids[1:])))
        self._cache.clear()

    def _register(self, spec: _Spec) -> int:
        sid = len(self._specs)
        self._specs.append(spec)
        if spec.anchor is None:
            self._loose.append(sid)
        else:
            column, values = spec.anchor
            for value in values:
                self._anchored[column].setdefault(value, []).append(sid)
        return sid

    def _satisfied(self, row: tuple) -> tuple[int, ...]:
        """The specs a token with these (tag, lower, dep, is_space) hashes passes."""
        strings = self.vocab.strings
        values = (strings[row[0]], strings[row[1]], strings[row[2]], bool(row[3]))
        candidates = set(self._loose)
        for column in range(3):
            candidates.update(self._anchored[column].get(values[column], ()))
        return tuple(sorted(sid for sid in candidates if all(check(values) for check in self._specs[sid].checks)))

    def match(self, doc: Doc):
        cache, starting = self._cache, self._starting
        passed = []
        for row in map(tuple, doc.to_array(_ARRAY).tolist()):
            found = cache.get(row)
            if found is None:
                if len(cache) >= CACHE_LIMIT:
                    cache.clear()
                found = cache[row] = self._satisfied(row)
            passed.append(found)
        n = len(passed)
        matches = []
        for i, sids in enumerate(passed):
            for sid in sids:
                for attr_id, match_id, more in starting.get(sid, ()):
                    end = i + 1 + len(more)
                    if end <= n and all(s in passed[i + 1 + k] for k, s in enumerate(more)):
                        matches.append((attr_id, match_id, i, end))
        if len(self._rest):
            strings = self.vocab.strings
            matches.extend((int(strings[m_id]), m_id, s, e)
                           for m_id, s, e in self._rest(doc, allow_missing=True, as_spans=False))
        # the Matcher reports a rule's span once, however many of its patterns match it
        return sorted(set(matches))

    def set_annotations(self, doc: Doc, matches) -> None:
        """As the AttributeRuler's, without building a Span for each match."""
        attrs, indices = self.attrs, self.indices
        for match in matches:
            attr_id, _, start, end = match
            index = indices[attr_id]
            i = start + index if index >= 0 else end + index
            if not start <= i < end:  # the AttributeRuler's own error
                super().set_annotations(doc, [match])
            set_token_attrs(doc[i], attrs[attr_id])


@Language.factory("communique_attribute_ruler", default_config={"validate": False})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Put an IndexedAttributeRuler with the same patterns in place of ``nlp``'s
    attribute ruler (under the same name); a pipeline without one is left alone."""
    if name not in nlp.pipe_names:
        return
    old = nlp.get_pipe(name)
    if type(old) is not AttributeRuler:
        return
    patterns = old.patterns
    new = nlp.replace_pipe(name, "communique_attribute_ruler")
    new.add_patterns(patterns)
