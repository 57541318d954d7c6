#!/usr/bin/env python3
"""Validates the case files in practices/ and builds the site.

    python scripts/generate.py check [PAD ...]   controleer praktijkbestanden
    python scripts/generate.py build [--site-dir MAP]
    python scripts/generate.py serve [--port 8000]

See README.md; ``python scripts/generate.py --help`` lists every option.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitegen.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
