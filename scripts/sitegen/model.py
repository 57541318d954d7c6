"""Turns valid case files into the site's model: cases, terms and provinces.

Only files that passed validation reach this module, so it can trust types
and terms. The model is what templates render; it knows nothing of MkDocs.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from . import data
from .data import Province, Taxonomy, Term
from .load import LoadedFile


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str = ""
    year: int | None = None
    url: str = ""
    note: str = ""


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

    @property
    def place(self) -> str:
        """Municipality and/or region, as shown under the title."""
        return " · ".join(filter(None, [self.municipality, self.region]))

    def all_terms(self) -> list[Term]:
        return [term for terms in self.terms.values() for term in terms]


@dataclass
class Site:
    cases: list[Case]  # newest first
    taxonomies: dict[str, Taxonomy]
    provinces: tuple[Province, ...]
    cases_by_term: dict[tuple[str, str], list[Case]] = field(default_factory=dict)
    cases_by_province: dict[str, list[Case]] = field(default_factory=dict)

    def cases_for(self, term: Term) -> list[Case]:
        return self.cases_by_term.get((term.taxonomy, term.slug), [])

    def cases_in(self, province: Province) -> list[Case]:
        return self.cases_by_province.get(province.slug, [])


def _case(loaded: LoadedFile) -> Case:
    raw = loaded.data
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
        sources=[Source(s["titel"], s.get("uitgever", ""), s.get("jaar"), s.get("url", ""),
                        s.get("toelichting", "")) for s in raw["bronnen"]],
        published=datetime.date.fromisoformat(raw["gepubliceerd"]),
        updated=datetime.date.fromisoformat(raw["bijgewerkt"]) if raw.get("bijgewerkt") else None,
    )


def build_site_model(valid_files: list[LoadedFile]) -> Site:
    """The whole site from validated files: newest case first, then by title."""
    cases = sorted((_case(f) for f in valid_files), key=lambda c: c.title)
    cases.sort(key=lambda c: c.published, reverse=True)
    site = Site(cases=cases, taxonomies=data.taxonomies(), provinces=data.provinces())
    for case in cases:
        for term in case.all_terms():
            site.cases_by_term.setdefault((term.taxonomy, term.slug), []).append(case)
        site.cases_by_province.setdefault(case.province.slug, []).append(case)
    return site
