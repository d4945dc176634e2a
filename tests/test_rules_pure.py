"""The act rules are pure: ``ActsComponent.match`` computes from the sentence and an
explicit state, and changes nothing held on the component, the Doc or the state."""
from __future__ import annotations

import copy
import pickle

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
