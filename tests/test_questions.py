"""The question finder, multi-part answers and the unknown-topic fallback."""

from __future__ import annotations

import pytest

from faqbot.understand.claims import is_check
from faqbot.understand.matcher import Kind, match
from faqbot.understand.questions import find_questions, opens_question

FOUND = [
    # (message, the question parts' texts)
    ("how long does it take", ["how long does it take"]),
    ("We drove three hours to get here. I want to know if I can eat before it",
     ["i can eat before it"]),
    ("my aunt told me the balloon is left inside, is that true?",
     ["the balloon is left inside"]),
    ("is it true that you can't shower for a month", ["you can't shower for a month"]),
    ("I read that you go home the same day. Is that right?", ["you go home the same day"]),
    # A check after the claim its sentence already holds asks nothing more.
    ("a lady at church said the balloon stays inside your spine?? is that right",
     ["the balloon stays inside your spine"]),
    ("will it hurt and when can I drive", ["will it hurt", "when can I drive"]),
    ("Can the bone heal by itself, or do I need the procedure?",
     ["Can the bone heal by itself, or do I need the procedure?"]),
    ("my dad fell last week. he is in a lot of pain", []),
    # A short check reaches back past a remark to what someone said.
    ("My neighbour swears you stay in the hospital for a month. Sounds long. Should I "
     "believe it?", ["you stay in the hospital for a month"]),
    ("My uncle is convinced the balloon stays in. Which is it?", ["the balloon stays in"]),
    # Checks of what someone "reckons" or "thinks", judged "the case" or "how they do it".
    ("the man next door reckons you can drive home straight after. is he right?",
     ["you can drive home straight after"]),
    ("my son thinks I'll be knocked out for it - is that how they do it",
     ["i'll be knocked out for it -"]),
    # A misspelt cue word is mended first: "tht", "riight", "reda".
    ("A lady told me the glue can seep out. Is tht riight?", ["the glue can seep out"]),
    ("I came across an article stating that the glue can seep out. Is that so?",
     ["the glue can seep out"]),
    ("My father reda that if you leave a fracture alone it can affect your breathing. "
     "That sounds far-fetched to me, is it right?",
     ["if you leave a fracture alone it can affect your breathing"]),
    # After an ask cue, its object is no question; an English word is never "mended".
    ("she asked me to explain it because the doctor talked too fast", []),
    ("I am sad that the glue can leak", []),
    # What ends on "is" only leads into the question after it.
    ("What he keeps asking me is, will he be awake for it?", ["will he be awake for it?"]),
    # A "what is" inside a sentence asks from there, and splits from a question joined on.
    ("sorry im new to all this what is a compression fracture and what is kyphoplasty",
     ["what is a compression fracture", "what is kyphoplasty"]),
    # A numbered list's items are the questions, whatever heads the list.
    ("two questions 1) can the cement leak out 2) whats the chance of getting an infection",
     ["can the cement leak out", "whats the chance of getting an infection"]),
    # ...but an "is" or "was" closing a clause a question word opened ends a question.
    ("does it hurt while they do it, and will the back be sore where the needle was",
     ["does it hurt while they do it", "will the back be sore where the needle was"]),
    # Words ending on a question word ask, and split from the question joined after them.
    ("mum has to be nil by mouth from when and can she drive herself home after",
     ["mum has to be nil by mouth from when", "can she drive herself home after"]),
    ("she fell and broke it when", ["she fell and broke it when"]),
    # "... and need to know if", "my son wants me to ask": cues with their "I" said before.
    ("I live alone and need to know if I can get up and about myself after",
     ["i can get up and about myself after"]),
    ("my son wants me to ask is it too late for me now", ["is it too late for me now"]),
    # A title's full stop ends no sentence.
    ("How many has Dr. Okafor done?", ["How many has Dr. Okafor done?"]),
    # "cause" ends a question as "because" does, never as the verb.
    ("will i be put to sleep cause i am scared of needles", ["will i be put to sleep"]),
    ("Is it just about looks, or does it cause her other problems?",
     ["Is it just about looks, or does it cause her other problems?"]),
    # ...and after an auxiliary and a noun, "cause" is the verb still to come.
    ("did the cement in my first one cause this new fracture?",
     ["did the cement in my first one cause this new fracture?"]),
    ("can a weak spine cause pain in the ribs", ["can a weak spine cause pain in the ribs"]),
    # A numbered list, and "and if so", split questions.
    ("Two things: 1) will I be asleep or awake, 2) what happens if the glue escapes?",
     ["1) will I be asleep or awake", "what happens if the glue escapes?"]),
    ("Can they do both in one go, and if so will that take a lot longer?",
     ["Can they do both in one go", "will that take a lot longer?"]),
    # "We're" is "we are", a statement: not the auxiliary "were" opening a question.
    ("We're a farming family out in the sticks. What sort of doctor does this?",
     ["What sort of doctor does this?"]),
    # Where a claim was heard, up to its "that", is no part of it; "say", "is that real".
    ("I read on a forum for older people that the balloon stays inside. Is that true?",
     ["the balloon stays inside"]),
    ("my cousin say you go home same day, is that real?", ["you go home same day"]),
    # An unmarked question begun mid-sentence by an auxiliary before its subject: the
    # sentence when the words before it are few, else from the auxiliary on.
    ("my husband has a weak heart could he still have it done",
     ["my husband has a weak heart could he still have it done"]),
    ("My mother is 88 and lives alone in a flat on the third floor with no lift at all "
     "should she stay with us after", ["should she stay with us after"]),
    ("if I can I will drive myself there", []),
    ("he broke a vertebra coughing, can you believe it", []),
    # "does", "will", "would", "should" before a thing's name open a question unmarked;
    # before an everyday word or a verb ("will be there", "does hurt") they do not.
    ("my mum is nervous. does sedation make you sleepy for long",
     ["does sedation make you sleepy for long"]),
    ("will be there at nine", []),
    ("does hurt a bit", []),
    # An unmarked check judging what was said reaches back to it, also after a comma.
    ("my aunt said the needle goes in twice. who is right", ["the needle goes in twice"]),
    ("a man at church says you can drive the same day. my wife doubts it, is it true always",
     ["you can drive the same day"]),
    # "I'd love to know", "no one has told us if" ask; ", so I can ..." says what for.
    ("my back is killing me and what I'd love to know is how long it takes to work",
     ["how long it takes to work"]),
    ("no one has told us whether she can shower after", ["she can shower after"]),
    ("what happens on the day, so I can plan the lifts", ["what happens on the day"]),
    # After "whether", "it" is the question's subject; after a cue, "what X is" is whole;
    # an ask cue after what someone said is the question, not the hearsay.
    ("so I was wondering whether it can be done in a clinic instead",
     ["it can be done in a clinic instead"]),
    ("she keeps asking, so what I'd love to understand is what a compression fracture is",
     ["what a compression fracture is"]),
    ("the surgeon said balloon and cement, so could you tell me what the balloon is for?",
     ["what the balloon is for"]),
    # A connector opening a second question is left out of it.
    ("Will it hurt? Apart from that, how soon can I lift my grandson?",
     ["Will it hurt?", "how soon can I lift my grandson?"]),
    ("Can I shower after. Oh and by the way, do they use stitches?",
     ["Can I shower after.", "do they use stitches?"]),
    # A condition before the question, however long, asks with it; "both" is a subject;
    # an inverted question after a comma asks, so "and how ..." after it is a second one.
    ("If I choose to leave the broken bone alone and never have it treated, what happens to "
     "me?", ["If I choose to leave the broken bone alone and never have it treated, what "
             "happens to me?"]),
    ("can both be treated on one day and how long would that take",
     ["can both be treated on one day", "how long would that take"]),
    ("dad has a new fracture, could he have this and how do we book an appointment",
     ["dad has a new fracture, could he have this", "how do we book an appointment"]),
    ("what does it feel like and if I think I have one how would you check",
     ["what does it feel like", "if I think I have one how would you check"]),
    # What worries someone, told ("What worries me most is the balloon."), asks nothing;
    # "what scares me is whether ..." does.
    ("What worries me most is the balloon. How big is it?", ["How big is it?"]),
    ("what scares me is whether she will be awake", ["what scares me is whether she will be awake"]),
    # Dictated with no full stop: a question word after "so" / "and" past a long lead
    # starts the question; a front-desk note's "asking whether" asks, "asked whether" of
    # what a doctor asked does not.
    ("my wife had it done on monday morning and the doctor told us it all went well so how "
     "long does it usually take before the pain gets better",
     ["how long does it usually take before the pain gets better"]),
    ("Son asking whether his dad has to stop the aspirin before the procedure.",
     ["his dad has to stop the aspirin before the procedure"]),
    ("the doctor asked whether I had any cancer before", []),
    # A question word's typo is mended before the sentence is read, where the typo is no
    # English word ("Whta", "wlil"): "cold" stays "cold".
    ("Whta worries me is the balloon. Alos wlil they put me to sleep",
     ["also will they put me to sleep"]),
    # A word with an apostrophe is one word, never mended: "wouldn't" stays.
    ("so no one has told us why it wouldn't help", ["why it wouldn't help"]),
    # An unmarked check pointing back at what was said ("is that how it works").
    ("a friend says you need two months of pain first. is that how it works",
     ["you need two months of pain first"]),
    # A formal "please advise whether ...": what follows is asked.
    ("Please advise whether she needs to fast beforehand. Thank you.",
     ["she needs to fast beforehand"]),
    # A writer who ends questions with "?" ends statements with ".": what only looks like
    # a question there tells ("When I went in, ...", "Thing is, is ..."); a question word
    # and no subject after it still asks ("what happens after.").
    ("When I went in for the scan the nurses were lovely. Will it hurt afterwards?",
     ["Will it hurt afterwards?"]),
    ("Where do I go after, what happens then. Can my son stay with me?",
     ["Where do I go after", "what happens then.", "Can my son stay with me?"]),
    # The formal ways of asking, and of passing on what was said.
    ("I would be grateful if you could tell me how long the procedure takes.",
     ["how long the procedure takes"]),
    ("My son assured me that the cement lasts forever. I should be grateful to know whether he is right.",
     ["the cement lasts forever"]),
    # "so does she need to ..." asks (a short lead kept with it); "so did I" agrees.
    ("she is on warfarin, so does she need to stop it before the procedure",
     ["she is on warfarin, so does she need to stop it before the procedure"]),
    ("my sister had it done last year and so did I", []),
    # What a paper or a person leaves unsaid is asked: "doesn't say whether ...".
    ("The leaflet doesn't say whether I can take a shower the next day.",
     ["i can take a shower the next day"]),
    # A check asks about what was said, not the conclusion the asker draws from it.
    ("My cousin reckons the balloon stays in for good, so they never take it out. Is he right?",
     ["the balloon stays in for good"]),
    ("a man at the pub says you go home the same day, so I won't need a bag, is that true?",
     ["you go home the same day"]),
    # "The nurse tell me ..." reports what she said; "can you tell me ..." asks.
    ("The nurse tell me I go home the same day. How long before I can drive?",
     ["How long before I can drive?"]),
    ("My nurse is lovely. Can you tell me how long before I can drive",
     ["how long before i can drive"]),
    # ...and with no question mark anywhere, the stop says nothing.
    ("When I went in for the scan the nurses were lovely. will it hurt afterwards",
     ["When I went in for the scan the nurses were lovely.", "will it hurt afterwards"]),
]


