"""Who writes the message, told in its opening words: the writer addressing the reader
("Mate, my old man just keeled over"), saying who they are ("Neighbour here, ...") or
writing for someone who asked them to ("my neighbour Bev asked me to message")."""

from __future__ import annotations


def addresses_reader(tokens: list[str], span: tuple[int, int]) -> bool:
    """Whether the being at `span` opens the message as the one it is written to: "Mate my
    old man just keeled over", "Mate, ..."."""
    return span[0] == 0 and tokens[span[1]:span[1] + 1] in (["my"], ["me"], [","])


# Before "X here" opening a message, only a greeting: "Hi, neighbour here, ...".
_GREETINGS = frozenset({"hi", "hello", "hey", "hiya", "morning", "evening", ","})


# "my neighbour Bev asked me to message": the writer writes for the one named.
_ASKED_ME = (("asked", "me", "to"), ("wants", "me", "to"), ("told", "me", "to"),
             ("has", "asked", "me"), ("begged", "me", "to"))


def writes_for(tokens: list[str], span: tuple[int, int]) -> bool:
    """Whether the being at `span` (a name may follow it) asked the writer to write: the
    sign told after is theirs, and they are the patient ("my neighbour Bev asked me to
    message, she keeled over in her kitchen")."""
    return any(tuple(tokens[at:at + 3]) in _ASKED_ME for at in (span[1], span[1] + 1))


def introduces_writer(tokens: list[str], span: tuple[int, int]) -> bool:
    """Whether the being at `span` is the writer, saying who they are: "Neighbour here,
    Val's clutching her chest" (the sign is Val's, whom the neighbour writes about)."""
    return tokens[span[1]:span[1] + 1] == ["here"] and all(t in _GREETINGS for t in tokens[:span[0]])
