"""`python -m faqbot` is the same as `python run_bot.py`."""

import sys

from .cli import main

sys.exit(main())