@pytest.mark.parametrize(("message", "expected"), FOUND)
def test_questions_are_found_wherever_they_stand(message, expected):
    """Each question part is found and trimmed to what it asks; "or" never splits one."""
    assert [p.text for p in find_questions(message)] == expected


def test_a_question_ending_its_sentence_on_is_is_kept():
    """"What he keeps asking me is" leads into the question after it; "what the procedure
    is" at the end of its sentence is the question."""
    found = find_questions("I should be obliged if you could tell me, in plain words, "
                           "what the procedure is")
    assert "what the procedure is" in [p.text for p in found]


def test_question_openings_need_a_subject_after_an_auxiliary():
    """An auxiliary opens a question only before a subject: "can i", not "do exercises"."""
    assert opens_question("so can i shower")
    assert opens_question("what about the cement")
    assert not opens_question("do exercises every day")


def test_a_misspelt_question_word_still_opens_a_question():
    """One letter swapped, dropped or doubled in a question word or auxiliary ("whta",
    "culd", "wlil"); a question joined to another is still split there, its part headed
    with the word mended."""
    assert opens_question("whta is the cement")
    assert opens_question("culd i drive home")
    assert [p.text for p in find_questions("can I shower, and wlil I need stitches")] == [
        "can I shower", "will I need stitches"]


