"""Generator for the good-practices site: load → check → render → build.

The folders are the pipeline's stages, lowest first (``LAYERS``); ``cli`` wires
them to the commands in ``scripts/generate.py``. A module imports only from its
own layer or a lower one (tests/test_layers.py), and the README's layer table is
checked against the same list.
"""

# (layer, folder, modules), lowest first. The root holds the base and cli only.
LAYERS = [
    ("basis", "", ("paths", "data", "gitcmd")),  # where things are, the data files, git
    ("controle", "check", ("load", "problems", "schema_rules", "content_rules", "across_files",
                           "addresses", "passages", "validate", "reporters")),
    ("weergave", "render", ("model", "render", "linked_data", "redirects", "sitemap", "formats",
                         "previews", "editor")),
    ("bouw", "builder", ("build", "incremental", "search", "finder", "serve")),
    ("bijdragen", "contribute", ("events", "comments", "github", "issue_form", "from_mail",
                                 "scaffold", "linkcheck", "source_issue")),
    ("opdrachten", "", ("cli",)),
]
