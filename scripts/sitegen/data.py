"""Reads the data files in ``data/``: schema, taxonomies, provinces, messages.

Everything a contributor or visitor reads in Dutch, and every list of allowed
terms, lives in those files so that there is one place to change it. This
module only loads them and derives what the other modules need (for example
the schema with its taxonomy enums filled in).
"""

from __future__ import annotations

import copy
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"


def _read(name: str):
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@dataclass(frozen=True)
class Term:
    taxonomy: str
    slug: str
    label: str
    explanation: str  # "" where the sources give only the name: the page says so (editorial)
    fragment: str = ""  # the verbatim passage of the source the explanation rests on
    note: str = ""  # the redactie's warning where the name misleads (let_op), marked as its own

    @property
    def editorial(self) -> bool:
        """No sourced explanation: the term page explains it from the cases, marked as editorial."""
        return not self.explanation


@dataclass(frozen=True)
class Taxonomy:
    key: str  # the key in a case file, e.g. "sporen"
    parameter: str  # the filter's name in overview links, e.g. "spoor" in ?spoor=participatie
    folder: str  # the address folder, e.g. "sporen" -> /sporen/<slug>/
    name: str
    singular: str
    introduction: str
    source: str
    terms: tuple[Term, ...]

    @property
    def slugs(self) -> list[str]:
        return [term.slug for term in self.terms]

    def term(self, slug: str) -> Term:
        return next(term for term in self.terms if term.slug == slug)


@dataclass(frozen=True)
class Province:
    name: str
    slug: str
    other_names: tuple[str, ...]


@functools.cache
def taxonomies() -> dict[str, Taxonomy]:
    result = {}
    for key, raw in _read("taxonomies.yaml").items():
        terms = tuple(Term(key, t["slug"], t["label"], " ".join(str(t.get("uitleg") or "").split()),
                           t.get("fragment", ""), " ".join(str(t.get("let_op") or "").split()))
                      for t in raw["termen"])
        result[key] = Taxonomy(
            key=raw["sleutel"],
            parameter=raw["parameter"],
            folder=raw["map"],
            name=raw["naam"],
            singular=raw["enkelvoud"],
            introduction=raw["inleiding"],
            source=raw["bron"],
            terms=terms,
        )
    return result


@functools.cache
def provinces() -> tuple[Province, ...]:
    return tuple(
        Province(p["naam"], p["slug"], tuple(p.get("ook", []))) for p in _read("provinces.yaml")
    )


def site_url() -> str:
    """The published root address, ending in '/': $SITE_URL, else the local default.

    Feeds, open data, preview tags and the sitemap need absolute addresses;
    the build hands the same value to MkDocs, so both always agree.
    """
    return (os.environ.get("SITE_URL") or settings().local_address).rstrip("/") + "/"


def case_address(slug: str) -> str:
    """The published address of a case: /praktijken/<slug>/."""
    return f"/{settings().cases_folder}/{slug}/"


def province_by_name(name: str) -> Province | None:
    """Finds a province by its official name or one of its other spellings."""
    for province in provinces():
        if name == province.name or name in province.other_names:
            return province
    return None


@functools.cache
def general_lessons() -> dict:
    """lessen.yaml as written: sources by key and lessons (model.general_lessons checks it)."""
    return _read("lessen.yaml")


@functools.cache
def rules() -> dict:
    """regels.yaml: the text rules that check and the editor both apply."""
    return _read("regels.yaml")


def rule(name: str) -> re.Pattern:
    entry = rules()[name]
    flags = {"m": re.MULTILINE, "i": re.IGNORECASE}
    return re.compile(entry["patroon"], sum(flags[f] for f in entry.get("vlaggen", "")))


@functools.cache
def search_rule() -> dict:
    """zoeken.yaml: which page a word finds (builder/search.py, and in the browser zoekhulp.js)."""
    return _read("zoeken.yaml")


@functools.cache
def messages() -> dict:
    return _read("messages.yaml")


@functools.cache
def form() -> dict:
    return _read("formulier.yaml")


@functools.cache
def site() -> dict:
    """site.yaml as written; code reads it through settings()."""
    return _read("site.yaml")


@dataclass(frozen=True)
class FixedPage:
    """A page that exists whatever the cases: generated from a template, or hand-written."""
    name: str  # its key in site.yaml paginas, e.g. "lessen"
    file: str  # its Markdown file, e.g. "lessen.md"
    template: str | None  # None: hand-written in docs/
    menu: str | None  # its tab in the navigation
    footer: str | None  # its link in every footer

    @property
    def address(self) -> str:
        """Where it is published: lessen.md -> /lessen/, praktijken/index.md -> /praktijken/."""
        stem = self.file.removesuffix(".md")
        stem = stem.removesuffix("index").rstrip("/") if stem.endswith("index") else stem
        return f"/{stem}/" if stem else "/"


