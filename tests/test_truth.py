"""Every source named as it names itself, and every term explanation sourced or marked.

The numbers-and-quotes tests (test_content.py) cannot see a made-up title, a
publisher the document does not give, or an explanation no source supports.
These read the source documents themselves (conftest.source_folder: ../shared/seeds
or the folder in BRONDOCUMENTEN). Each is marked needs_source_documents: where the
folder is absent (GitHub has only the repository) it is skipped, with the reason.
"""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import REPO, needs_source_documents
from sitegen import data

REGISTER = yaml.safe_load((REPO / "tests" / "fixtures" / "brondocumenten.yaml").read_text(encoding="utf-8"))
SUPPLIED = re.compile(r"^\[Zonder titel: .+\]$")  # a description we supplied, not a title


def normal(text: str) -> str:
    """Letters and digits only: line breaks, hyphenation and spacing of the PDF text do not count."""
    return re.sub(r"[^0-9a-zà-ÿ]+", "", text.lower())


@pytest.fixture(scope="module")
def documents(source_folder) -> dict[str, str]:
    return {p.name: normal(p.read_text(encoding="utf-8")) for p in sorted(source_folder.glob("*.txt"))}


def every_source() -> list[tuple[str, dict]]:
    """(where, bron) for each source of each case and of lessen.yaml."""
    found = []
    for path in sorted((REPO / "practices").glob("*.yaml")):
        for index, source in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["bronnen"]):
            found.append((f"{path.name} bronnen nr. {index + 1}", source))
    for key, source in data.general_lessons()["bronnen"].items():
        found.append((f"lessen.yaml bronnen {key}", source))
    return found


@needs_source_documents
def test_the_register_names_each_publisher_as_its_document_does(documents):
    assert set(REGISTER) <= set(documents)
    for name, entry in REGISTER.items():
        if entry["titel"]:
            assert normal(entry["titel"]) in documents[name], name
        passages = " ".join(entry["bewijs"])
        for passage in entry["bewijs"]:
            assert normal(passage) in documents[name], (name, passage)
        for word in re.findall(r"\b[A-Z][\w]*", entry["uitgever"]):  # every name in the publisher
            assert normal(word) in normal(passages), (name, word)


@needs_source_documents
@pytest.mark.parametrize("where, source", every_source(), ids=[w for w, _ in every_source()])
def test_every_source_has_the_title_and_publisher_its_document_gives(where, source, documents):
    title = source["titel"]
    by_publisher = [name for name, entry in REGISTER.items() if entry["uitgever"] == source.get("uitgever")]
    assert len(by_publisher) == 1, f"{where}: publisher {source.get('uitgever')!r} is not how a source names itself"
    document = by_publisher[0]
    if SUPPLIED.match(title):  # only for a document without a title of its own
        assert REGISTER[document]["titel"] is None, f"{where}: the document has a title of its own"
    else:
        assert normal(title) in documents[document], f"{where}: {title!r} is not in {document}"


@needs_source_documents
def test_a_made_up_title_or_publisher_is_caught(documents):
    """Guards the test above with the kinds of mistake the reading found."""
    made_up = {"titel": "Verslag van de G40-bijeenkomst over gezond leven mogelijk maken (31 mei)",
               "uitgever": "G40, themagroep Zorg, Jeugd en Onderwijs"}
    with pytest.raises(AssertionError):
        test_every_source_has_the_title_and_publisher_its_document_gives("proef", made_up, documents)
    signatories = {"titel": "Mid-term review GALA – Gezond en Actief Leven Akkoord",
                   "uitgever": "Ondertekenaars van het GALA (ministerie van VWS, VNG, GGD GHOR Nederland en "
                               "Zorgverzekeraars Nederland)"}
    with pytest.raises(AssertionError):
        test_every_source_has_the_title_and_publisher_its_document_gives("proef", signatories, documents)


TERMS = [(taxonomy, term) for taxonomy in data.taxonomies().values() for term in taxonomy.terms]


@needs_source_documents
@pytest.mark.parametrize("taxonomy, term", TERMS, ids=[f"{t.key}-{term.slug}" for t, term in TERMS])
def test_every_term_explanation_rests_on_a_passage_of_its_source(taxonomy, term, documents):
    if term.editorial:
        return  # the page says the source gives only the name (next test)
    assert term.fragment, f"{term.slug}: an explanation without the passage it rests on"
    holding = [name for name, text in documents.items() if normal(term.fragment) in text]
    assert holding, f"{term.slug}: the passage is not in any source document"
    others = [t for t in taxonomy.terms if t.fragment]  # one taxonomy, one source document
    assert all(normal(t.fragment) in documents[holding[0]] for t in others), taxonomy.key


@pytest.mark.parametrize("taxonomy, term", TERMS, ids=[f"{t.key}-{term.slug}" for t, term in TERMS])
def test_every_term_page_shows_its_source_or_says_it_is_editorial(taxonomy, term, built_site):
    page = (built_site / taxonomy.folder / term.slug / "index.html").read_text(encoding="utf-8")
    if term.editorial:
        assert "Toelichting van de redactie" in page and "alleen de naam" in page
    else:
        assert "Toelichting van de redactie" not in page
        assert "Uit de bron:" in page and normal(term.fragment) in normal(page)
