"""Link-preview images (1200×630 PNG) for every case, drawn with Pillow.

Material's social plugin downloads fonts from Google at build time and fails
offline; Pillow with Debian's DejaVu fonts (or Pillow's own font when those
are missing) needs no network. An image is only drawn again when what it
shows changed: each is cached under a hash of its content, and the build
draws the missing ones on all cores.
"""

from __future__ import annotations

import functools
import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .. import data
from .model import Case

FOLDER = "voorbeelden"  # published at /voorbeelden/<slug>.png
SITE_IMAGE = f"{FOLDER}/site.png"
LOGO = f"{FOLDER}/logo.png"  # the site's organisation in structured data (linked_data.case_json_ld)
LOGO_SIZE = (512, 512)
SIZE = (1200, 630)
DESIGN = "6"  # bump when the drawing changes, so cached images are redrawn
FONTS = Path("/usr/share/fonts/truetype/dejavu")



def _colour(name: str) -> tuple[int, int, int]:
    """A colour of site.yaml (the same values site.css uses) as Pillow's RGB."""
    value = data.settings().colours[name].lstrip("#")
    return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))


def image_page(case: Case | None) -> str:
    return f"{FOLDER}/{case.slug}.png" if case else SITE_IMAGE


def _content(case: Case | None) -> dict:
    """Exactly what the image shows; its hash names the cached file."""
    site = data.settings()
    colours = {name: site.colours[name] for name in ("primair", "wit", "inkt", "grijs")}
    if case is None:
        return {"title": site.name, "place": site.preview["ondertitel"], "terms": [],
                "site": site.name, "colours": colours}
    return {"title": case.title, "place": case.place_and_province,
            "terms": [t.label for t in case.terms["sporen"]], "site": site.name, "colours": colours}


def _key(content: dict) -> str:
    text = repr((DESIGN, sorted(content.items())))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@functools.cache
def _font(bold: bool, size: int):
    """Loading a TrueType file costs milliseconds; each process loads each size once."""
    from PIL import ImageFont

    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    return ImageFont.truetype(str(path), size) if path.is_file() else ImageFont.load_default(size)


@functools.cache
def _background(site_name: str):
    """What every image shares (bands and site name), drawn once per process."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", SIZE, _colour("wit"))
    pen = ImageDraw.Draw(image)
    pen.rectangle([0, 0, SIZE[0], 96], fill=_colour("primair"))
    pen.text((MARGIN, 48), site_name, font=_font(True, 34), fill=_colour("wit"), anchor="lm")
    pen.rectangle([0, SIZE[1] - 16, SIZE[0], SIZE[1]], fill=_colour("primair"))
    return image


MARGIN = 60  # left and right, the same: no text comes closer to either edge
# Title sizes to try, largest first, with the lines each may take.
TITLE_SIZES = ((58, 3), (50, 4), (44, 4))


def fit_lines(text: str, font, width: int, max_lines: int) -> list[str]:
    """``text`` wrapped at word boundaries to ``width`` pixels as ``font`` draws it, in at
    most ``max_lines`` lines; what does not fit ends the last line with an ellipsis."""
    words = " ".join(str(text).split()).split(" ")
    lines: list[str] = []
    for word in words:
        while font.getlength(word) > width:  # a word wider than the image: break it
            cut = max(1, next(i for i in range(len(word), 0, -1) if font.getlength(word[:i]) <= width))
            lines.append(word[:cut])
            word = word[cut:]
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) <= max_lines:
        return [line for line in lines if line]
    kept = lines[:max_lines]
    last = kept[-1]
    while last and font.getlength(last.rstrip(" ,·") + " …") > width:
        last = last[:-1]
    kept[-1] = last.rstrip(" ,·") + " …"
    return kept


def _title_lines(title: str) -> tuple[list[str], int]:
    width = SIZE[0] - 2 * MARGIN
    for size, most in TITLE_SIZES:
        lines = fit_lines(title, _font(True, size), width, most)
        if not lines[-1].endswith(" …"):
            return lines, size
    return lines, size


def draw(content: dict, target: Path) -> None:
    """One preview: site name on an indigo band, title, place, the case's sporen.

    Every line is measured with the font that draws it and kept between equal
    margins: a long title gets a smaller size or an ellipsis, a long place or
    list of sporen wraps to two lines and then shortens.
    """
    from PIL import Image, ImageDraw

    image = _background(content["site"]).copy()
    pen = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    lines, size = _title_lines(content["title"])
    y = 130
    for line in lines:
        pen.text((MARGIN, y), line, font=_font(True, size), fill=_colour("inkt"))
        y += round(size * 1.24)
    place_font, terms_font = _font(False, 34), _font(False, 30)
    for line in fit_lines(content["place"], place_font, width, 2):
        pen.text((MARGIN, y + 10), line, font=place_font, fill=_colour("grijs"))
        y += 42
    if content["terms"]:
        terms = fit_lines(" · ".join(content["terms"]), terms_font, width, 2)
        bottom = SIZE[1] - 32  # above the bottom band
        for index, line in enumerate(terms):
            pen.text((MARGIN, bottom - 38 * (len(terms) - index)), line, font=terms_font,
                     fill=_colour("primair"))
    # 16 colours are plenty for flat text on flat colour, and a third of the bytes.
    image = image.quantize(colors=16, method=Image.Quantize.FASTOCTREE)
    image.save(target, format="PNG", compress_level=3)


def draw_logo(target: Path) -> None:
    """The site's mark (docs/overrides/partials/logo.html) in white on its primary colour:
    three places joined by a rising line, on a 24-unit grid scaled to LOGO_SIZE."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", LOGO_SIZE, _colour("primair"))
    scale = LOGO_SIZE[0] / 24
    points = [(4.5 * scale, 18 * scale), (12 * scale, 11 * scale), (19.5 * scale, 5.5 * scale)]
    pen = ImageDraw.Draw(image)
    pen.line(points, fill=_colour("wit"), width=round(2 * scale), joint="curve")
    for x, y in points:
        pen.ellipse((x - 2.6 * scale, y - 2.6 * scale, x + 2.6 * scale, y + 2.6 * scale), fill=_colour("wit"))
    image.quantize(colors=8).save(target, format="PNG")


def _draw_job(job: tuple[dict, str]) -> None:
    content, target = job
    draw(content, Path(target))


def write_previews(cases: list[Case], cache: Path) -> dict[str, Path]:
    """Every image of the site, drawn into ``cache`` once per content: published page -> cached file.

    Each case's image and the site's, and the logo. The build links the cached files
    into the pages it stages, so an unchanged image is the same file from build
    to build and an incremental build sees at once that it did not change.
    """
    cache.mkdir(parents=True, exist_ok=True)
    wanted = {}
    for case in [None, *cases]:
        content = _content(case)
        wanted[image_page(case)] = (content, cache / f"{_key(content)}.png")
    missing = {str(path): content for content, path in wanted.values() if not path.is_file()}
    if len(missing) > 8:
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(_draw_job, [(c, p) for p, c in missing.items()], chunksize=32))
    else:
        for path, content in missing.items():
            draw(content, Path(path))
    images = {page: path for page, (_, path) in wanted.items()}
    logo = cache / f"logo-{_key({'logo': DESIGN, 'colours': sorted(data.settings().colours.items())})}.png"
    if not logo.is_file():
        draw_logo(logo)
    images[LOGO] = logo
    keep = {path.name for path in images.values()}
    for old in cache.glob("*.png"):
        if old.name not in keep:
            old.unlink()
    return images

