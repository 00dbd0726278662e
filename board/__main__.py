"""``python -m board`` is the same as the ``forbedringstavle`` command."""

import sys

from board.cli import main

sys.exit(main())
