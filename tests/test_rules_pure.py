"""The act rules are pure: ``ActsComponent.match`` computes from the sentence and an
explicit state, and changes nothing held on the component, the Doc or the state."""
from __future__ import annotations

import copy
import pickle

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique import read_document
from communique.nlp.component import CTX_KEY
from communique.nlp.records import DocState

from .conftest import sample


def _parsed(extractor, name):
    doc = read_document(sample(name))
    comp = extractor.component
    _, sentences, _, sds = extractor._prepare(doc, comp)
    return list(extractor.nlp.pipe(sds, disable=[comp.name]))


def _run(comp, sds):
    state, out = DocState(), []
    for sd in sds:
        m = comp.match(sd, state)
        out.append((m.hits, m.acts))
        state = m.state
    return out, state


def test_match_changes_nothing_and_repeats(extractor):
    comp = extractor.component
    sds = _parsed(extractor, "2022-11-14_us-china_readout")
    _, state = _run(comp, sds[:6])  # a state with persons learned
    assert state.people, "the readout names persons: the state should hold them"
    frozen_state = copy.deepcopy(state)
    before_ctx = [pickle.dumps(sd.user_data[CTX_KEY]) for sd in sds]
    before_comp = pickle.dumps((comp.gazetteer.aliases, comp.gazetteer.single_word_people))
    first = [comp.match(sd, state) for sd in sds[6:]]
    again = [comp.match(sd, state) for sd in sds[6:]]
    assert first == again
    assert state == frozen_state
    assert [pickle.dumps(sd.user_data[CTX_KEY]) for sd in sds] == before_ctx
    assert pickle.dumps((comp.gazetteer.aliases, comp.gazetteer.single_word_people)) == before_comp


def test_interleaved_documents_read_as_alone(extractor):
    """Two documents' sentences matched alternately give each the acts it has alone:
    no state leaks between documents through the component."""
    comp = extractor.component
    a = _parsed(extractor, "2022-11-14_us-china_readout")
    b = _parsed(extractor, "2023-01-13_us-japan_joint-statement")
    alone_a, _ = _run(comp, a)
    alone_b, _ = _run(comp, b)
    sa, sb, out_a, out_b = DocState(), DocState(), [], []
    for i in range(max(len(a), len(b))):
        if i < len(b):
            m = comp.match(b[i], sb)
            out_b.append((m.hits, m.acts))
            sb = m.state
        if i < len(a):
            m = comp.match(a[i], sa)
            out_a.append((m.hits, m.acts))
            sa = m.state
    assert out_a == alone_a and out_b == alone_b
    assert any(acts for _, acts in out_a)


def test_state_carries_persons_forward(extractor):
    """'President Xi' resolves to CHN in a later sentence only through the state."""
    comp = extractor.component
    sds = _parsed(extractor, "2022-11-14_us-china_readout")
    _, state = _run(comp, sds)
    assert dict(state.people).get("Xi") == "CHN"


_DOCS: list = []


def _docs():
    if not _DOCS:
        from .conftest import SAMPLES

        _DOCS.extend(read_document(p) for p in sorted(SAMPLES.glob("*.md"))[:5])
    return _DOCS


_ALONE: dict = {}


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(5)), chunk=st.integers(1, 5))
def test_a_documents_acts_do_not_depend_on_its_neighbours(extractor, order, chunk):
    """Whatever documents are read before it, and however they are batched, a
    document's acts are those it has alone: no state crosses documents."""
    docs = _docs()
    if not _ALONE:
        _ALONE.update({d.name: extractor.extract(d).acts for d in docs})
    got = {ex.document.name: ex.acts for ex in extractor.extract_many([docs[i] for i in order], chunk=chunk)}
    assert got == _ALONE


def test_the_gazetteer_returns_what_it_learns_and_changes_nothing(extractor):
    g = extractor.component.gazetteer
    people = {"Biden": "USA"}
    hits, after = g.scan("President Jane Doe of Kenya met President Biden.", people)
    assert people == {"Biden": "USA"}  # the caller's memory is read, not written
    assert after["Doe"] == "KEN" and after["Biden"] == "USA"
    assert [h.code for h in g.find("President Doe spoke.", people) if h.kind == "person"] == []
    assert [h.code for h in g.find("President Doe spoke.", after) if h.kind == "person"] == ["KEN"]


_CODES = st.sampled_from(["USA", "JPN", "IRL", "AUS", "CHN", "DEU"])
_TITLES = st.sampled_from(["president", "prime minister", "taoiseach", "chancellor", "vice president"])


@given(parties=st.lists(_CODES, min_size=1, max_size=3, unique=True),
       others=st.lists(_CODES, max_size=3, unique=True),
       titles=st.dictionaries(_CODES, st.frozensets(_TITLES, max_size=3)),
       title=_TITLES, the=st.sampled_from(["the ", "The "]), poss=st.sampled_from(["", "’s", "'s"]))
def test_a_principal_is_a_participant_or_no_one(parties, others, titles, title, the, poss):
    """"the Prime Minister" names an issuer or a participant whose leaders hold the title, or
    the single issuer, or no one: never a state outside the statement."""
    from communique.nlp.records import Context

    participants = tuple(parties) + tuple(c for c in others if c not in parties)
    ctx = Context(tuple(parties), participants, {}, frozenset(), titles=titles)
    words = " ".join(w.capitalize() for w in title.split())
    got = ctx.principal(f"{the}{words}{poss}")
    assert got is None or set(got) <= set(participants)
    holders = [c for c in participants if title in titles.get(c, ())]
    if len(holders) == 1:
        assert got == (holders[0],)  # the one participant whose leaders hold the title
    elif not holders:
        assert got == (tuple(parties) if len(parties) == 1 else None)
