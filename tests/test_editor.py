"""The contributors' editor on /bijdragen/editor/, in Debian's Chromium against a built site:
a person fills in a case with the keyboard and hands a file to GitHub that `check` accepts;
the browser finds the problems `check` finds; every case survives a round trip; the draft
survives a reload; hostile text stays text; and the page passes axe."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from conftest import REPO, generate, static_host
from sitegen import data
from sitegen.render.editor import checked_on_github
from sitegen.check.load import CaseLoader
from sitegen.check.validate import check_paths

EDITOR = data.settings().pages["editor"].address
FIXTURES = REPO / "tests" / "fixtures"
CASES = sorted(p.stem for p in (REPO / "practices").glob("*.yaml"))
# Problems found while reading the file's text: their line is part of what must agree.
TEXT_LEVEL = {"bestand_te_groot", "geen_utf8", "leeg_bestand", "tab_inspringing", "vreemd_regeleinde",
              "yaml_syntax", "dubbele_sleutel", "yaml_label", "yaml_verwijzing", "meerdere_documenten",
              "geen_mapping"}


def open_editor(page, site_url: str, query: str = "") -> None:
    page.goto(site_url + EDITOR + query)
    page.wait_for_selector("#veld-titel")


def as_case(text: str):
    return yaml.load(text, Loader=CaseLoader)  # dates as text, as check reads them


def file_from_link(href: str) -> tuple[str, str, str]:
    """(path of the page, file name, file content) of the GitHub new-file address."""
    parts = urlsplit(href)
    query = parse_qs(parts.query)
    return parts.path, query["filename"][0], query.get("value", [""])[0]


# -- a person with a keyboard ----------------------------------------------------------------

def type_into(page, label: str, text: str) -> None:
    page.get_by_label(label, exact=True).focus()
    page.keyboard.type(text)


def test_a_new_case_filled_in_by_keyboard_passes_check(page, site_url, tmp_path):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_editor(page, site_url)
    type_into(page, "Titel", "Zwolle: gezond in de wijk")
    type_into(page, f"Gemeente ({data.settings().editor_texts['een_van_beide']})", "Zwolle")
    page.get_by_label("Provincie", exact=True).focus()
    page.keyboard.type("Overijssel")
    type_into(page, "Samenvatting", "Zwolle werkt wijk voor wijk aan gezondheid, samen met bewoners en partners.")
    for term in ("Sociale omgeving", "Burgers zijn hoofdrolspelers"):
        page.get_by_label(re.compile("^" + term)).focus()
        page.keyboard.press("Space")
    type_into(page, "Aanpak", "De gemeente werkt met een wijkteam.\n\n## Samen met bewoners\n\n"
                              "Bewoners kiezen zelf de activiteiten in hun wijk, met steun van de gemeente.")
    page.get_by_role("button", name="Voeg toe: een regel").first.focus()  # the first list is Lessen
    page.keyboard.press("Enter")
    page.keyboard.type("Begin bij de bewoners en vraag wat zij nodig hebben.")
    page.get_by_role("button", name="Voeg toe: een bron").focus()
    page.keyboard.press("Enter")
    page.keyboard.type("Verslag van de wijkaanpak")
    page.get_by_role("button", name="Controleer").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#klaar-kop")).to_be_focused()  # no problems: focus moves on to the hand-off
    expect(page.locator(".foutoverzicht")).to_be_hidden()

    href = page.locator("#naar-github").get_attribute("href")
    path, name, text = file_from_link(href)
    repository = urlsplit(data.settings().repository).path
    assert path == f"{repository}/new/{data.settings().branch}"
    assert name == "practices/zwolle-gezond-in-de-wijk.yaml"
    assert text.startswith("# yaml-language-server: $schema=")
    case = tmp_path / Path(name).name
    case.write_text(text, encoding="utf-8")
    result = generate("check", str(case))
    assert result.returncode == 0 and "alles in orde" in result.stdout, result.stdout
    written = as_case(text)
    assert written["aanpak"].startswith("De gemeente werkt") and written["provincie"] == "Overijssel"
    assert list(written) == [k for k in data.schema()["properties"] if k in written]  # the schema's order
    assert "aanpak: |" in text  # Markdown as a block, as the handwritten cases

    with page.expect_download() as download:
        page.get_by_role("link", name="Download bestand").click()
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert saved == text and download.value.suggested_filename == "zwolle-gezond-in-de-wijk.yaml"


def test_problems_show_at_their_field_and_in_a_summary_that_links_to_it(page, site_url):
    open_editor(page, site_url)
    type_into(page, "Titel", "Zwolle")
    page.get_by_role("button", name="Controleer").click()
    summary = page.locator(".foutoverzicht")
    expect(summary).to_be_focused()
    link = summary.get_by_role("link", name=re.compile("^'Samenvatting' is nog leeg"))
    link.click()
    field = page.locator("#veld-samenvatting")
    expect(field).to_have_attribute("aria-invalid", "true")
    described = field.get_attribute("aria-describedby").split()
    assert "fout-veld-samenvatting" in described and "hulp-veld-samenvatting" in described
    expect(page.locator("#fout-veld-samenvatting")).to_contain_text("'Samenvatting' is nog leeg.")
    # The GitHub button does not hand over a file with problems.
    expect(page.locator("#naar-github")).to_have_attribute("aria-disabled", "true")


# -- the browser and `check` agree -------------------------------------------------------------

FIXTURE_FILES = sorted((FIXTURES / "ongeldig").glob("*.yaml")) + sorted((FIXTURES / "geldig").glob("*.yaml"))


def test_import_finds_what_check_finds_for_every_fixture(page, site_url):
    """Codes for every fixture; lines too where the problem is in the text itself. Left out:
    the codes that need other cases or the published version (checked_on_github()), which the
    editor says GitHub checks."""
    open_editor(page, site_url)
    page.locator("details.editor__inlezen > summary").click()
    disagree = []
    for fixture in FIXTURE_FILES:
        text = fixture.read_bytes().decode("utf-8", errors="replace")  # what a browser reads
        python = [(p.code, p.line if p.code in TEXT_LEVEL else None)
                  for p in check_paths([fixture]).problems
                  if p.code not in checked_on_github() and p.severity == "fout"]
        page.locator("#inlezen-tekst").fill(text)
        page.locator("#inlezen").click()
        if python:
            expect(page.locator(".foutoverzicht [data-code]").first).to_be_visible()
        else:
            expect(page.locator(".foutoverzicht")).to_be_hidden()
        found = page.eval_on_selector_all(".foutoverzicht [data-code]",
                                          "items => items.map(i => [i.dataset.code, Number(i.dataset.regel)])")
        browser = [(code, line if code in TEXT_LEVEL else None) for code, line in found]
        if sorted(browser) != sorted(python):
            disagree.append((fixture.name, sorted(python), sorted(browser)))
    assert disagree == []


# -- round trip, draft, hostile text ---------------------------------------------------------------

def without_field(text: str, key: str) -> list[str]:
    """The file's lines without the top-level field ``key`` (its line and the indented ones below)."""
    kept, inside = [], False
    for line in text.splitlines():
        if line and not line[0].isspace():
            inside = line.startswith(f"{key}:")
        if not inside:
            kept.append(line)
    return kept