def test_a_check_asks_whether_something_said_is_so():
    assert is_check("is that true?")
    assert is_check("true?")
    assert not is_check("is the cement safe")


def test_two_questions_get_two_answers_and_the_first_is_the_top_level(kb):
    """Scripts that read only the top-level fields still get the first question's answer."""
    result = match(kb, "how long does the procedure take and when can i go home after")
    assert [p.entry.id for p in result.parts] == ["procedure-duration", "going-home"]
    assert result.kind is Kind.ANSWER
    assert result.entry.id == "procedure-duration"
    assert [p.text for p in result.parts] == ["how long does the procedure take",
                                             "when can i go home after"]


def test_one_question_has_no_parts(kb):
    assert match(kb, "how long does the procedure take").parts == ()


def test_a_long_story_reaches_the_entry_its_question_asks_about(kb):
    """A caregiver's story of ~150 words with the question in the middle."""
    story = (
        "My mother is 81 and lives on her own in a little house with a big garden that she "
        "still insists on looking after herself, even though we keep telling her to slow down. "
        "Three weeks ago she reached up to the top shelf in her kitchen for a heavy pot and "
        "felt something give in the middle of her back. The pain was bad enough that she "
        "called me at work, which she never does. Her doctor sent her for a scan and said it "
        "is a compression fracture, and now a specialist has suggested kyphoplasty. Will she "
        "need someone to drive her home afterwards? My brother and I both work and we are "
        "trying to sort out who takes the day off. She also has a cat that needs feeding and "
        "she worries about it more than about herself. She is stubborn, but she listens to "
        "the nurses, so whatever they tell her she will do."
    )
    assert 140 <= len(story.split()) <= 170
    result = match(kb, story)
    assert result.kind is Kind.ANSWER
    assert result.entry.id == "driving"


