"""The public API is explicit, and pinned: a change to it must change this test."""
import communique


def test_public_api_is_pinned():
    assert sorted(communique.__all__) == sorted([
        "__version__", "Act", "ActFilter", "CommuniqueError", "Corpus", "Document", "Extraction", "Extractor",
        "IngestReport", "Mention", "OffsetMap", "ReadFailure", "Rules", "Sentence", "iter_documents", "read_document",
    ])
    for name in communique.__all__:
        assert hasattr(communique, name), name


def test_every_error_is_a_communique_error_and_documented():
    from communique import errors

    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, errors.CommuniqueError)
        assert cls.__doc__ and len(cls.__doc__) > 20, name
    e = errors.FrontMatterError("bad", path="x.md", line=3, span=(1, 2))
    assert str(e) == "x.md:3: bad" and e.span == (1, 2)


def test_no_spacy_object_leaves_the_nlp_layer(extractor):
    from dataclasses import fields

    from communique.ingest import document_from_text

    ex = extractor.extract(document_from_text("We will deepen cooperation with India.", name="t", origin="t",
                                              meta={"parties": ["USA", "JPN"]}))
    for record in (ex, *ex.acts, *ex.sentences, *ex.mentions):
        for f in fields(record):
            value = getattr(record, f.name)
            assert "spacy" not in type(value).__module__, (type(record).__name__, f.name)