@pytest.mark.parametrize("slug", CASES)
def test_every_case_loads_and_is_written_back_byte_for_byte(page, site_url, slug):
    """Opened to edit and sent back unchanged: the same file, so the redactie sees no diff;
    a changed title gives a file whose other lines are as published (yamlio.editedYaml)."""
    open_editor(page, site_url, f"?praktijk={slug}")
    expect(page.locator("#veld-titel")).not_to_have_value("")
    text = (REPO / "practices" / f"{slug}.yaml").read_text(encoding="utf-8")
    assert page.locator("#bestandstekst").input_value() == text
    title = page.locator("#veld-titel")
    title.fill(title.input_value() + " (bijgewerkt)")
    changed = page.locator("#bestandstekst")
    expect(changed).not_to_have_value(text)
    original = as_case(text)
    assert as_case(changed.input_value()) == {**original, "titel": original["titel"] + " (bijgewerkt)"}
    # Only the title changed in the file: the redactie's diff shows the edit and nothing else.
    assert without_field(changed.input_value(), "titel") == without_field(text, "titel")
    assert changed.input_value() != text
    href = page.locator("#naar-github").get_attribute("href")
    assert href.endswith(f"/edit/{data.settings().branch}/practices/{slug}.yaml")  # edits the existing file


def test_an_old_edit_draft_is_offered_not_put_over_the_published_case(page, site_url):
    texts = data.settings().editor_texts
    slug = CASES[0]
    open_editor(page, site_url, f"?praktijk={slug}")
    title = page.locator("#veld-titel")
    expect(title).not_to_have_value("")
    published = title.input_value()
    title.fill("Mijn oude concept")
    expect(page.locator(".editor__bewaard")).to_contain_text("Concept bewaard")
    open_editor(page, site_url, f"?praktijk={slug}")
    expect(page.get_by_role("button", name=texts["concept_terug"])).to_be_focused()
    expect(page.locator("#veld-titel")).to_have_value(published)  # the published version, not the draft
    page.get_by_role("button", name=texts["concept_terug"]).click()
    expect(page.locator("#veld-titel")).to_have_value("Mijn oude concept")
    open_editor(page, site_url, f"?praktijk={slug}")
    page.get_by_role("button", name=texts["concept_weg"]).click()
    expect(page.locator("#veld-titel")).to_have_value(published)
    open_editor(page, site_url, f"?praktijk={slug}")  # the draft is gone: no question
    expect(page.locator("#veld-titel")).to_have_value(published)
    assert page.locator("#concept-terug").count() == 0


