"""Start the kyphoplasty FAQ chatbot: `python run_bot.py --help` lists the commands."""

import gc
import sys

if __name__ == "__main__":
    # The imports make only objects that stay: the cyclic GC waits until main() has
    # started and turns it on (faqbot/cli.py, _started).
    gc.disable()
    from faqbot.cli import main

    sys.exit(main())
