"""``python -m mambu_async``: the ``mambu-async`` command."""

import sys

from mambu_async.cli import main

sys.exit(main())
