"""`python -m contractkit` is the `contractkit` command."""

import sys

from contractkit.cli import main

sys.exit(main())
