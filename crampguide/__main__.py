"""`python -m crampguide`."""

import sys

from crampguide.cli import main

sys.exit(main())
