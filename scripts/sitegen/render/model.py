"""Turns valid case files into the site's model: cases, terms and provinces.

Only files that passed validation reach this module, so it can trust types
and terms. The model is what templates render; it knows nothing of MkDocs.
"""

from __future__ import annotations

import datetime
import heapq
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import data
from ..data import Province, Taxonomy, Term
from ..check.load import LoadedFile
from ..check.passages import result_items


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str = ""
    year: int | None = None
    url: str = ""
    note: str = ""

    @classmethod
    def from_data(cls, raw: dict) -> "Source":
        """A source as written under `bronnen` (a case file or lessen.yaml)."""
        return cls(raw["titel"], raw.get("uitgever", ""), raw.get("jaar"), raw.get("url", ""),
                   raw.get("toelichting", ""))


# The "In het kort" facts, in the order the case page shows them (schema keys).
FACT_KEYS = data.fact_keys()
UNKNOWN = "onbekend"  # the finder's value for a fact no source gives


def _fact_filter(key: str) -> dict[str, str]:
    """The finder's options for one fact: its values and labels from the schema, then UNKNOWN."""
    labels = dict(data.source_schema()["properties"][key]["x-labels"])
    labels.setdefault(UNKNOWN, data.settings().facts_texts["onbekend"].capitalize())
    return labels


# Facts the finder filters on. Doelgroep is free text in the source's words, so it is
# searched; the redactie's doelgroepen (a fixed list) is filtered.
FACT_FILTERS = {key: _fact_filter(key) for key in ("doelgroepen", "status", "onderbouwing", "schaal")}


@dataclass(frozen=True)
class Fact:
    """One fact of "In het kort": its schema key, its label and its value as shown, or
    "" when no source gives it (the page then says so; nothing is guessed)."""
    key: str
    label: str
    value: str
    raw: object = None  # as written in the file: a slug, a year, a list of slugs

    @property
    def known(self) -> bool:
        return bool(self.value)


@dataclass(frozen=True)
class Citation:
    """The passage of a source a claim rests on, word for word (check/passages.py)."""
    passage: str
    source: Source
    number: int  # of the source in the case's list, from 1
    place: str = ""

    @property
    def shown(self) -> str:
        """The passage as a reader should see it: a word that the PDF broke across two lines
        ("gezond- heid") whole again; a Dutch "gezondheids- en welzijnsbeleid" stays."""
        return re.sub(r"(\w)- (?!(?:en|of|tot|t/m)\b)(\w)", r"\1\2", self.passage)


@dataclass
class Case:
    slug: str
    title: str
    municipality: str
    region: str
    province: Province
    summary: str
    terms: dict[str, list[Term]]  # taxonomy key -> terms, in the file's order
    approach: str
    results: str
    lessons: list[str]
    partners: list[str]
    sources: list[Source]
    published: datetime.date
    updated: datetime.date | None
    former_addresses: list[str] = field(default_factory=list)  # forward to this case
    related: list["Case"] = field(default_factory=list)  # filled in by build_site_model
    facts: list[Fact] = field(default_factory=list)  # "In het kort", one per FACT_KEYS
    citations: dict[str, list[Citation]] = field(default_factory=dict)  # "les 1", "doelgroep" -> passages

    def result_items(self) -> list[str]:
        """The results, as citations count them (check/passages.result_items)."""
        return result_items(self.results)

    def cited_claims(self) -> list[str]:
        """The claims with a citation in the order the page shows them (facts, results, lessons),
        so that the footnotes are numbered as a reader meets them."""
        order = [*FACT_KEYS, *(f"resultaat {n}" for n in range(1, len(self.result_items()) + 1)),
                 *(f"les {n}" for n in range(1, len(self.lessons) + 1))]
        return [claim for claim in order if claim in self.citations]

    def uncited(self) -> list[str]:
        """Lessons and results without a passage, as 'les 2', 'resultaat 1' (the page says so)."""
        claims = [f"les {n}" for n in range(1, len(self.lessons) + 1)]
        claims += [f"resultaat {n}" for n in range(1, len(self.result_items()) + 1)] if self.results else []
        return [claim for claim in claims if claim not in self.citations]

    @property
    def information_year(self) -> int | None:
        """When the page's information dates from: the newest year among its sources
        (not when the page was published or edited), or None when no source has a year."""
        return max((s.year for s in self.sources if s.year), default=None)

    def fact(self, key: str) -> Fact:
        return next(f for f in self.facts if f.key == key)

    @property
    def place(self) -> str:
        """Municipality and/or region, as shown under the title."""
        return " · ".join(filter(None, [self.municipality, self.region]))

    @property
    def place_and_province(self) -> str:
        """"Emmen, Drenthe": for previews, feeds and structured data; "Utrecht" once where
        the place and its province have one name."""
        return self.place if self.place == self.province.name else f"{self.place}, {self.province.name}"

    @property
    def title_with_place(self) -> str:
        """The title, with the place and province after it only where the title lacks them:
        "Emmen: gezondheid van onderop (Drenthe)", never "(Utrecht, Utrecht)". A title begins
        with its place ("Fryslân: ..."), so a region named after it counts as named."""
        missing = self.places_not_in_title
        return f"{self.title} ({', '.join(missing)})" if missing else self.title

    @property
    def places_not_in_title(self) -> list[str]:
        """The place and the province, each unless the title names it (see title_with_place)."""
        named = self.title.split(":", 1)[0] if ":" in self.title else None
        return [name for name in dict.fromkeys((self.place, self.province.name))
                if name not in self.title and not (named and named in name)]

    def all_terms(self) -> list[Term]:
        return [term for terms in self.terms.values() for term in terms]

    @property
    def kind(self) -> str:
        """'gemeente' or 'regio': the filter value for who carries out the approach."""
        return "gemeente" if self.municipality else "regio"


