"""The terminal chat: reads lines, shows decisions. All matching is `match()`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..errors import ExitStatus, UsageError
from ..kb.model import Entry, KnowledgeBase
from ..records import record
from ..understand.matcher import Kind, MatchResult, match
from ..understand.reply import answer_text, fallback_intro, suggestions, with_decision_note
from ..understand.sanitize import MAX_LINE_CHARS, clean, excerpt
from .markdown import list_grid
from .markdown import render as markdown
from .pager import MORE_PROMPT, Pager

if TYPE_CHECKING:
    from .unanswered import UnansweredLog  # imported only by a chat that keeps a log

QUIT_WORDS = frozenset({"quit", "exit", "q", "bye", "goodbye", ":q"})
# A fallback quotes this much of the message at most: enough to recognise it.
HEARD_CHARS = 60
HELP_TEXT = """\
Ask a question in your own words, for example:
- how long does it take?
- will i be asleep?
- can i drive home after?

Type a number to pick one of the options I list.

Commands: **topics** (what I can answer), **help**, **quit**. A long reply stops when
the screen is full: press Enter for more.
"""


@record(frozen=False)  # a record, not a dataclass: ~0.2 ms less to create at start-up
class ChatSession:
    """One conversation: the knowledge base, where output goes, and what was offered."""

    kb: KnowledgeBase
    console: Console
    log: UnansweredLog | None = None
    offered: tuple[Entry, ...] = ()
    # The topic groups just listed by `topics`, so a number or a name opens one.
    offered_topics: tuple[str, ...] = ()
    # Whether anything was shown since the last prompt (the loop keeps one blank line
    # before every prompt).
    spoke: bool = False
    # Pages replies taller than the terminal; None prints everything at once.
    pager: Pager | None = None

    def show(self, renderable: object) -> None:
        """Print one reply followed by the blank line that separates it from the next."""
        if self.pager is not None:
            self.pager.show(renderable)
        else:
            self.console.print(renderable)
        self.console.print()
        self.spoke = True

    @property
    def more_to_show(self) -> bool:
        """Whether the last reply was cut at the bottom of the screen."""
        return self.pager is not None and bool(self.pager.pending)

    def show_more(self) -> None:
        """The next screenful of the last reply."""
        self.pager.more()
        self.console.print()
        self.spoke = True

    def welcome(self) -> None:
        """The opening panel: what this is, what it is not, what to do in an emergency."""
        clinic = self.kb.clinic
        body = Text.assemble(
            ("I answer common questions about kyphoplasty and spinal compression fractures.\n\n", ""),
            ("This is general information, not medical advice. ", "bold"),
            (f"In an emergency, call {clinic.emergency_number} now.\n", "bold red"),
            ("Please don't type names, birth dates or record numbers.\n\n", ""),
            ("Type ", "dim"), ("help", "bold"), (", ", "dim"), ("topics", "bold"),
            (" or ", "dim"), ("quit", "bold"), (".", "dim"),
        )
        self.show(Panel(body, title="Kyphoplasty questions", border_style="cyan"))

    def handle(self, line: str) -> bool:
        """Respond to one line; return False when the patient wants to leave."""
        if self.pager is not None:
            self.pager.pending = []  # a new question: the rest of the last reply is dropped
        if len(line) > MAX_LINE_CHARS:
            self.show(Text(
                f"That message is too long for me ({len(line):,} characters). "
                "Please ask one question in a sentence or two."))
            return True
        said = clean(line)
        if not said:
            return True
        command = said.casefold().strip(" .!")
        if command in QUIT_WORDS:
            return False
        if command == "help":
            self.show(Panel(markdown(HELP_TEXT), title="Help", border_style="cyan"))
            return True
        if command == "topics" or command.startswith("topics "):
            self.show_topics(command.removeprefix("topics").strip())
            return True
        if self.offered_topics and self._topic_named(command):
            self.show_topics(command)
            return True
        if said.isascii() and said.isdigit():  # "²" is a digit to Python, not a choice
            self.pick(int(said))
            return True
        self.respond(match(self.kb, said))
        return True

    def pick(self, number: int) -> None:
        """Answer the numbered option the patient chose (or open the numbered group)."""
        if self.offered_topics:
            self.show_topics(str(number))
            return
        if not 1 <= number <= len(self.offered):
            hint = (f"Type a number from 1 to {len(self.offered)}, or ask a question."
                    if self.offered else "There are no options to pick from right now. Ask a question.")
            self.show(Text(hint))
            return
        entry = self.offered[number - 1]
        self.respond(match(self.kb, entry.question))

    def respond(self, result: MatchResult) -> None:
        """Show one decision, remember what was offered, log it if logging is on."""
        if self.log is not None and result.kind in (Kind.FALLBACK, Kind.CLARIFY):
            self._record(result)
        self.offered = suggestions(self.kb, result)
        self.offered_topics = ()
        self.show(render(self.kb, result, self.offered))

    def _record(self, result: MatchResult) -> None:
        """Log one question; a log that fails mid-chat (disk full, folder removed) is
        reported once on stderr and turned off: the patient's chat goes on."""
        try:
            self.log.record(result)
        except (UsageError, OSError) as problem:
            reason = (problem.problems[0] if isinstance(problem, UsageError)
                      else problem.strerror or str(problem))
            print(f"warning: {reason}; unanswered questions are no longer logged", file=sys.stderr)
            self.log = None

    def show_topics(self, which: str = "") -> None:
        """The topic groups with their sizes (one screen), or the questions of the group
        `which` names by number or name, each pickable by number."""
        groups = self.kb.topics()
        names = tuple(groups)
        chosen = self._topic_named(which) if which else None
        if which and chosen is None:
            self.show(Text(f"I have no topic called \"{which}\". Type topics to see them all, "
                           "then a number."))
            return
        if chosen is None:
            self.offered, self.offered_topics = (), names
            rows = [(f"{n}.", f"{name} ({len(groups[name])})") for n, name in enumerate(names, 1)]
            body = Group(list_grid(rows), Text(""),
                         Text("Type a number or a name to see its questions.", style="dim"))
            self.show(Panel(body, title="What I can answer", border_style="cyan"))
            return
        entries = tuple(groups[chosen])
        self.offered, self.offered_topics = entries, ()
        rows = [(f"{n}.", entry.question) for n, entry in enumerate(entries, 1)]
        body = Group(list_grid(rows), Text(""),
                     Text("Type a number to read the answer, or topics for all groups.", style="dim"))
        self.show(Panel(body, title=Text(chosen), border_style="cyan"))

    def _topic_named(self, which: str) -> str | None:
        """The topic `which` means: its number in the list, its name (a leading "the"
        optional), or the one topic whose name starts with it or holds it."""
        names = tuple(self.kb.topics())
        if which.isascii() and which.isdigit():
            number = int(which)
            return names[number - 1] if 1 <= number <= len(names) else None
        wanted = _bare(which)
        if not wanted:
            return None
        for fits in (str.__eq__, str.startswith, str.__contains__):
            found = [name for name in names if fits(_bare(name), wanted)]
            if found:
                return found[0] if len(found) == 1 else None
        return None