def test_a_red_flag_still_answers_the_question_asked(kb):
    """The emergency comes first; the question in the same message is answered in parts."""
    result = match(kb, "I can't feel my legs since this morning. How long does the procedure take?")
    assert result.kind is Kind.EMERGENCY
    assert [p.entry.id for p in result.parts] == ["procedure-duration"]


@pytest.mark.parametrize("message", [
    "there are red streaks spreading out from the needle spot, is that normal?",
    "my breathing is so hard since I got home, even resting. should i worry?",
    # Asked alone in words too vague for any topic: the sign is what it asks about.
    "it feels like a horse kicked me in the chest and it is not letting up. had the back "
    "done monday. wondering if thats part of it",
])
def test_after_a_red_flag_a_question_about_the_sign_itself_gets_no_faq_answer(kb, message):
    """"Should I worry?" is answered by the urgent panel, not by the risks entry."""
    result = match(kb, message)
    assert result.kind is Kind.EMERGENCY
    assert result.parts == ()


def test_a_question_pointing_back_to_an_uncovered_story_subject_is_declined(kb):
    """"... how long the recovery from that takes": "that" is the cataract operation."""
    result = match(kb, "my cataract operation is next month and I was wondering how long "
                       "the recovery from that takes")
    assert result.kind is Kind.FALLBACK
    assert result.unknown_topic == "cataract"


@pytest.mark.parametrize(("question", "topic"), [
    # A part naming the word another part was declined for is about that topic too.
    ("where do I park at the hospital on the day, and is there a charge for parking?",
     "parking"),
    # "one" points back as "it" does.
    ("is the Kyphon balloon system better than the other brands, and which one does your "
     "doctor use?", "brands"),
])
def test_every_part_about_a_topic_not_covered_is_declined(kb, question, topic):
    result = match(kb, question)
    assert result.kind is Kind.FALLBACK
    assert result.unknown_topic.casefold().endswith(topic)