@dataclass(frozen=True)
class GeneralLesson:
    """A lesson from the source documents that belongs to no single case (lessen.yaml)."""
    text: str
    source: Source
    terms: tuple[Term, ...]


def general_lessons() -> list[GeneralLesson]:
    """The lessons in data/lessen.yaml, with their sources and terms looked up.

    The file is written by editors, not contributors, so a wrong key or slug is
    a mistake in the repository: it stops the build with a message naming it.
    """
    raw = data.general_lessons()
    sources = {key: Source.from_data(s) for key, s in raw["bronnen"].items()}
    taxonomies, texts = data.taxonomies(), data.messages()
    result = []
    for number, lesson in enumerate(raw["lessen"], start=1):
        terms = []
        for key, taxonomy in taxonomies.items():
            for slug in lesson.get(key) or []:
                if slug not in taxonomy.slugs:
                    raise ValueError(texts["lessen_onbekende_term"].format(
                        nummer=number, slug=slug, indeling=key))
                terms.append(taxonomy.term(slug))
        if lesson.get("bron") not in sources or not lesson.get("pijlers"):
            raise ValueError(texts["lessen_onvolledig"].format(nummer=number))
        result.append(GeneralLesson(" ".join(lesson["tekst"].split()), sources[lesson["bron"]],
                                    tuple(terms)))
    return result


@dataclass
class Site:
    cases: list[Case]  # newest first
    taxonomies: dict[str, Taxonomy]
    provinces: tuple[Province, ...]
    cases_by_term: dict[tuple[str, str], list[Case]] = field(default_factory=dict)
    cases_by_province: dict[str, list[Case]] = field(default_factory=dict)
    lessons: list[GeneralLesson] = field(default_factory=list)
    _option_counts: dict | None = field(default=None, repr=False, compare=False)

    def cases_for(self, term: Term) -> list[Case]:
        return self.cases_by_term.get((term.taxonomy, term.slug), [])

    def covered_terms(self) -> list[Term]:
        """Terms with at least one case (the home page names the others)."""
        return [term for taxonomy in self.taxonomies.values() for term in taxonomy.terms
                if self.cases_for(term)]

    def filter_groups(self) -> dict[str, list[str]]:
        """What the finder filters on: filter name (as in its form and address) -> values.

        The one definition of the groups: the overview's form and counts, and the
        finder's columns (finder.py), all read it.
        """
        groups = {taxonomy.parameter: taxonomy.slugs for taxonomy in self.taxonomies.values()}
        groups["provincie"] = [province.slug for province in self.provinces]
        groups["soort"] = list(data.settings().filters["soorten"])
        for key, values in FACT_FILTERS.items():
            groups[key] = list(values)
        return groups

    def filter_values(self, case: Case) -> dict[str, list[str]]:
        """Filter name -> the values ``case`` has."""
        values = {taxonomy.parameter: [term.slug for term in case.terms[key]]
                  for key, taxonomy in self.taxonomies.items()}
        values["provincie"] = [case.province.slug]
        values["soort"] = [case.kind]
        for key in FACT_FILTERS:  # a case whose sources do not say counts under "onbekend"
            raw = case.fact(key).raw
            values[key] = (list(raw) if isinstance(raw, list) else [raw]) if raw else [UNKNOWN]
        return values

    def option_counts(self) -> dict[str, dict[str, int]]:
        """Filter name -> value -> number of cases: the finder's counts before any choice.

        Counted once: every page of the overview prints them (250 pages at 5,000 cases).
        """
        if self._option_counts is None:
            counts = {name: dict.fromkeys(values, 0) for name, values in self.filter_groups().items()}
            for case in self.cases:
                for name, values in self.filter_values(case).items():
                    for value in values:
                        counts[name][value] += 1
            self._option_counts = counts
        return self._option_counts

    def lessons_for(self, term: Term) -> list[GeneralLesson]:
        return [lesson for lesson in self.lessons if term in lesson.terms]

    def cases_in(self, province: Province) -> list[Case]:
        return self.cases_by_province.get(province.slug, [])

    def unknown_count(self, key: str) -> int:
        """How many cases the sources say nothing about for one fact of "In het kort"."""
        return sum(not case.fact(key).known for case in self.cases)

    def count_both(self, first: Term, second: Term) -> int:
        """How many cases carry both terms (a cell of the coverage tables)."""
        slugs = {case.slug for case in self.cases_for(first)}
        return sum(case.slug in slugs for case in self.cases_for(second))