def _bare(name: str) -> str:
    words = name.casefold().strip(" .!?").split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def render(kb: KnowledgeBase, result: MatchResult, offered: tuple[Entry, ...]) -> Panel | Group:
    """A decision as rich renderables: an answer panel, options or an urgent warning."""
    if result.kind is Kind.EMERGENCY:
        urgent = Panel(markdown(result.safety.message), title=f"⚠ {result.safety.title}",
                       border_style="bold red")
        return Group(urgent, *(_answer_panel(kb, part, heading=True) for part in result.parts))
    if result.kind is Kind.ANSWER:
        if result.parts:
            # Two or three questions: one panel each, headed by the question it answers.
            panels = [_answer_panel(kb, part, heading=True) for part in result.parts]
            return Group(*panels, *_options("You might also ask:", offered))
        return Group(_answer_panel(kb, result), *_options("You might also ask:", offered))
    if result.kind is Kind.SMALLTALK:
        return Group(Text(answer_text(kb, result)))
    if result.kind is Kind.CLARIFY:
        lead = with_decision_note(kb, result, "I'm not sure which of these you mean.")
        return Group(Text(lead), *_options("Did you mean:", offered),
                     Text("Type a number, or ask in other words.", style="dim"))
    heard = Text.assemble(("You asked: ", "dim"), (excerpt(result.text, HEARD_CHARS), "italic"))
    return Group(heard, Text(fallback_intro(kb, result)), *_options("Topics I can help with:", offered))


def _answer_panel(kb: KnowledgeBase, result: MatchResult, *, heading: bool = False) -> Panel:
    """One answer; with `heading`, led by the part of the message it answers."""
    # The question heads the body, not the title: a long title is cut at narrow widths.
    lines: list[Text | Group] = []
    if heading:
        lines.append(Text.assemble(("You asked: ", "dim"), (excerpt(result.text, HEARD_CHARS), "italic")))
    lines += [Text(result.entry.question, style="bold"), Text(""),
              markdown(with_decision_note(kb, result, result.entry.answer))]
    return Panel(Group(*lines), title=Text(result.entry.topic), border_style="green")


def _options(title: str, offered: tuple[Entry, ...]) -> list[Text | Table]:
    if not offered:
        return []
    return [Text(title, style="bold"),
            list_grid([(f" {n}.", entry.question) for n, entry in enumerate(offered, 1)])]


def run_chat(session: ChatSession, read_line: Callable[[str], str], *, interactive: bool
             ) -> ExitStatus:
    """The loop: read, respond, until quit, end of input or Ctrl-C (INTERRUPTED).

    On a terminal there is exactly one blank line before every prompt, and the goodbye
    gets a line of its own however the chat ends."""
    if interactive:
        session.welcome()
    status = ExitStatus.OK
    try:
        while True:
            paging = session.more_to_show
            try:
                line = read_line(MORE_PROMPT if paging else "You: " if interactive else "")
            except EOFError:
                if interactive:  # Ctrl-D leaves the cursor after the prompt
                    session.console.print()
                break
            session.spoke = False
            if paging and not line.strip():
                session.show_more()
                continue
            if not session.handle(line):
                break
            if interactive and not session.spoke:
                session.console.print()
    except KeyboardInterrupt:
        session.console.print()
        status = ExitStatus.INTERRUPTED
    if interactive:
        session.console.print(Text("Goodbye. Take care!"))
    return status
