"""``python -m desktop.cli``: same as the ``vitrail`` executable."""

import sys

from desktop.cli import main

sys.exit(main())
