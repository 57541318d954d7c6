"""What independent checkers find: link-preview text inside the image, the W3C Nu Html
Checker on every page, complete structured data, and honest counts on /zoeken/."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from PIL import Image, ImageChops

from conftest import REPO
from sitegen import data
from sitegen.render import previews

VNU = REPO / ".venv" / "js" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"  # dev.py installs it
BAND, BOTTOM = 97, previews.SIZE[1] - 16  # below the top band (rows 0-96), above the bottom one


def ink_box(path) -> tuple[int, int, int, int]:
    """Where anything is drawn between the bands: (left, top, right, bottom), right exclusive."""
    image = Image.open(path).convert("RGB").crop((0, BAND, previews.SIZE[0], BOTTOM))
    white = Image.new("RGB", image.size, (255, 255, 255))
    # Ink is what differs clearly from the white ground (the PNG's palette is not exact white).
    return ImageChops.difference(image, white).convert("L").point(lambda v: 255 if v > 40 else 0).getbbox()


def _site_cases():
    from sitegen.render.model import build_site_model
    from sitegen.check.validate import check_paths

    return build_site_model(check_paths([REPO / "practices"]).valid_files).cases


LONG_WORDS = "Gezondheidsachterstandenbestrijdingsprogrammacoördinatie"
EXTREMES = {
    "lange titel": {"title": "Súdwest-Fryslân: " + "samenwerken aan gezondheid in negenentachtig kernen met de mienskip " * 2,
                    "place": "Súdwest-Fryslân · Friese Preventie Aanpak (GGD-regio Fryslân), Fryslân",
                    "terms": [t.label for t in data.taxonomies()["sporen"].terms]},
    "lange woorden": {"title": f"{LONG_WORDS} {LONG_WORDS} {LONG_WORDS}", "place": LONG_WORDS * 2,
                      "terms": [LONG_WORDS, LONG_WORDS]},
    "lange plaats": {"title": "Westland", "terms": [t.label for t in data.taxonomies()["sporen"].terms] * 2,
                     "place": "Westland, Schieland en Delfland · Gezondheidsakkoord van de regio's Westland, "
                              "Schieland en Delfland met gemeenten, zorg, welzijn en de zorgverzekeraar, Zuid-Holland"},
}


def preview_contents():
    site = data.settings()
    yield "site", previews._content(None)
    for case in _site_cases():
        yield case.slug, previews._content(case)
    for name, content in EXTREMES.items():
        yield name, {**content, "site": site.name, "colours": previews._content(None)["colours"]}


PREVIEWS = list(preview_contents())


@pytest.mark.parametrize("name, content", PREVIEWS, ids=[name for name, _ in PREVIEWS])
def test_preview_text_stays_within_equal_margins(name, content, tmp_path):
    target = tmp_path / "voorbeeld.png"
    previews.draw(content, target)
    left, _top, right, _bottom = ink_box(target)
    assert left >= previews.MARGIN - 2, (name, left)  # glyphs may start a pixel or two early
    assert right <= previews.SIZE[0] - previews.MARGIN, (name, right)


def test_the_margin_check_sees_text_that_runs_off(tmp_path):
    """Guards the pixel test: a line drawn past the right margin must be caught."""
    from PIL import ImageDraw

    image = Image.new("RGB", previews.SIZE, (255, 255, 255))
    ImageDraw.Draw(image).text((previews.MARGIN, 300), "x" * 400, fill=(0, 0, 0))
    image.save(tmp_path / "te-breed.png")
    assert ink_box(tmp_path / "te-breed.png")[2] > previews.SIZE[0] - previews.MARGIN


# -- the Nu Html Checker -------------------------------------------------------------------------

def vnu_errors(folder) -> list[str]:
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json",
                             "--skip-non-html", str(folder)], capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [f"{m['url'].rsplit('/site/', 1)[-1]}: {m['message']}" for m in messages]


def test_nu_html_checker_finds_no_error_on_any_page(built_site):
    assert len(list(built_site.rglob("*.html"))) > 50
    assert vnu_errors(built_site) == []


def test_nu_html_checker_finds_no_error_on_the_large_site(large_built_site):
    assert vnu_errors(large_built_site) == []


def test_nu_html_checker_reports_a_real_error(tmp_path):
    page = tmp_path / "site" / "kapot.html"
    page.parent.mkdir()
    page.write_text('<!doctype html><html lang="nl"><head><title>x</title></head><body>'
                    '<label for="bestaat-niet">x</label><h1>a</h1><h3>b</h3></body></html>', encoding="utf-8")
    assert len(vnu_errors(page.parent)) == 2


# -- structured data -------------------------------------------------------------------------------

def json_ld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_every_case_page_has_complete_article_data(built_site):
    import yaml

    for path in sorted((REPO / "practices").glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        document = json_ld((built_site / "praktijken" / path.stem / "index.html").read_text(encoding="utf-8"))
        assert document["@type"] == "Article"
        for role in ("author", "publisher"):
            organisation = document[role]
            assert organisation["@type"] == "Organization" and organisation["name"] == data.settings().name
            assert organisation["logo"]["@type"] == "ImageObject"
            logo = organisation["logo"]["url"].removeprefix(data.site_url())
            assert (built_site / logo).is_file()
        works = document["isBasedOn"]
        assert len(works) == len(case["bronnen"])
        for work, source in zip(works, case["bronnen"]):
            assert work["@type"] == "CreativeWork" and work["name"] == source["titel"]
            if source.get("uitgever"):
                assert work["publisher"] == {"@type": "Organization", "name": source["uitgever"]}
            if source.get("jaar"):
                assert work["datePublished"] == str(source["jaar"])
            if source.get("url"):
                assert work["url"] == source["url"]
        assert document["dateModified"] == str(case.get("bijgewerkt") or case["gepubliceerd"])
        assert document["datePublished"] == str(case["gepubliceerd"])