def test_the_draft_survives_a_reload_and_starting_over_clears_it(page, site_url):
    open_editor(page, site_url)
    type_into(page, "Titel", "Deventer: samen in de buurt")
    expect(page.locator(".editor__bewaard")).to_contain_text("Concept bewaard om")
    page.reload()
    page.wait_for_selector("#veld-titel")
    expect(page.locator("#veld-titel")).to_have_value("Deventer: samen in de buurt")
    expect(page.locator(".editor__bewaard")).to_contain_text("teruggezet")
    texts = data.settings().editor_texts
    page.get_by_role("button", name=texts["opnieuw"]).click()  # asked first: nothing wiped yet
    expect(page.get_by_role("button", name=texts["wissen_nee"])).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#veld-titel")).to_have_value("Deventer: samen in de buurt")
    page.get_by_role("button", name=texts["opnieuw"]).click()
    page.get_by_role("button", name=texts["wissen_ja"]).click()
    expect(page.locator("#veld-titel")).to_have_value("")
    assert page.evaluate("Object.keys(window.localStorage).filter(k => k.startsWith('praktijk-concept'))") == []
    page.get_by_role("button", name=texts["ongedaan"]).click()  # and undone
    expect(page.locator("#veld-titel")).to_have_value("Deventer: samen in de buurt")
    page.get_by_role("button", name=texts["opnieuw"]).click()
    page.get_by_role("button", name=texts["wissen_ja"]).click()
    page.reload()
    page.wait_for_selector("#veld-titel")
    expect(page.locator("#veld-titel")).to_have_value("")


@pytest.mark.parametrize("fixture", ["ongeldig/html.yaml", "ongeldig/onveilige-links.yaml"])
def test_hostile_text_shows_as_text_in_the_preview_and_runs_nothing(page, site_url, fixture):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_editor(page, site_url)
    page.locator("details.editor__inlezen > summary").click()
    page.locator("#inlezen-tekst").fill((FIXTURES / fixture).read_text(encoding="utf-8"))
    page.locator("#inlezen").click()
    preview = page.locator(".editor__voorbeeld")
    expect(preview.locator("h1")).not_to_have_text("")
    assert preview.locator("script, img, iframe, [onerror], [onclick]").count() == 0
    assert preview.locator("a[href^='javascript:' i]").count() == 0
    if "html" in fixture:
        expect(preview).to_contain_text("<script>alert(1)</script>")
    assert dialogs == []


