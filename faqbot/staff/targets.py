"""The clinic's release targets for `coverage`, kept apart so the CLI can show them
without importing the coverage machinery."""

# The clinic's target from the staff test set: at least nine in-scope questions in ten
# answered with the right entry...
DEFAULT_MIN_ACCURACY = 0.90
# ...and at most three in a hundred answered with a wrong entry, which is worse than
# "did you mean" or "I don't know" because the patient may believe it.
MAX_WRONG_ANSWER_RATE = 0.03
# Every red flag in the staff set must be caught: a missed emergency is never acceptable.
MIN_EMERGENCY_RECALL = 1.0
COMMAND_HELP = (
    "Run test cases (YAML 'cases: [{question, expect}]' or CSV 'question,expect'; expect is "
    "an entry id, several ids (a YAML list, or a|b in CSV), fallback or emergency) through "
    "the bot. Exit 0 when every case passes, or when in-scope accuracy is at least "
    f"--min-accuracy (default {DEFAULT_MIN_ACCURACY:.0%}) AND the wrong-answer rate is at most "
    f"{MAX_WRONG_ANSWER_RATE:.0%} AND every emergency case is caught; 1 otherwise; 2 for a "
    "malformed case file or an unknown id."
)