def test_people_days_and_a_verbs_typo_are_no_topic(kb):
    from faqbot.understand.prepare import index_of
    from faqbot.understand.subjects import unknown_subjects
    index = index_of(kb)
    for text in ("my neighbour says you stay overnight", "it is booked for thursday",
                 "I do not want to be disapoint", "it only takes about twenty minutes"):
        assert unknown_subjects(index, index.analyse(text)) == (), text
    assert unknown_subjects(index, index.analyse("is alendronate safe after")) == ("alendronate",)
    # An adjective before a noun describes it; the noun names the topic.
    for text in ("what are the usual things people try", "myeloma rather than ordinary thinning"):
        assert not {"usual", "ordinary"} & set(unknown_subjects(index, index.analyse(text))), text
    assert unknown_subjects(index, index.analyse("what is the survival rate")) == ("survival",)


@pytest.mark.parametrize(("question", "topic"), [
    ("how much radiation will I get", "radiation"),
    ("do i need a covid test first", "covid"),
    # The subject right after a question's opening auxiliary is named too.
    ("does smoking slow the healing down", "smoking"),
])
def test_a_topic_the_knowledge_base_does_not_know_is_named(kb, question, topic):
    result = match(kb, question)
    assert result.kind is Kind.FALLBACK
    assert result.unknown_topic == topic


def test_explain_lists_the_questions_found_and_each_part(kb):
    import io

    from rich.console import Console

    from faqbot.staff.explain import explain, render_explanation

    out = io.StringIO()
    render_explanation(explain(kb, "will i have stitches and when can i drive"),
                       Console(file=out, width=200, color_system=None))
    shown = out.getvalue()
    assert "(opener) will i have stitches" in shown
    assert 'part "when can i drive": answer -> driving' in shown


def test_a_claim_is_matched_whatever_its_polarity():
    """ "you can't lift for six weeks" asks about lifting, not about what is not so."""
    from faqbot.understand.claims import affirmed

    assert affirmed("you can't lift anything for six weeks") == "you can lift anything for six weeks"
    assert affirmed("it does not work and won't heal") == "it does work and will heal"


def test_an_answer_beside_a_topic_not_covered_says_so(kb):
    """One question answered, the other about something the base does not know."""
    from faqbot.understand.reply import answer_text

    result = match(kb, "how much radiation is there, and when can i drive")
    assert result.kind is Kind.ANSWER
    assert result.entry.id == "driving"
    assert result.unknown_topic == "radiation"
    assert answer_text(kb, result).endswith(
        "I don't have information about radiation here; please ask your care team.")


def test_a_claim_answered_below_the_threshold_needs_its_telling_word(kb):
    """"only a neurosurgeon is allowed to do it" is about who does it: an entry that never
    says "neurosurgeon" cannot take it on the claim's lower bar when another entry does."""
    result = match(kb, "A man at my church insists only a neurosurgeon is allowed to do "
                       "kyphoplasty. Is he right?")
    assert result.kind is not Kind.ANSWER or result.entry.id == "who-performs"


def test_a_check_or_a_question_naming_its_own_topic_is_not_declined_for_the_story(kb):
    """The story's uncovered word ("forum") is not what a check of something heard, or a
    question naming its own topic, points back to."""
    result = match(kb, "i read on a forum that the cement makes the bones next to it more "
                       "likely to crack is that true")
    assert result.kind is Kind.ANSWER
    assert result.entry.id == "new-fractures"
    declined = match(kb, "my knee replacement is due next year, how long is the recovery "
                         "from that?")
    assert declined.kind is Kind.FALLBACK


