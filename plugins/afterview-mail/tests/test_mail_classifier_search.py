"""How the classifier searches: its shortcuts (one pass for the gate, lead and marker words, a
phrase tried only where one of its first words is, the alternatives of markers and suppositions
each tried only where it can start, sentences split and normalised at once) decide exactly what
searching every phrase and marker in every text, and every sentence for suppositions, would."""

from __future__ import annotations

import re

import afterview_mail_corpus as corpus
from afterview_mail import MailKind, classify, read_mail
from afterview_mail import classifier as c
from afterview_mail.classifier import Classification
from afterview_mail.message import Mail
from hypothesis import given, settings
from hypothesis import strategies as st


def plainly(mail: Mail, *, from_contact: bool = False) -> Classification:
    """The classification the long way: each sentence on its own, each marker and phrase
    searched in the whole text."""
    sentences = [" ".join(mail.subject.split())]
    sentences += [s.strip() for s in c._SENTENCES.split(mail.text) if s.strip()]
    lines = [c._normal(s) for s in sentences]
    if c._BULK.search("\n".join(lines)):
        lines = ["" for _ in lines]
    lines = ["" if c._supposes(line) else line for line in lines]
    joined = "\n".join(lines)
    saids: dict[MailKind, str] = {}
    for kind, phrases in c._RULES:
        if kind is MailKind.INVITATION and any(c._is_invitation(x) for x in mail.calendars):
            return Classification(kind, 0.97, c._excerpt(mail.subject or "calendar invitation"))
        text = joined
        whole, needed = c._WHOLLY_UNSAID.get(kind), c._NEEDED.get(kind)
        if (whole is not None and whole.search(text)) or (
            needed is not None and not needed.search(text)
        ):
            text = "\n" * text.count("\n")
        for marker in c._UNSAID.get(kind, ()):
            text = "\n".join("" if marker.search(line) else line for line in text.split("\n"))
        saids[kind] = text
        if not any(word in text for word in c._GATES[kind]):
            continue
        for weight, pattern in sorted(phrases, key=lambda phrase: -phrase[0]):
            found = pattern.search(text)
            if found is not None:
                line = text.count("\n", 0, found.start())
                return Classification(kind, weight, c._excerpt(sentences[line]))
    by_cues = c._cued(saids, sentences)
    if by_cues is not None:
        return by_cues
    if from_contact:
        return c._reply(mail, sentences, lines)
    return Classification(MailKind.UNRELATED, 0.9)


def every_message() -> list[bytes]:
    """Every message of every corpus file, the held-out sets too."""
    files = sorted(corpus.CORPUS.parent.glob("*.txt"))
    assert len(files) >= 7
    return [data for path in files for _, data in corpus.messages(corpus.load(path))]


def test_every_corpus_message_is_classified_as_the_long_way_does() -> None:
    for data in every_message():
        mail = read_mail(data)
        for contact in (False, True):
            assert classify(mail, from_contact=contact) == plainly(mail, from_contact=contact)


def test_a_phrase_starts_with_one_of_the_words_it_is_tried_at() -> None:
    texts = [
        "\n".join(c._normal(s) for s in c._sentences(read_mail(data))) for data in every_message()
    ]
    found = 0
    for _, phrases, _ in c._SEARCHES:
        for _, pattern, leads in phrases:
            for text in texts:
                for match in pattern.finditer(text):
                    found += 1
                    assert not leads or text.startswith(leads, match.start()), pattern.pattern
    assert found >= 100


def test_the_beginnings_of_phrases_the_gate_cannot_read() -> None:
    assert c._gate(r"\ben pausa\b|\bcongelad") == ()
    assert c._leads_of(r"\ben pausa\b|\bcongelad") == ("en pausa", "congelad")
    assert c._leads_of(r"\b(have you (in|over)|see you) (for|at)") == ("have you ", "see you")
    assert c._leads_of(r"\b(close|cancell?ing) the") == ("close", "cancel")
    assert c._leads_of(r"(\bnot|n\'t) (be )?") == ("not", "n't")
    assert c._leads_of(r"\bwas|[abc]x") == ()  # a class: tried everywhere
    assert c._leads_of(r"(ab|cd)?x") == ()  # an optional start
    assert c._leads_of(r"\b(was|were) not") == ("was", "were")  # the gate's own words


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=".!?; \n\t\xa0\u2028ab", max_size=40))
def test_sentences_split_as_the_sentence_pattern_does(text: str) -> None:
    assert c._split_sentences(text) == c._SENTENCES.split(text)


