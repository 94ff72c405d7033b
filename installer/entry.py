"""Entry point of the frozen bundle: the same `desk-app` command line."""

import sys

from desk_app.cli import main

sys.exit(main())
