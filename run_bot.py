"""Start the kyphoplasty FAQ chatbot: `python run_bot.py --help` lists the commands."""

import sys

from faqbot.cli import main

if __name__ == "__main__":
    sys.exit(main())