# -- accessible, light, linked -------------------------------------------------------------------

@pytest.mark.parametrize("width, height", [(1280, 900), (375, 800)])
def test_no_axe_violations_with_errors_showing(tab, site_url, width, height):
    from test_officials import axe_violations

    page = tab(viewport={"width": width, "height": height})
    open_editor(page, site_url)
    page.get_by_role("button", name="Voeg toe: een bron").click()
    page.get_by_role("button", name="Controleer").click()
    expect(page.locator(".foutoverzicht")).to_be_visible()
    assert axe_violations(page) == []


def test_nothing_scrolls_sideways_at_320_pixels(tab, site_url):
    page = tab(viewport={"width": 320, "height": 640})
    open_editor(page, site_url)
    page.get_by_role("button", name="Controleer").click()
    expect(page.locator(".foutoverzicht")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_editor_is_what_contributors_find_first(built_site):
    guide = (built_site / "bijdragen" / "index.html").read_text(encoding="utf-8")
    article = guide.split("<article", 1)[1]
    first_link = re.search(r'<a href="([^"]+)"', article.split("</h1>", 1)[1]).group(1)
    assert first_link.rstrip("/").endswith("editor")
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="bijdragen/editor/">Meld het aan</a>', home)
    case = (built_site / "praktijken" / CASES[0] / "index.html").read_text(encoding="utf-8")
    assert f'href="../../bijdragen/editor/?praktijk={CASES[0]}">Wijzig deze praktijk</a>' in case


def test_a_long_case_goes_by_the_clipboard_with_the_file_name_filled_in(page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_editor(page, site_url)
    case = as_case((REPO / "practices" / f"{CASES[0]}.yaml").read_text(encoding="utf-8"))
    case["aanpak"] = (case["aanpak"] + "\n\n") * 6
    case["titel"] = "Proefstad: een lange aanpak"
    page.locator("details.editor__inlezen > summary").click()
    page.locator("#inlezen-tekst").fill(yaml.safe_dump(case, allow_unicode=True, sort_keys=False))
    page.locator("#inlezen").click()
    link = page.locator("#naar-github")
    expect(page.locator(".editor__uitleg")).to_contain_text("klembord")
    path, name, value = file_from_link(link.get_attribute("href"))
    assert value == "" and name == "practices/proefstad-een-lange-aanpak.yaml"
    with page.context.expect_page():
        link.click(modifiers=["Control"])  # the page opens; the text is on the clipboard
    copied = page.evaluate("navigator.clipboard.readText()")
    assert as_case(copied)["aanpak"] == case["aanpak"]  # Markdown exactly as it was


def test_the_bundle_is_what_the_sources_and_the_lock_give(tmp_path):
    sys.path.insert(0, str(REPO / "scripts"))
    import dev

    target = tmp_path / "editor.js"
    dev.bundle_editor(target)
    assert target.read_bytes() == dev.EDITOR_BUNDLE.read_bytes(), "run: python3 scripts/dev.py editor"


def test_gemeente_and_regio_say_one_of_them_is_needed_and_participatie_carries_its_note(page, site_url):
    """The schema's anyOf, not "niet verplicht" at both; a term's let_op beside its tick box."""
    texts = data.settings().editor_texts
    open_editor(page, site_url)
    for field in ("gemeente", "regio"):
        title = data.source_schema()["properties"][field]["title"]
        expect(page.locator(f"label[for=veld-{field}]")).to_have_text(f"{title} ({texts['een_van_beide']})")
    note = data.taxonomies()["sporen"].term("participatie").note
    expect(page.locator(".veld__keuze", has_text="Participatie").locator(".veld__keuzeuitleg")).to_contain_text(
        f"{texts['let_op']} {note}")


def test_a_term_page_shows_the_redactie_s_note_as_its_own(built_site):
    note = data.taxonomies()["sporen"].term("participatie").note
    page = (built_site / "sporen" / "participatie" / "index.html").read_text(encoding="utf-8")
    assert f"<strong>Let op (van de redactie):</strong> {note}" in page
    assert "van de redactie" not in (built_site / "sporen" / "fysieke-omgeving" / "index.html").read_text(encoding="utf-8")


def test_typing_shows_no_summary_until_controleer_and_leaving_a_field_checks_that_field(page, site_url):
    """The GOV.UK way: the first letter of a title gives no list of nine problems above the form."""
    open_editor(page, site_url)
    page.evaluate("localStorage.clear()")
    open_editor(page, site_url)
    title = page.locator("#veld-titel")
    title.click()
    page.keyboard.type("Z")
    summary_texts = page.locator(".foutoverzicht")
    page.keyboard.type("w")  # still typing ("Zw", too short): no summary, no message under the field
    expect(page.locator("#fout-veld-titel")).to_be_hidden()
    page.keyboard.press("Tab")  # leaving the title: its own message, nothing else
    expect(page.locator("#fout-veld-titel")).to_be_visible()
    expect(title).to_have_attribute("aria-invalid", "true")
    assert page.locator(".veld__fout:not([hidden])").count() == 1
    expect(summary_texts).to_be_hidden()
    page.get_by_role("button", name="Controleer").click()
    expect(summary_texts).to_be_visible()
    expect(summary_texts).to_be_focused()
    assert page.locator(".foutoverzicht [data-code]").count() > 1


def test_a_new_case_leaves_the_redactie_s_fields_out_and_the_file_gets_today(page, site_url):
    """Schema x-redactie: not asked of a new contributor; 'vandaag' is filled in on the file."""
    import datetime
    open_editor(page, site_url)
    redactie = {key: prop["x-redactie"] for key, prop in data.source_schema()["properties"].items()
                if prop.get("x-redactie")}
    assert set(redactie) == {"eerdere-adressen", "gepubliceerd", "bijgewerkt"}
    for key in redactie:
        assert page.locator(f"#veld-{key}, #lijst-veld-{key}, #groep-veld-{key}").count() == 0, key
    written = as_case(page.locator("#bestandstekst").input_value())
    assert written["gepubliceerd"] == datetime.date.today().isoformat()
    assert "eerdere-adressen" not in written and "bijgewerkt" not in written


# -- two ways to hand a case in, and who sends it -----------------------------------------------

def test_without_a_github_account_the_mail_carries_the_file_and_who_sends_it(page, built_site, tmp_path):
    """Both ways stand side by side under their own headings; the mail holds the whole file
    and the "Over u" details, which the file itself never gets."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    editor_data = site / EDITOR.strip("/") / "gegevens.json"
    gegevens = json.loads(editor_data.read_text(encoding="utf-8"))
    gegevens["redactie"] = "redactie@voorbeeld.nl"  # as site.yaml redactie_email gives it
    editor_data.write_text(json.dumps(gegevens), encoding="utf-8")
    texts = data.settings().editor_texts
    text = (FIXTURES / "geldig" / "volledig.yaml").read_text(encoding="utf-8")
    with static_host(site) as url:
        page.goto(url + "/")  # from the home page, as a visitor comes
        with page.expect_navigation(url=re.compile(re.escape(EDITOR) + "$")):
            page.get_by_role("link", name="Meld het aan").click()
        page.wait_for_selector("#veld-titel")
        page.locator("details.editor__inlezen > summary").click()
        page.locator("#inlezen-tekst").fill(text)
        page.locator("#inlezen").click()
        headings = page.locator(".editor__weg h3")
        expect(headings).to_have_text([texts["met_account"], texts["zonder_account"]])
        page.get_by_label(texts["afzender_naam"]).fill("Anna de Vries")
        page.get_by_label(texts["afzender_organisatie"]).fill("Gemeente Deventer")
        page.get_by_label(texts["afzender_email"]).fill("a.devries@deventer.example")
        page.get_by_label(texts["afzender_toestemming"]).check()
        mail = page.get_by_role("link", name=texts["stuur"])
        expect(mail).to_have_attribute("href", re.compile("Anna"))
        parts = urlsplit(mail.get_attribute("href"))
        body = parse_qs(parts.query)["body"][0]
        assert parts.path == "redactie@voorbeeld.nl"
        assert texts["mail_afzender"].format(naam="Anna de Vries", organisatie="Gemeente Deventer",
                                             email="a.devries@deventer.example") in body
        assert texts["mail_toestemming"].format(antwoord=texts["ja"]) in body
        file_text = page.locator("#bestandstekst").input_value()
        assert file_text in body
        assert "Anna" not in file_text and "deventer.example" not in file_text
        redactie = {"gepubliceerd", "bijgewerkt", "eerdere-adressen"}  # a new case: set when the file is made
        assert {k: v for k, v in as_case(file_text).items() if k not in redactie} == {
            k: v for k, v in as_case(text).items() if k not in redactie}
        github = page.locator("#naar-github")
        assert github.get_attribute("target") == "_blank"  # the draft and the next page stay
        next_page = page.get_by_role("link", name=texts["daarna"])
        assert next_page.evaluate("a => a.pathname") == data.settings().pages["daarna"].address
        next_page.click()
        expect(page.locator("h1")).to_have_text("Wat gebeurt er na het aanmelden?")


def test_the_pages_that_lead_to_the_editor_name_both_ways_before_any_typing(built_site):
    from html import unescape
    for page in ("index.html", "bijdragen/index.html", "bijdragen/editor/index.html"):
        article = unescape(re.sub(r"<[^>]+>", "", (built_site / page).read_text(encoding="utf-8").split("<article", 1)[1]))
        assert "GitHub-account" in article and "e-mail" in article, page
    editor = (built_site / "bijdragen" / "editor" / "index.html").read_text(encoding="utf-8")
    assert editor.index("Zonder GitHub-account") < editor.index('id="editor"')  # said before the form


def test_a_web_address_typed_as_www_gets_a_button_that_puts_https_in_front(page, site_url):
    texts, fixes = data.settings().editor_texts, data.messages()["formulier_oplossingen"]
    open_editor(page, site_url)
    page.get_by_role("button", name="Voeg toe: een bron").click()
    field = page.locator("#veld-bronnen-0-url")
    field.fill("www.oosterhout.nl/gezond")
    field.press("Tab")  # leaving the field checks it
    message = page.locator("#fout-veld-bronnen-0-url")
    label = "Bronnen, " + texts["nummer"] + " 1 (" + data.schema()["properties"]["bronnen"]["items"]["properties"]["url"]["title"] + ")"
    expect(message).to_contain_text(fixes["ongeldige_url"].replace("{veld}", label))
    message.get_by_role("button", name=texts["maak_https"].replace("{adres}", "https://www.oosterhout.nl/gezond")).click()
    expect(field).to_have_value("https://www.oosterhout.nl/gezond")
    expect(message).to_be_hidden()
    expect(field).not_to_have_attribute("aria-invalid", "true")


def test_date_fields_do_not_ask_for_a_format_the_browser_does_not_show(page, site_url):
    open_editor(page, site_url, f"?praktijk={CASES[0]}")
    expect(page.locator("#veld-titel")).not_to_have_value("")
    for key in ("gepubliceerd", "bijgewerkt"):
        assert page.locator(f"#veld-{key}").get_attribute("type") == "date"
        help_text = page.locator(f"#hulp-veld-{key}").inner_text()
        assert help_text == data.source_schema()["properties"][key]["x-hulp-formulier"] and "JJJJ" not in help_text