def test_words_that_say_when_or_an_ed_form_are_no_telling_word(kb):
    """"afterwards" says when and "allowed" is a verb form: neither says what a question
    is about, so neither can cap every entry but the one that happens to use it."""
    from faqbot.understand.prepare import index_of
    from faqbot.understand.ranking import telling_word
    index = index_of(kb)
    found = telling_word(index, index.analyse("will I be allowed to drive myself home afterwards"), 8)
    assert found not in ("afterward", "allow")
    assert telling_word(index, index.analyse("how long does the cement last"), 8) == "cement"
    # A filler typed two letters off is no word the knowledge base lacks.
    assert index.analyse("doees it actuly work").stems == ("work",)
    # Words for whoever ask nothing: "people" is no topic of "time off work".
    assert telling_word(index, index.analyse("how much time off work do people usually need"),
                        8) != "peopl"


@pytest.mark.parametrize(("claim", "entry"), [
    ("my aunt heard the glue in your back slowly dissolves and has to be redone, true?",
     "bone-cement"),
    ("a man at the bus stop said there are no stitches at all, only a sticking plaster, "
     "is that so", "incision-stitches"),
])
def test_a_claim_says_something_of_a_known_subject_in_words_no_entry_uses(kb, claim, entry):
    """What a claim says of the cement or the stitches ("dissolves", "plaster") is not a
    topic the base lacks: the subject is the entry's, so the claim is checked."""
    result = match(kb, claim)
    assert result.kind is Kind.ANSWER
    assert result.entry.id == entry


def test_a_claim_naming_a_medicine_is_still_declined(kb):
    """A name no word list holds stays a topic the base does not know."""
    result = match(kb, "my neighbour says tramadolex dissolves the cement, is that right")
    assert result.kind is not Kind.ANSWER


def test_beforehand_said_bare_is_before_the_procedure(kb):
    # "beforehand" names the procedure, so a medicine named with it is about kyphoplasty.
    result = match(kb, "do i stop my aspirin beforehand")
    assert result.kind is Kind.ANSWER
    assert result.entry.id == "blood-thinners"
    assert match(kb, "can i eat beforehand").entry.id == "fasting"


def test_a_way_taken_is_no_topic_not_covered(kb):
    # "going down this route" names no subject the knowledge base lacks.
    result = match(kb, "what do they normally try first before going down this route?")
    assert "route" not in result.unknown_topic
    assert result.kind is Kind.ANSWER


def test_people_at_large_and_an_apology_for_the_writing_are_no_topic(kb):
    result = match(kb, "The pharmacist mentioned some folk can react to the stuff they use. I've "
                       "got loads of allergies. Is that a real thing with kyphoplasty?")
    assert "folk" not in result.unknown_topic
    assert result.kind is Kind.ANSWER
    assert result.entry.id == "allergic-reaction"


def test_what_the_story_names_around_a_question_on_its_own_words_is_no_topic(kb):
    """"how long does it take? my wife is a beekeeper": the beekeeping is the story's, the
    question stands on its own words; a question pointing back at the story still asks
    about what the story names."""
    result = match(kb, "how long does the procedure take? my wife is a beekeeper and worries")
    assert (result.kind, result.entry.id) == (Kind.ANSWER, "procedure-duration")
    pointing = match(kb, "My husband had a knee replacement last year. How long is the recovery from that?")
    assert pointing.kind is Kind.FALLBACK
    assert pointing.unknown_topic == "knee replacement"


@pytest.mark.parametrize(("text", "second"), [
    ("how long should I avoid heavy lifting, and is soreness at the injection site normal?",
     "is soreness at the injection site normal?"),
    ("when can I drive again, and are stitches needed?", "are stitches needed?"),
])
def test_a_second_question_opening_on_a_things_name_is_split_off(text, second):
    """At a joint between two questions, "is" or "are" before a thing's name opens the
    second, as "does" or "will" would."""
    parts = find_questions(text)
    assert [p.text for p in parts][1:] == [second]


def test_a_question_before_a_joint_opening_on_a_name_is_not_cut_from_its_story():
    """Only the question after a joint opens on "can" before a thing's name: the one
    before it, pointing back to the story ("that sort of break"), stays whole."""
    text = ("Mum's tumour has spread to a vertebra. Can kyphoplasty help with that sort of "
            "break, and what would the benefits be?")
    assert [p.text for p in find_questions(text)] == [
        "Can kyphoplasty help with that sort of break, and what would the benefits be?"]


