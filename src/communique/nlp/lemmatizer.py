"""The pipeline's lemmatizer, asked once per distinct word form.

spaCy's rule lemmatizer reads a token's form, part of speech and morphology and
nothing else, but it walks every token as a Python object and keeps no answer
for the many forms it treats as base forms. :class:`CachedLemmatizer` reads those
three values as one array, asks the pipeline's own lemmatizer for each new
combination and writes the lemmas back as an array: the same lemmas
(``tests/test_attribute_ruler.py`` checks it on the bundled statements) for less
time per token.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["CachedLemmatizer", "cache_lemmatizer"]

CACHE_LIMIT = 200_000  # combinations kept; a bulk run meets more, and starts afresh past this
_ARRAY = [ORTH, POS, MORPH, LEMMA]


class CachedLemmatizer:
    """Sets the lemmas ``lemmatizer`` would, asking it once per (form, POS, morphology)."""

    def __init__(self, name: str = "lemmatizer", lemmatizer: Any = None) -> None:
        self.name = name
        self.lemmatizer = lemmatizer
        self._cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        inner = self.lemmatizer
        if inner is None:
            raise ValueError("CachedLemmatizer has no lemmatizer to ask")
        rows = doc.to_array(_ARRAY).tolist()
        if not rows:
            return doc
        cache, strings, overwrite = self._cache, doc.vocab.strings, inner.overwrite
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:  # set before (the attribute ruler's exceptions)
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            found = cache.get(key)
            if found is None:
                found = strings.add(inner.lemmatize(doc[i])[0])
                if pos:  # no part of speech: spaCy warns each time; ask each time
                    if len(cache) >= CACHE_LIMIT:
                        cache.clear()
                    cache[key] = found
            lemmas.append(found)
        doc.from_array([LEMMA], np.array(lemmas, dtype="uint64").reshape(-1, 1))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


@Language.factory("communique_lemmatizer")
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    return CachedLemmatizer(name)


def cache_lemmatizer(nlp: Language, name: str = "lemmatizer") -> None:
    """Put a CachedLemmatizer around ``nlp``'s lemmatizer (under the same name); a
    pipeline without one is left alone."""
    if name not in nlp.pipe_names:
        return
    old = nlp.get_pipe(name)
    if isinstance(old, CachedLemmatizer) or not hasattr(old, "lemmatize"):
        return
    new = nlp.replace_pipe(name, "communique_lemmatizer")
    new.lemmatizer = old
