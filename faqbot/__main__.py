"""`python -m faqbot` is the same as `python run_bot.py`."""

import gc
import sys

gc.disable()  # as in run_bot.py: main() turns it on once started
from .cli import main  # noqa: E402

sys.exit(main())
