"""Entry point of the frozen executables (``vitrail``, ``vitrail-cli.exe``): the same ``main`` as
the ``vitrail`` console script of a source install."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