def last_changed(cases: list[Case]) -> str:
    """The newest date among cases (published or updated), ISO; '' when there are none."""
    dates = [case.updated or case.published for case in cases]
    return max(dates).isoformat() if dates else ""


def _case(loaded: LoadedFile) -> Case:
    raw = loaded.data
    sources = [Source.from_data(s) for s in raw["bronnen"]]
    taxonomies = data.taxonomies()
    return Case(
        slug=Path(loaded.path).stem,
        title=raw["titel"].strip(),
        municipality=raw.get("gemeente", "").strip(),
        region=raw.get("regio", "").strip(),
        province=data.province_by_name(raw["provincie"]),
        summary=" ".join(raw["samenvatting"].split()),
        terms={key: [taxonomy.term(slug) for slug in raw.get(key) or []]
               for key, taxonomy in taxonomies.items()},
        approach=raw["aanpak"].strip(),
        results=(raw.get("resultaten") or "").strip(),
        lessons=[" ".join(lesson.split()) for lesson in raw["lessen"]],
        partners=[" ".join(p.split()) for p in raw.get("partners") or []],
        sources=sources,
        published=datetime.date.fromisoformat(raw["gepubliceerd"]),
        updated=datetime.date.fromisoformat(raw["bijgewerkt"]) if raw.get("bijgewerkt") else None,
        former_addresses=list(raw.get("eerdere-adressen") or []),
        facts=facts_from(raw),
        citations=_citations(raw, sources),
    )


def _citations(raw: dict, sources: list[Source]) -> dict[str, list[Citation]]:
    found: dict[str, list[Citation]] = {}
    for entry in raw.get("citaten") or []:
        number = entry.get("bron", 1)
        found.setdefault(entry["bij"], []).append(
            Citation(" ".join(entry["citaat"].split()), sources[number - 1], number, entry.get("plek", "")))
    return found


def facts_from(raw: dict) -> list[Fact]:
    """Each fact of "In het kort" in words: enums by their x-labels, lists joined."""
    properties = data.source_schema()["properties"]
    facts = []
    for key in FACT_KEYS:
        prop, value = properties[key], raw.get(key)
        labels = prop.get("x-labels", {})
        if value in (None, "", []):
            shown = ""
        elif isinstance(value, list):
            shown = ", ".join(labels.get(v, str(v)) for v in value)
        else:
            shown = labels.get(value, " ".join(str(value).split()))
        facts.append(Fact(key, prop["title"], shown, value))
    return facts


def link_related_cases(cases: list[Case], limit: int) -> None:
    """Gives each case up to ``limit`` related cases: most shared terms first,
    then the same province, then the order of ``cases`` (newest first).

    Cases with the same set of terms score alike, so scores are computed once
    per distinct set, as bit masks (``int.bit_count`` runs in C); only the best
    score levels are looked at per case. At 5,000 cases this takes about a
    second instead of tens of millions of Python set operations.
    """
    bits: dict[tuple[str, str], int] = {}
    by_mask: dict[int, list[int]] = {}
    for position, case in enumerate(cases):
        mask = 0
        for term in case.all_terms():
            mask |= 1 << bits.setdefault((term.taxonomy, term.slug), len(bits))
        by_mask.setdefault(mask, []).append(position)
    distinct = list(by_mask)
    for mask in distinct:
        scores = [(mask & other).bit_count() for other in distinct]
        pool: list[tuple[int, int]] = []  # (score, position) of the best levels only
        for index in sorted(range(len(distinct)), key=scores.__getitem__, reverse=True):
            score = scores[index]
            if score == 0 or (len(pool) > limit and score < pool[-1][0]):
                break  # enough candidates, and the level they end on is complete
            pool += [(score, p) for p in by_mask[distinct[index]]]
        for position in by_mask[mask]:
            province = cases[position].province.slug
            best = heapq.nsmallest(limit, (
                (-score, cases[p].province.slug != province, p)
                for score, p in pool if p != position))
            cases[position].related = [cases[p] for _, _, p in best]


def build_site_model(valid_files: list[LoadedFile]) -> Site:
    """The whole site from validated files: newest case first, then by title."""
    cases = sorted((_case(f) for f in valid_files), key=lambda c: c.title)
    cases.sort(key=lambda c: c.published, reverse=True)
    site = Site(cases=cases, taxonomies=data.taxonomies(), provinces=data.provinces(),
                lessons=general_lessons())
    for case in cases:
        for term in case.all_terms():
            site.cases_by_term.setdefault((term.taxonomy, term.slug), []).append(case)
        site.cases_by_province.setdefault(case.province.slug, []).append(case)
    link_related_cases(cases, data.settings().related_cases)
    return site
