"""The forwarding pages at a renamed case's former addresses, so a published link never
breaks (check/addresses.py keeps those addresses in the register)."""

from __future__ import annotations

import posixpath


def render_redirects(pages) -> dict[str, str]:
    """``pages`` (render.Pages) -> a forwarding page at each former address of its cases."""
    template = pages.env.get_template("redirect.html")
    result = {}
    for case in pages.site.cases:
        target = pages.case_page(case)
        for former in case.former_addresses:
            folder = former.strip("/")
            result[f"{folder}/index.html"] = template.render(
                relative=posixpath.relpath(pages.address(target), folder) + "/",
                absolute=pages.absolute(target))
    return result
