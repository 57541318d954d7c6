"""What a query must find, read straight from the pages' text by the rule of data/zoeken.yaml.

The browser answers from the word index (docs/assets/zoekhulp.js); this
answers from the words of each page, with the rule's Python side
(builder/search.py: key, forms, splits). The tests compare the two whole,
and both against a table typed from reading the cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitegen import data
from sitegen.builder import search
from sitegen.check.validate import check_paths
from sitegen.render.model import build_site_model


@dataclass
class Oracle:
    slugs: list[str]  # the cases, in the finder's order (newest first)
    addresses: list[str]  # the other pages, in the index's order
    titles: list[set[str]]  # per page (cases, then the others) the keys of its title
    keys: list[set[str]]  # per page every key

    @classmethod
    def of(cls, practices: Path, site_dir: Path) -> "Oracle":
        site = build_site_model(check_paths([practices]).valid_files)
        pages = search.built_pages(site_dir, {data.case_address(case.slug) for case in site.cases})
        texts = [search.case_text(case) for case in site.cases] + [(page.title, page.text) for page in pages]
        known = {form for title, text in texts for word in search.words_of(f"{title} {text}")
                 for form in search.forms(word)}
        pairs = [search.page_keys(title, text, known) for title, text in texts]
        return cls([case.slug for case in site.cases], [page.address for page in pages],
                   [title for title, _ in pairs], [keys for _, keys in pairs])

    def word(self, word: str) -> dict[int, int] | None:
        """Page number -> weight as zoekhulp.js ranks: the word in the title 4, elsewhere 3; its two
        parts both in the title 2, elsewhere 1. None for a word that is not searched."""
        own = search.forms(word)
        if not own:
            return None
        found = {}
        for number, keys in enumerate(self.keys):
            if set(own) & keys:
                found[number] = 4 if set(own) & self.titles[number] else 3
            for left, right in search.splits(word):
                if left in keys and right in keys:
                    both_in_title = left in self.titles[number] and right in self.titles[number]
                    found[number] = max(found.get(number, 0), 2 if both_in_title else 1)
        return found

    def answer(self, query: str) -> dict:
        """As zoekhulp.find answers: cases and other pages best first, what each word finds, what was left out."""
        searched, ignored = [], []
        for word in search.words_of(query):
            if not search.forms(word):
                ignored.append(word)
            elif word.lower() not in searched:
                searched.append(word.lower())
        each = [self.word(word) for word in searched]
        common = set.intersection(*(set(found) for found in each)) if each else set()
        order = sorted(common, key=lambda number: (-sum(found[number] for found in each), number))
        cases = len(self.slugs)
        return {"cases": [self.slugs[n] for n in order if n < cases],
                "pages": [self.addresses[n - cases] for n in order if n >= cases],
                "words": {word: sorted(found) for word, found in zip(searched, each)},
                "ignored": ignored}
