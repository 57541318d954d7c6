"""Generator for the good-practices site: load → validate → model → render → build.

Each stage is its own module; ``cli`` wires them to the commands in
``scripts/generate.py``.
"""