def test_a_part_left_unsure_offers_only_what_no_earlier_part_took(kb):
    """options_left: of "how long"'s choices, the one an earlier part answered is taken."""
    from faqbot.understand.parts import options_left
    earlier = match(kb, "how long does the procedure take")
    unsure = match(kb, "how long")
    assert unsure.kind is Kind.CLARIFY
    assert earlier.entry in unsure.options
    left = options_left([earlier], unsure)
    assert earlier.entry.id not in left
    assert left == {e.id for e in unsure.options} - {earlier.entry.id}
    assert options_left([earlier], earlier) == frozenset()  # an answer is not unsure


def test_a_part_unsure_beside_an_earlier_answer_takes_the_best_of_the_others(kb):
    """answered_without_taken: two questions in one message do not ask the same thing, so
    a part unsure between the entry an earlier part took and others is answered with the
    best of the others, when it is high enough and leads the next of them clearly."""
    from faqbot.records import replace as replaced
    from faqbot.understand.parts import answered_without_taken
    earlier = match(kb, "is it too early for kyphoplasty")
    assert earlier.kind is Kind.ANSWER
    assert earlier.entry.id == "timing"
    read = match(kb, "what do doctors try before kyphoplasty")
    by_id = {c.entry.id: c for c in read.candidates}
    # Unsure between the timing the first question took and what is tried first.
    order = [replaced(by_id["timing"], score=86.0), by_id["conservative-treatment"],
             *[c for c in read.candidates if c.entry.id not in ("timing", "conservative-treatment")]]
    unsure = replaced(read, kind=Kind.CLARIFY, entry=None, candidates=tuple(order))
    assert [e.id for e in unsure.options][:2] == ["timing", "conservative-treatment"]
    lead = by_id["conservative-treatment"].score - order[2].score
    found = answered_without_taken([earlier], unsure, answer_min=46, lead=lead)
    assert found is not None
    assert found.kind is Kind.ANSWER
    assert found.entry.id == "conservative-treatment"
    assert "without the entry an earlier question was answered with" in found.reason
    # Not when the next of the others is too close, nor when no earlier part took one.
    assert answered_without_taken([earlier], unsure, answer_min=46, lead=lead + 0.1) is None
    assert answered_without_taken([], unsure, answer_min=46, lead=lead) is None
    assert answered_without_taken([earlier], earlier, answer_min=46, lead=0) is None


@pytest.mark.parametrize(("text", "parts"), [
    ("Can several levels be done at once, and how long does it take?",
     ["Can several levels be done at once?", "how long does it take?"]),
    ("Could cement leak out of the bone, and what kind of doctor does the procedure?",
     ["Could cement leak out of the bone?", "what kind of doctor does the procedure?"]),
])
def test_a_question_marked_sentence_opening_on_an_auxiliary_asks_from_its_first_word(text, parts):
    """Its first piece is a question of its own, and keeps the mark."""
    assert [p.text for p in find_questions(text)] == parts


def test_an_adverb_before_a_question_word_opens_the_question():
    parts = find_questions("When can I drive, and honestly how long until I can golf?")
    assert [p.text for p in parts][1:] == ["honestly how long until I can golf?"]


@pytest.mark.parametrize(("words", "back"), [
    ("how are they got rid of", True),      # the things named before, done to
    ("were they caused by the fall", True),
    ("will they put me to sleep", False),   # the care team
    ("are they going to keep me in", False),
])
def test_they_after_are_and_a_participle_points_back(words, back):
    from faqbot.understand.parts import refers_back
    assert refers_back(words.split()) is back


@pytest.mark.parametrize(("words", "back"), [
    ("how likely is it for the cement to leak", False),  # the "it" of what follows
    ("is it normal to feel tired", False),
    ("do i see the doctor after this", False),           # this procedure
    ("is it free for patients", True),                   # the parking named before
    ("is it going to hurt", True),
])
def test_an_it_standing_for_what_follows_points_nowhere_back(words, back):
    from faqbot.understand.parts import refers_back
    assert refers_back(words.split()) is back
