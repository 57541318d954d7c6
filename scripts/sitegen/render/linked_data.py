"""The structured data of a case page: a schema.org Article for search engines and link
previews, with its sources as CreativeWorks and the facts of "In het kort" as
PropertyValues. Written into the page's <script type="application/ld+json">."""

from __future__ import annotations

import json

from .. import data
from . import previews
from .model import Case


def _creative_work(source) -> dict:
    """A source as schema.org wants it: a CreativeWork with its own name and publisher."""
    work = {"@type": "CreativeWork", "name": source.title}
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.year:
        work["datePublished"] = str(source.year)
    if source.url:
        work["url"] = source.url
    return work


def case_json_ld(case: Case, pages) -> str:
    """schema.org Article for search engines and link previews, safe inside <script>."""
    settings = data.settings()
    url = pages.absolute(pages.case_page(case))
    organisation = {"@type": "Organization", "name": settings.name, "url": data.site_url(),
                    "logo": {"@type": "ImageObject", "url": pages.absolute(previews.LOGO),
                             "width": previews.LOGO_SIZE[0], "height": previews.LOGO_SIZE[1]}}
    document = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": case.title,
        "description": case.summary,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "nl",
        "datePublished": case.published.isoformat(),
        "dateModified": (case.updated or case.published).isoformat(),
        "image": pages.absolute(previews.image_page(case)),
        "spatialCoverage": {"@type": "Place", "name": case.place_and_province},
        "about": [{"@type": "DefinedTerm", "name": term.label,
                   "inDefinedTermSet": pages.absolute(pages.taxonomy_page(pages.site.taxonomies[term.taxonomy]))}
                  for term in case.all_terms()],
        "isBasedOn": [_creative_work(source) for source in case.sources],
        "license": settings.licence_url,
        "author": organisation,
        "publisher": organisation,
    }
    # In het kort, where a source gives it: who it is for, since when, and the facts as
    # schema.org PropertyValues (no schema.org type fits a municipal approach better).
    if case.fact("doelgroep").known:
        document["audience"] = {"@type": "Audience", "audienceType": case.fact("doelgroep").value}
    if case.information_year:
        document["temporalCoverage"] = f"{case.fact('start').raw or '..'}/{case.information_year}"
    document["additionalProperty"] = [{"@type": "PropertyValue", "propertyID": fact.key, "name": fact.label,
                                       "value": fact.value} for fact in case.facts if fact.known]
    # No "<" at all inside <script>: neither "</script>" nor "<!--" from a case's text can end it.
    return json.dumps(document, ensure_ascii=False).replace("<", "\\u003c")
