"""Actor mentions by gazetteer: states, organisations, people and referring
expressions, found with one compiled regular expression per rules configuration.

Matching works on the sentence text and returns character spans, independent of
the parser's tokens. A person resolves to the state they act for: from the
leaders table, or from the text itself ("Prime Minister Kishida Fumio of Japan",
"Japanese Foreign Minister ...").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

import pycountry

from ..rules import Rules

__all__ = ["Gazetteer", "Hit"]

TITLES = (
    "President", "Vice President", "Prime Minister", "Premier", "Vice Premier", "Chancellor", "King", "Queen",
    "Crown Prince", "Emir", "Amir", "Sheikh", "Sultan", "Taoiseach", "Chairman", "General Secretary",
    "Secretary of State", "Secretary of Defense", "Secretary of the Treasury", "Secretary of Commerce",
    "Secretary", "Foreign Minister", "Defense Minister", "Defence Minister", "Minister", "Ambassador",
    "Secretary-General", "Secretary General", "Supreme Leader", "Senior General", "High Representative",
    "Foreign Secretary", "National Security Advisor", "Trade Representative", "External Affairs Minister",
)
_TITLE_RE = "|".join(sorted((re.escape(t) for t in TITLES), key=len, reverse=True))
TITLED = re.compile(rf"(?:{_TITLE_RE})\s+[A-Z]")  # a title and a name after it: "General Secretary Nguyễn ..."
_TITLE_BEFORE = re.compile(rf"(?:{_TITLE_RE})\s+(?:[A-Z][\w.’'-]*\s+){{0,3}}$")
# "Prime Minister Kishida Fumio of Japan", "President Xi Jinping of the People's Republic of China"
_PERSON = re.compile(
    rf"\b(?P<title>{_TITLE_RE})\s+(?P<name>(?:[A-Z][\w.’'-]*|[a-z]{{2,3}}(?=\s+[A-Z]))(?:,\s+Jr\.|\s+(?:Jr\.|[A-Z][\w.’'-]*|d[ae]|von|der|bin|al|el)){{0,4}})"
)
_POSS = r"(?:[’']s|[’'])?"
# a leader's one-word name before "administration" names the government it led ("the Biden-Harris Administration")
_ADMINISTRATION_AFTER = re.compile(r"(?:-[A-Z][\w’']*)?\s+[Aa]dministration\b")
_THEIR_PREDECESSOR = re.compile(r"(?:his|her)\s+predecessor", re.I)
# a text or a meeting named for a capital: "the Paris Agreement", "the Moscow Format", "the Treaty of Washington"
_NAMED_FOR = re.compile(r"\s+(?:(?:Climate|Peace|Naval|Summit)\s+)?(?:Agreement|Accords?|Declaration|Treaty|Club|Forum|Process|Format|"
                        r"Platform|Consensus|Commitment|Call|Pact|Principles|Protocol|Convention|Charter|Communiqu[eé]|Summit|"
                        r"Plan|Programme|Conference|Group)\b|\s+agreement\b")
_NAMED_OF = re.compile(r"\b(?:Treaty|Declaration|Charter|Convention|Protocol|Communiqu[eé]) of (?:the )?$")
# An organisation the registry does not know keeps its surface text as its code.
_UNKNOWN_ORG = re.compile(
    r"\b(?!(?:Our|The|This|These|That|We|Their|Its|In|On|At|As|And)\b)((?:[A-Z][\w’'.&-]*\s+(?:of\s+(?:the\s+)?|for\s+|and\s+)?){1,5}"
    r"(?:Organization|Organisation|Agency|Council|Bank|Fund|Union|Forum|Commission|Court|Programme|Secretariat|Association|Corporation|Institute)"
    r"(?:\s+(?:for|on|of)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:and\s+)?[A-Z][\w’'-]*){0,3})?)\b"
)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str
    code: str | None  # None for places that are not actors
    kind: str  # state | org | person | parties | participants | speaker | third | place


def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names[value] = c.alpha_3
    return names


# a name with an apostrophe is written with either: "Democratic People’s Republic of Korea" in the curly
# form matched only its tail, "Republic of Korea", and read North Korea as South Korea; and the UN's texts
# write "Co-operation" ("the Gulf Co-operation Council")
_SPELLINGS = (("'", "’"), ("’", "'"), ("Cooperation", "Co-operation"))


def _add_spellings(table: dict) -> None:
    """Each name of ``table`` also under its other spellings (a name already there keeps its value)."""
    for name, value in list(table.items()):
        for a, b in _SPELLINGS:
            if a in name:
                table.setdefault(name.replace(a, b), value)


class Gazetteer:
    """Compiled actor patterns for one :class:`Rules` configuration."""

    def __init__(self, rules: Rules) -> None:
        data = rules.actors
        self.aliases: dict[str, tuple[str | None, str]] = {}
        for name, code in _country_names().items():
            self.aliases.setdefault(name, (code, "state"))
        for code, forms in data["states"].items():
            for f in forms:
                self.aliases[str(f)] = (code, "state")
        for place in data.get("not_actors", []):
            self.aliases[place] = (None, "place")
        for code, forms in data["organisations"].items():
            # a code is itself a name only from three characters: "AC" and "CD" are air conditioning and
            # compact discs as often ("UN", "EU", "AU" are listed among the forms)
            for f in [*([code] if len(str(code)) > 2 else []), *forms]:
                self.aliases.setdefault(str(f), (str(code), "org"))
        # names of states that are no more, and the day they ceased: in a later text, history, no actor
        # ("a historical relationship with the USSR")
        self.ceased = {str(k): str(v) for k, v in (data.get("ceased") or {}).items()}
        self.bare: set[str] = set()  # references that name no one when a phrase narrows them
        narrowing = "|".join(re.escape(str(w)) for w in data.get("narrowing_words", []))
        self._narrowed = re.compile(rf"\s+(?:{narrowing})\b") if narrowing else None  # "the countries of the South"
        for kind, forms in data["references"].items():
            bare = kind.endswith("_bare")
            kind = kind.removesuffix("_bare")
            for f in forms:
                f = str(f)
                self.aliases[f] = (None, kind)
                self.aliases.setdefault(f[0].upper() + f[1:], (None, kind))
                if bare:
                    self.bare.update((f, f[0].upper() + f[1:]))
        self.single_word_people: dict[str, str] = {}
        # name -> (from, until, code, title) of each office a person held, where the table dates them: Rutte
        # spoke for the Netherlands until July 2024 and for NATO from October; undated, a name is its last row's
        tenures: dict[str, list[tuple[str, str, str, str]]] = {}
        titles: dict[str, set[str]] = {}
        for row in rules.leaders:
            if row.get("title"):
                titles.setdefault(row["code"], set()).add(row["title"].strip().lower())
            names = [row["name"], *[a for a in (row.get("aliases") or "").split("|") if a]]
            since, until = (row.get("from") or "").strip(), (row.get("until") or "").strip()
            for n in names:
                n = n.strip()
                if " " in n or "-" in n:
                    self.aliases[n] = (row["code"], "person")
                else:
                    self.single_word_people[n] = row["code"]
                if since or until:
                    tenures.setdefault(n, []).append((since, until, row["code"], (row.get("title") or "").strip().lower()))
        self.tenures = {n: tuple(sorted(ts)) for n, ts in tenures.items()}
        for table in (self.aliases, self.single_word_people, self.ceased, self.tenures):
            _add_spellings(table)
        # code -> the titles its leaders hold ("prime minister"): whose "the Prime Minister" is
        self.titles = {code: frozenset(ts) for code, ts in titles.items()}
        self.group_members = {k: tuple(v) for k, v in data.get("group_members", {}).items()}
        self.capitals = frozenset(str(c) for c in data.get("capitals", []))
        self.code_aliases = {str(k): str(v) for k, v in (data.get("code_aliases") or {}).items()}
        self.publishers = {str(k).lower(): str(v) for k, v in (data.get("publishers") or {}).items()}
        self.plan_nouns = frozenset(data.get("plan_nouns", []))
        self.leader_names = frozenset(self.single_word_people)  # tagged only after a title: "Kishida and Biden ..."
        alts = sorted(self.aliases, key=len, reverse=True)
        body = "|".join(re.escape(a) for a in alts)
        self._re = re.compile(rf"(?<![\w.])(?:{body}){_POSS}(?![\w])")
        singles = "|".join(re.escape(a) for a in sorted(self.single_word_people, key=len, reverse=True))
        self._single_re = re.compile(rf"(?<![\w])(?:{singles}){_POSS}(?![\w])") if singles else None

    def _alias_of(self, surface: str, known: dict | None = None) -> str:
        """``surface`` without a possessive ending, where the bare form is a known name."""
        known = self.aliases if known is None else known
        for suffix in ("’s", "'s", "’", "'"):
            if surface.endswith(suffix) and surface[: -len(suffix)] in known:
                return surface[: -len(suffix)]
        return surface

    def find(self, text: str, people: Mapping[str, str] | None = None, date: str | None = None) -> list[Hit]:
        """All mentions in ``text``. ``people`` (name -> code), the document's memory
        of persons resolved so far, is read, never changed; ``date`` (the document's, ISO)
        says which office a person held (see :meth:`office`)."""
        return self.scan(text, people, date)[0]

    def office(self, name: str, code: str, date: str | None, title: str | None = None) -> str | None:
        """The code ``name`` acts for on ``date``: the office the leaders table dates around it, else the
        last one begun before it (a former leader is still read as the state they led), else None (the
        name is someone else's); ``code`` (the name's undated reading) where the table gives no dates. A ``title`` the mention
        carries picks among the offices that hold it ("Prime Minister Rutte" in 2025 is the Netherlands')."""
        terms = self.tenures.get(name)
        if not terms:
            return code
        titled = [t for t in terms if title and t[3] == title.lower()]
        if titled and not date:
            return titled[-1][2]
        if not date:
            return code
        terms = titled or terms
        day = date[:10] + ("-07-01" if len(date) == 4 else "-15" if len(date) == 7 else "")
        held = [c for since, until, c, _ in terms if since <= day and (not until or day <= until)]
        if held:
            return held[-1]
        begun = [c for since, _, c, _ in terms if since <= day]
        # before the first office the table knows, the name is someone else's ("President Michel Sleiman"
        # in 2008 is no Charles Michel): no code from the table
        return begun[-1] if begun else None

    def scan(self, text: str, people: Mapping[str, str] | None = None,
             date: str | None = None) -> tuple[list[Hit], dict[str, str]]:
        """The mentions in ``text``, and the memory of persons after it: a new dict
        holding ``people`` plus the persons this text resolves."""
        hits: list[Hit] = []
        taken = [False] * (len(text) + 1)
        people = dict(people or {})
        for m in _PERSON.finditer(text):
            hit = self._person(text, m, people, date)
            if hit:
                hits.append(hit)
                for i in range(hit.start, hit.end):
                    taken[i] = True
        for m in self._re.finditer(text):
            if taken[m.start()]:
                continue
            alias = self._alias_of(m.group())
            if alias in self.bare and self._narrowed is not None and self._narrowed.match(text, m.end()):
                continue
            code, kind = self.aliases.get(alias, (None, "place"))
            if kind == "person":
                code = self.office(alias, code, date)
                if code is None:
                    continue
            if alias in self.capitals and (_NAMED_FOR.match(text, m.end()) or _NAMED_OF.search(text, 0, m.start())):
                code, kind = None, "place"  # the name of a text or a meeting, no state
            if alias in self.ceased and (date is None or date[:10] > self.ceased[alias]):
                code, kind = None, "place"
            hits.append(Hit(m.start(), m.end(), m.group(), code, kind))
        if self._single_re is not None:
            for m in self._single_re.finditer(text):
                if taken[m.start()] or any(h.start <= m.start() < h.end for h in hits):
                    continue
                if _TITLE_BEFORE.search(text[max(0, m.start() - 60) : m.start()]) or _ADMINISTRATION_AFTER.match(text, m.end()):
                    name = self._alias_of(m.group(), self.single_word_people)
                    code = self.office(name, self.single_word_people[name], date)
                    if code is not None:
                        hits.append(Hit(m.start(), m.end(), m.group(), code, "person"))
        for m in _UNKNOWN_ORG.finditer(text):
            if not any(h.start < m.end(1) and m.start(1) < h.end for h in hits):
                hits.append(Hit(m.start(1), m.end(1), m.group(1), m.group(1), "org"))
        for name, code in people.items():  # names learned earlier in the document
            for m in re.finditer(rf"(?<![\w]){re.escape(name)}{_POSS}(?![\w])", text):
                if not any(h.start <= m.start() < h.end for h in hits):
                    hits.append(Hit(m.start(), m.end(), m.group(), code, "person"))
        hits.sort(key=lambda h: (h.start, -h.end))
        out: list[Hit] = []
        for h in hits:  # drop overlaps, keeping the earliest and longest
            if out and h.start < out[-1].end:
                continue
            if out and h.kind == "addressee" and _THEIR_PREDECESSOR.match(h.text) and out[-1].code == "UN":
                # "the Secretary-General and his predecessor": the Secretary-General's, not the Assembly President's
                h = Hit(h.start, h.end, h.text, "UN", "org")
            out.append(h)
        return out, people

    def _state_after(self, tail: str) -> str | None:
        """The state in "... of (the) <state>" right after a person's name."""
        of = re.match(r"\s*(?:\([^)]*\)\s*)?of\s+(?:the\s+)?", tail)
        if not of:
            return None
        mm = self._re.match(tail, of.end())
        if mm:
            code, kind = self.aliases.get(self._alias_of(mm.group()), (None, ""))
            if kind in ("state", "org"):
                return code
        return None

    def _state_before(self, before: str) -> str | None:
        """The state named just before a title ("Japanese Prime Minister", "Japan's")."""
        mm = re.search(r"(\S+(?:\s+\S+)?)\s*$", before)
        if not mm:
            return None
        for cand in (mm.group(1), mm.group(1).split()[-1]):
            code, kind = self.aliases.get(self._alias_of(cand), (None, ""))
            if kind == "state":
                return code
        return None

    def _person(self, text: str, m: re.Match, people: dict[str, str], date: str | None = None) -> Hit | None:
        """A titled person: resolve by table, by "of <state>", by a state before the title."""
        name = m.group("name").rstrip(",")
        # Trim a trailing state name caught by the greedy name pattern ("Prime Minister Modi of India")
        words = name.split()
        code = None
        for i in range(len(words), 0, -1):
            cand = " ".join(words[:i]).rstrip(",")
            if cand in self.aliases and self.aliases[cand][1] == "person":
                code = self.office(cand, self.aliases[cand][0], date, m.group("title"))
                break
            if cand in self.single_word_people:
                code = self.office(cand, self.single_word_people[cand], date, m.group("title"))
                if code is not None and i < len(words) and not words[i - 1].endswith(","):
                    # one word of a longer name: a state named after it says who ("President Michel Aoun
                    # of Lebanon" is no Charles Michel; "Prime Minister Kishida Fumio of Japan" agrees)
                    after = self._state_after(text[m.end() : m.end() + 80])
                    code = after or code
                break
            if cand in people:
                code = people[cand]
                break
        if code is None:
            code = self._state_after(text[m.end() : m.end() + 80])
        if code is None:
            code = self._state_before(text[max(0, m.start() - 40) : m.start()])
        if code is None:
            return None
        end = m.end()
        # Remember the full name, first and last word, for later sentences ("President Xi")
        names = [w.rstrip(",") for w in words if w not in ("Jr.", "Sr.")]
        for w in {name, names[0], names[-1]} if names else ():
            w = w.rstrip(",")
            if w and w[0].isupper() and w not in ("The", "Jr.", "R."):
                people.setdefault(w, code)
        return Hit(m.start(), end, text[m.start():end], code, "person")