@dataclass(frozen=True)
class Settings:
    """site.yaml, typed: what templates and code may rely on."""
    name: str
    local_address: str
    licence: str
    licence_url: str
    pages: dict[str, FixedPage]
    per_page: int
    finder_columns: str
    finder_cards: str
    word_index: str  # the word index's folder in the site (builder/search.py)
    paging: dict[str, str]
    newest_on_home: int
    lessons_per_pillar: int
    related_cases: int
    max_file_kb: int
    title_similarity: float
    months: tuple[str, ...]
    filters: dict
    feeds: dict
    preview: dict
    colours: dict[str, str]
    branch: str
    editors_email: str
    publisher: str
    publisher_url: str
    editors: str
    response_time: str
    source_check: dict  # bronnencontrole: wachttijd, herhalingen, pauze, werkers
    case_headings: dict  # praktijkkoppen: the headings of a case page
    facts_texts: dict  # kort: the words of "In het kort"
    editor_texts: dict  # editor: the words of the contributors' editor
    editor_address_limit: int

    @property
    def repository(self) -> str:
        """The GitHub repository the editor hands files to: $SITE_REPOSITORY, else site.yaml."""
        return (os.environ.get("SITE_REPOSITORY") or site()["github"]["repository"]).rstrip("/")

    @property
    def identity_missing(self) -> list[str]:
        """The site.yaml keys a published site must fill in: who publishes it, where to write."""
        return [key for key, value in (("uitgever", self.publisher), ("redactie_email", self.editors_email))
                if not value.strip()]

    @property
    def cases_folder(self) -> str:
        """Case pages live beside the overview: /praktijken/<naam>/."""
        return self.pages["overzicht"].address.strip("/")

    @property
    def provinces_folder(self) -> str:
        return self.pages["provincies"].address.strip("/")


def _fixed_page(name: str, raw: dict) -> FixedPage:
    if "indeling" in raw:  # a taxonomy's index page: file and name from taxonomies.yaml
        taxonomy = next(t for t in taxonomies().values() if t.key == raw["indeling"])
        return FixedPage(name, f"{taxonomy.folder}/index.md", "taxonomy.md.j2", taxonomy.name, None)
    return FixedPage(name, raw["bestand"], raw.get("sjabloon"), raw.get("menu"), raw.get("voettekst"))


@functools.cache
def settings() -> Settings:
    raw = site()
    return Settings(
        name=raw["naam"], local_address=raw["adres_lokaal"],
        licence=raw["licentie"], licence_url=raw["licentie_url"],
        pages={name: _fixed_page(name, page) for name, page in raw["paginas"].items()},
        per_page=int(raw["per_pagina"]), finder_columns=raw["vinder_kolommen"],
        finder_cards=raw["vinder_kaarten"], word_index=raw["woordindex"],
        paging=raw["paginering"], newest_on_home=int(raw["nieuwste_op_home"]),
        lessons_per_pillar=int(raw["lessen_per_pijler"]), related_cases=int(raw["verwante_praktijken"]),
        max_file_kb=int(raw["max_bestand_kb"]), title_similarity=float(raw["gelijkenis_titel"]),
        months=tuple(raw["maanden"]), filters=raw["filters"], feeds=raw["feeds"],
        preview=raw["voorbeeld"], colours=raw["kleuren"], branch=raw["github"]["tak"],
        editors_email=raw.get("redactie_email") or "",
        publisher=raw.get("uitgever") or "", publisher_url=raw.get("uitgever_web") or "",
        editors=raw.get("redactie") or "", response_time=raw.get("doorlooptijd") or "",
        source_check=raw["bronnencontrole"], case_headings=raw["praktijkkoppen"], facts_texts=raw["kort"],
        editor_texts=raw["editor"], editor_address_limit=int(raw["editor_adres_max"]),
    )


@functools.cache
def source_schema() -> dict:
    """The schema exactly as written, with its x- extensions."""
    return _read("schema.yaml")


def fact_keys() -> tuple[str, ...]:
    """The facts of "In het kort" (schema x-kort), in the order the case page shows them:
    one list for the model, the citations' check and the editor's."""
    return tuple(key for key, prop in source_schema()["properties"].items() if prop.get("x-kort"))


def published_schema() -> dict:
    """The JSON Schema for editors: enums filled in, our x- extensions removed."""
    def clean(value):
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if not k.startswith("x-")}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    return clean(schema())


@functools.cache
def schema() -> dict:
    """The schema with taxonomy and province enums filled in from their data files."""
    result = copy.deepcopy(source_schema())
    for prop in result["properties"].values():
        taxonomy = prop.get("x-taxonomie")
        if taxonomy:
            prop["items"]["enum"] = taxonomies()[taxonomy].slugs
        if prop.get("x-provincies"):
            prop["enum"] = [name for p in provinces() for name in (p.name, *p.other_names)]
    return result