_WORDS = sorted(
    {w for _, phrases, gate in c._SEARCHES for w in gate}
    | {w for _, phrases, _ in c._SEARCHES for *_, leads in phrases for w in leads}
    | {"we", "have", "has", "been", "the", "role", "position", "your", "application", "with"}
    | {"other", "candidates", "not", "to", "move", "forward", "on", "hold", "if", "should"}
    | {"unable", "offer", "you", "interview", "would", "like", "invite", "schedule", "decided"}
    | {"this", "is", "put", "regret", "inform"}
    # The markers': mail sent to many, outreach, what an invitation needs, refusals, apologies.
    | {w for marker in c._MARKERS for w in marker.words}
    | {w for parts in (c._SUPPOSING_PARTS, *c._MARKER_PARTS.values()) for w in parts.words}
    | {"when", "unless", "how to", "candidates who are not", "would suit you?", "?", "so", "-"}
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(_WORDS), min_size=1, max_size=9).map(" ".join),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from([". ", "! ", "\n", "; ", "\n\n"]),
    st.booleans(),
)
def test_made_up_texts_are_classified_as_the_long_way_does(
    sentences: list[str], stop: str, contact: bool
) -> None:
    text = stop.join(s.capitalize() for s in sentences)
    mail = Mail(key="k", sender="a@b.example", sender_name="", subject="Update", text=text)
    assert classify(mail, from_contact=contact) == plainly(mail, from_contact=contact)


def test_a_folded_subject_is_normalised_line_by_line() -> None:
    mail = Mail(
        key="k",
        sender="a@b.example",
        sender_name="",
        subject="Your application:\r\n we regret to inform you",
        text="Thanks.",
    )
    assert classify(mail) == plainly(mail)


def test_a_pattern_is_cut_at_its_alternatives_only_when_none_refers_to_another() -> None:
    parts = c._Parts.of(re.compile(r"^(\W*)if\b|\bwhat to do\b|\b(many|most) firms|x\d"))
    assert [leads for _, leads in parts.led] == [("what",), ("many", "most")]
    assert c._Parts.of(re.compile(r"\b(a|an) client")).led == ()  # "a" is everywhere
    assert parts.anchored is not None
    assert parts.anchored.pattern == r"^(\W*)if\b"
    assert parts.rest is not None
    assert parts.rest.pattern == r"x\d"
    whole = c._Parts.of(re.compile(r"(a)b|\bc\1"))
    assert whole.led == ()
    assert whole.anchored is None
    assert whole.rest is not None
    assert whole.rest.pattern == r"(a)b|\bc\1"


def test_markers_and_suppositions_are_found_where_a_search_finds_them_in_the_corpus() -> None:
    texts = [c._normal_lines(c._sentences(read_mail(data))) for data in every_message()]
    supposing = marked = 0
    for lines in texts:
        text = "\n".join(lines)
        places = c._places(text)
        expected = {i for i, line in enumerate(lines) if c._supposes(line)}
        assert c._supposing(lines, places) == expected, text
        supposing += len(expected)
        for marker in c._MARKERS:
            assert c._marked(marker, text, places) == marker.search(text), (marker, text)
            marked += marker.search(text)
    assert supposing >= 30
    assert marked >= 50


def test_the_alternatives_of_markers_and_suppositions_start_with_their_words() -> None:
    texts = ["\n".join(c._normal_lines(c._sentences(read_mail(data)))) for data in every_message()]
    found = 0
    for parts in (c._SUPPOSING_PARTS, *c._MARKER_PARTS.values()):
        for pattern, leads in parts.led:
            for text in texts:
                for line in text.split("\n"):
                    for match in pattern.finditer(line):
                        found += 1
                        assert line.startswith(leads, match.start()), pattern.pattern
    assert found >= 50


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(_WORDS), max_size=8).map(" ".join),
        min_size=1,
        max_size=5,
    ),
    st.lists(st.sampled_from(["", "- ", "** ", "? ", "\t"]), min_size=5, max_size=5),
)
def test_made_up_lines_suppose_and_are_marked_as_a_search_finds(
    lines: list[str], marks: list[str]
) -> None:
    lines = [c._normal(mark + line) for mark, line in zip(marks, lines, strict=False)]
    text = "\n".join(lines)
    places = c._places(text)
    expected = {i for i, line in enumerate(lines) if c._supposes(line)}
    assert c._supposing(lines, places) == expected
    for marker in c._MARKERS:
        assert c._marked(marker, text, places) == marker.search(text)
