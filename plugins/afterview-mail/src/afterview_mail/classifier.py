"""What a message says: a rejection, a position on hold or eliminated, an interview invitation,
an offer, a reply from a contact, or nothing afterview records.

Phrases, not a trained model: the messages this reads are few per person and written from a
small set of templates (applicant tracking systems) or in a small set of polite turns (people),
and a phrase that fired can be shown to the user as the evidence. Each phrase carries a
confidence set by how specific it is, checked on the corpus the tests ship (``docs/mail.md``
has the figures).

The text is read sentence by sentence (as one text, a sentence a line), and a sentence that
only supposes (``if we decide not to move forward…``, ``should your profile match…``) says
nothing: acknowledgements of an application are full of them. When several classes fire, the
one about the position wins over the one about the candidate (on hold, eliminated), a refusal
over an offer (``we are unable to offer you…``), and anything over an invitation or a reply.

English is read best; common German, French and Spanish phrasings are recognised too.
"""

from __future__ import annotations

import enum
import re
from typing import Any

import ahocorasick  # type: ignore[import-not-found,unused-ignore]
import attrs

from afterview_mail.message import Mail

__all__ = ["Classification", "MailKind", "classify"]


class MailKind(enum.StrEnum):
    REJECTION = "rejection"
    ON_HOLD = "on_hold"
    ELIMINATED = "eliminated"
    INVITATION = "invitation"
    OFFER = "offer"
    #: A message from a known contact that is none of the above: a touchpoint.
    REPLY = "reply"
    UNRELATED = "unrelated"


@attrs.frozen
class Classification:
    kind: MailKind
    confidence: float
    #: The sentence (or subject) that decided it, shortened; empty for an unrelated message.
    evidence: str = attrs.field(default="", repr=False)


_W = r"[\w'-]+"  # one word


def _phrases(*pairs: tuple[float, str]) -> tuple[tuple[float, re.Pattern[str]], ...]:
    return tuple(
        (weight, re.compile(pattern.replace("{_W}", _W), re.MULTILINE)) for weight, pattern in pairs
    )


#: Checked in this order: the first class with a phrase in the message wins.
_RULES: tuple[tuple[MailKind, tuple[tuple[float, re.Pattern[str]], ...]], ...] = (
    (
        MailKind.ELIMINATED,
        _phrases(
            (
                0.96,
                r"\b(position|role|requisition|opening|vacancy|job|post)( {_W}){0,4} "
                r"(has been|have been|was|were|is being|is now|got) (eliminated|cancell?ed|"
                r"withdrawn|discontinued|removed|retired|closed without)",
            ),
            (0.95, r"\b(no longer|not) (be )?(hiring|recruiting) for (this|the|that)\b"),
            (0.95, r"\bdecided (not to|against) (fill|filling|hire for|hiring for|open)"),
            (0.9, r"\b(role|position|opening) (no longer exists|will not be filled)"),
            (
                0.93,
                r"\b(close|closed|closing|cancel|cancelled|cancell?ing) (the|this) (role|position|"
                r"requisition|opening) (entirely|altogether|permanently)",
            ),
            (
                0.9,
                r"\b(headcount|budget|funding) for (this|the) (role|position)( {_W}){0,3} (was|"
                r"has been|is) (cut|withdrawn|removed|eliminated|pulled)",
            ),
            (0.95, r"\bstelle( {_W}){0,5} (wurde|ist|wird) (gestrichen|nicht (mehr )?besetzt)"),
            (0.95, r"\bposte( {_W}){0,5} a été (supprimé|annulé)"),
            (0.95, r"\b(puesto|vacante)( {_W}){0,5} (ha sido|fue) (eliminad|cancelad)"),
        ),
    ),
    (
        MailKind.ON_HOLD,
        _phrases(
            (
                0.95,
                r"\b(position|role|search|requisition|opening|hiring|recruitment|recruiting|"
                r"process|vacancy)( {_W}){0,4} (is|has been|have been|was|were|are|is being|"
                r"will be|'s|is currently|has now been) (put |placed |currently |temporarily )?"
                r"on (hold|pause|ice)",
            ),
            (0.95, r"\b(put|putting|placed|placing)( {_W}){1,5} on (hold|pause|ice)"),
            (0.95, r"\bhiring (freeze|pause)\b"),
            (
                0.93,
                r"\b(pause|paused|pausing|freeze|froze|frozen|freezing) ((the|our|this|all) "
                r")?({_W} ){0,3}(hiring|search|recruit\w*|process|role|position)",
            ),
            (
                0.9,
                r"\b(postpone|postponed|postponing|delay|delayed|delaying) (the|our|this|all)( "
                r"{_W}){0,3} (hiring|search|recruitment|process|role|position)",
            ),
            (0.95, r"\bauf eis gelegt\b|\bvorerst (pausiert|ausgesetzt)"),
            (0.95, r"\b(mis|mise) en (pause|attente)|\bsuspendu"),
            (0.95, r"\ben pausa\b|\bcongelad"),
        ),
    ),
    (
        MailKind.REJECTION,
        _phrases(
            (
                0.98,
                r"\b(decided|chosen|elected|opted|made the decision|determined) (not )?to "
                r"(move|go|proceed|continue|progress|pursue) (forward |ahead )?(with |other )"
                r"((other|another|a different|different|alternative|more|a) )?(\w+ ){0,3}"
                r"(candidates?|applicants?|profiles?|individuals?|people|person|finalists?)",
            ),
            (
                0.98,
                r"(\bnot|n't|\bunable to|\bcannot) (be )?(moving|move|going|go|taking|take|"
                r"progressing|progress|proceeding|proceed|advancing|advance|continuing|"
                r"continue) (forward |ahead |further )?(with )?(your|you|the next|in the)"
                r"( \w+){0,2} (application|candidacy|candidature|process|round|stage|step)",
            ),
            (0.97, r"\bdecided not to (proceed|progress|move|go|continue|advance|pursue|take)"),
            (
                0.97,
                r"\b(unable|not able|not in a position) to (offer you|extend an offer|make you an "
                r"offer)",
            ),
            (0.93, r"\b(regret|sorry) to (inform|let you know|tell you|advise|share)"),
            (
                0.95,
                r"\b(was|were|have been|has been|has not been|have not been|not been) "
                r"(unsuccessful|successful)\b(?<!\bbeen successful)|\bunsuccessful\b",
            ),
            (0.95, r"\b(were|was|have|has) not (been )?(selected|shortlisted|chosen|successful)"),
            (
                0.95,
                r"\boffered (the|this) (role|position|job) to (another|a different|someone|other)",
            ),
            (
                0.93,
                r"\b(position|role|vacancy) (has|have) (now )?been filled|\bfilled the (position|"
                r"role)",
            ),
            (
                0.96,
                r"\b(other|another) (candidates?|applicants?)( {_W}){0,2} (whose|who|with) "
                r"(experience|background|skills|profile|qualifications|more|closer|better|align)",
            ),
            (0.95, r"(\bnot|n\'t) (be )?(inviting|invite|offering|advancing|progressing) you\b"),
            (0.92, r"\bnot (the|a|an) (right|best|strongest|ideal|close enough) (fit|match)\b"),
            (0.92, r"\b(no longer|not) (being )?(considered|under consideration|in consideration)"),
            (
                0.95,
                r"\b(another|a different) (candidate|applicant|person) (was|has been|whose|who)",
            ),
            (
                0.95,
                r"\b(leider|bedauerlicherweise|bedauern).{0,120}(absage|nicht (weiter "
                r")?berücksichtig|nicht weiter|für (eine|einen) (andere|anderen)|nicht (in die "
                r"engere|für sie))",
            ),
            (
                0.95,
                r"\b(uns|entschieden).{0,40}für (eine|einen) (andere|anderen) (kandidat|bewerber)",
            ),
            (
                0.95,
                r"\b(ne|n')( {_W}){0,2} (pas|plus) (donner|donnerons|pouvons)( {_W}){0,3} suite|"
                r"\bpas été retenue?|\bne sera pas retenue?|\bun autre candidat|\bd'autres "
                r"candidat",
            ),
            (
                0.95,
                r"\bno ha sido seleccionad|\b(continuar|seguir) con otros candidatos|\bhemos "
                r"decidido no continuar",
            ),
        ),
    ),
    (
        MailKind.OFFER,
        _phrases(
            (
                0.96,
                r"\b(pleased|delighted|happy|thrilled|excited|glad|honou?red) to (extend|offer|"
                r"make|present|confirm)( {_W}){0,2} (an? |the |our )?(formal |verbal |written |"
                r"official |conditional )?(offer|position|role|job)",
            ),
            (0.95, r"\boffer (letter|of employment|package|details)\b"),
            (
                0.93,
                r"\b(extend|extending|make|making|send|sending|attached is) (you )?(an|a|the|"
                r"your) (formal |verbal |written |official |conditional )?offer\b",
            ),
            (
                0.93,
                r"\bcongratulations.{0,80}(offer|join(ing)? (the|our) team|welcome (to|aboard))",
            ),
            (0.9, r"\bwelcome (aboard|to the team)\b"),
            (0.95, r"\b(vertragsangebot|arbeitsvertrag|freuen uns.{0,60}(angebot|zusage))"),
            (0.95, r"\bproposition d'embauche|\bavons le plaisir de vous (proposer|offrir)"),
            (0.95, r"\boferta (de trabajo|formal|laboral)|\bnos complace ofrecerle"),
        ),
    ),
    (
        MailKind.INVITATION,
        _phrases(
            (
                0.93,
                r"\binvit(e|ing) you( {_W}){0,2} (to|for) (an?|the|your|our|a second|a final|a "
                r"follow-up)?( {_W}){0,3} ?(interview|call|conversation|chat|meeting|onsite|"
                r"on-site|screen|visit|assessment)",
            ),
            (
                0.92,
                r"\b(would|'d) (like|love) to (invite|schedule|arrange|set up|book|meet|speak|"
                r"chat|talk)",
            ),
            (
                0.93,
                r"\b(interview|call|meeting|conversation|chat|screen)( {_W}){0,4} (is|has been|"
                r"was|are|have been) (now )?(scheduled|confirmed|booked|rescheduled|moved|changed|"
                r"set)",
            ),
            (0.92, r"\breschedul(e|ed|ing)\b"),
            (
                0.9,
                r"\b(have you (in|come in|over)|meet you|see you) (for|at) (the|an?|our) (onsite|"
                r"on-site|interview|visit|chat|office)",
            ),
            (
                0.85,
                r"\bwould (monday|tuesday|wednesday|thursday|friday|the \d+\w*)\b.{0,40}\bwork( "
                r"for you)?\b",
            ),
            (
                0.9,
                r"\b(share|send|let (me|us) know|provide|tell us|confirm)( \w+){0,2} (your "
                r")?availability",
            ),
            (0.9, r"\b(pick|choose|select|book|grab) (a|the|your|an)( \w+){0,2} (time|slot|date)"),
            (0.9, r"^invitation: |^updated invitation|\binterview (invitation|confirmation)"),
            (
                0.88,
                r"\b(next|second|final|technical|onsite|on-site|panel) (round|stage|"
                r"interview)\b.{0,80}\b(schedule|invite|availability|time|slot|join)",
            ),
            (
                0.93,
                r"\beinladung (zu|zum)|\b(laden|möchten) (sie|dich)( {_W}){0,4} (ein|einladen)\b",
            ),
            (0.93, r"\bvous (inviter|convier) (à|a) (un|une)|\bconvocation (à|a) un entretien"),
            (0.93, r"\binvitarle a una entrevista|\bagendar una entrevista"),
        ),
    ),
)

#: Sentences that only suppose: they say what would happen, not what did.
_SUPPOSING = re.compile(
    r"^(\W*)(if|should|in the event|in case|whether|unless|once|when|where|as soon as|falls|"
    r"sollten|si|en caso|we will let you know if|we'll let you know if|if so)\b"
    r"|\b(if|should) (we|you|your|the|our)\b.{0,60}$",
)
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\n+")
_NEGATED_OFFER = re.compile(r"\b(unable|not able|cannot|can't|not in a position) to (offer|extend)")


#: Runs of blanks to make one space: a lone space is left as it is (replacing each would cost
#: one substitution a word).
_BLANKS = re.compile(r"[ \t]{2,}|\t")


def _normal(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    return _BLANKS.sub(" ", text) if "  " in text or "\t" in text else text


#: :data:`_SENTENCES` with the mark that ends a sentence taken (and given back) instead of
#: looked behind for: the search then skips ahead to the next mark or line break.
_SENTENCE_ENDS = re.compile(r"([.!?;])\s+|\n+")


def _split_sentences(text: str) -> list[str]:
    """``_SENTENCES.split(text)``, faster."""
    parts = _SENTENCE_ENDS.split(text)
    # text, mark (None after a line break), text, mark, ..., text: a mark ends the text before.
    found = [parts[i] + (parts[i + 1] or "") for i in range(0, len(parts) - 1, 2)]
    found.append(parts[-1])
    return found


def _sentences(mail: Mail) -> list[str]:
    found = [mail.subject.strip()]
    found += [s for s in map(str.strip, _split_sentences(mail.text)) if s]
    return found


def _normal_lines(sentences: list[str]) -> list[str]:
    """Each sentence :func:`_normal`; all at once when no sentence holds a line break (only a
    folded subject can): nothing :func:`_normal` does spans or makes one."""
    if any("\n" in s for s in sentences):
        return [_normal(s) for s in sentences]
    return _normal("\n".join(sentences)).split("\n")


def _supposes(sentence: str) -> bool:
    return _SUPPOSING.search(sentence) is not None


def _anywhere(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` read over a text of one sentence a line at once: wherever a line matches on
    its own, the text matches too (``^`` and ``$`` then hold at each line's ends, and a line
    break is no word), so a text it does not match has no line that does. None when the
    pattern looks in ways that would break this (anchors to the whole text, lookarounds)."""
    if any(sign in pattern.pattern for sign in ("\\A", "\\Z", "(?=", "(?!", "(?<")):
        return None
    return re.compile(pattern.pattern, pattern.flags | re.MULTILINE)


_SUPPOSING_ANYWHERE = _anywhere(_SUPPOSING)


def _excerpt(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= 160 else sentence[:157].rstrip() + "…"


#: Words one of which each phrase of a kind holds: a text with none of them is not searched
#: for that kind's phrases (most of a message's text is none of them, and a search is slow).
_GATES: dict[MailKind, tuple[str, ...]] = {
    MailKind.ELIMINATED: (
        "eliminat",
        "eliminad",
        "cancel",
        "withdrawn",
        "discontinu",
        "removed",
        "retired",
        "closed without",
        "hiring for",
        "recruiting for",
        "decided not to",
        "decided against",
        "no longer exists",
        "will not be filled",
        "entirely",
        "altogether",
        "permanently",
        "headcount",
        "budget",
        "funding",
        "gestrichen",
        "besetzt",
        "supprim",
        "annul",
    ),
    MailKind.ON_HOLD: (
        "on hold",
        "on pause",
        "on ice",
        "paus",
        "freez",
        "froze",
        "postpon",
        "delay",
        "auf eis",
        "ausgesetzt",
        "en attente",
        "suspendu",
        "congelad",
    ),
    MailKind.REJECTION: (
        "candid",
        "applicant",
        "profile",
        "individual",
        "people",
        "person",
        "finalist",
        "application",
        "process",
        "round",
        "stage",
        "step",
        "decided not to",
        "offer",
        "regret",
        "sorry",
        "successful",
        "selected",
        "shortlisted",
        "chosen",
        "filled",
        "you",
        "fit",
        "match",
        "consider",
        "leider",
        "bedauer",
        "kandidat",
        "bewerber",
        "suite",
        "retenu",
        "seleccionad",
        "no continuar",
    ),
    MailKind.OFFER: (
        "pleased",
        "delighted",
        "happy",
        "thrilled",
        "excited",
        "glad",
        "honou",
        "offer",
        "congratulations",
        "welcome",
        "vertragsangebot",
        "arbeitsvertrag",
        "freuen uns",
        "embauche",
        "avons le plaisir",
        "oferta",
        "nos complace",
    ),
    MailKind.INVITATION: (
        "invit",
        "like to",
        "love to",
        "schedul",
        "confirmed",
        "booked",
        "moved",
        "changed",
        "set",
        "have you",
        "meet you",
        "see you",
        "would",
        "availab",
        "time",
        "slot",
        "date",
        "round",
        "stage",
        "interview",
        "einladung",
        "laden",
        "möchten",
        "convi",
        "convocation",
        "agendar",
    ),
}

_PLAIN = re.compile(r"[a-zà-ÿ' -]+")


def _top_level(pattern: str) -> list[str]:
    """The pattern's alternatives at the top level."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _leads(alternative: str) -> list[str] | None:
    """Words one of which any match of ``alternative`` holds, read from its start."""
    text = alternative.removeprefix("^").removeprefix("\\b")
    if text.startswith("("):
        depth, i = 0, 0
        while i < len(text):
            if text[i] == "\\":
                i += 2
                continue
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                break
            i += 1
        if i + 1 < len(text) and text[i + 1] in "?*{":
            return None
        words = [w.removeprefix("\\b") for w in _top_level(text[1:i])]
        return words if all(w and _PLAIN.fullmatch(w) for w in words) else None
    found = re.match(r"[a-zà-ÿ']+", text)
    if found is None:
        return None
    rest = text[found.end() :]
    word = found.group(0)
    if rest[:1] in ("?", "*", "{"):
        word = word[:-1]
    return [word] if len(word) >= 3 else None


def _gate(pattern: str) -> tuple[str, ...]:
    """Words one of which every match of ``pattern`` holds, read from the start of each of its
    alternatives; empty when they cannot be read (the pattern is then always searched)."""
    words: list[str] = []
    for alternative in _top_level(pattern):
        leads = _leads(alternative)
        if leads is None:
            return ()
        words += leads
    return tuple(dict.fromkeys(words))


_SPECIAL = frozenset(".^$*+?{}[]|()\\")


def _beginnings(alternative: str) -> list[str] | None:
    """Literal texts one of which every match of ``alternative`` (a pattern without a top-level
    ``|``) starts with, read as far as the pattern is plain text; None when they cannot be
    read."""
    text = alternative.removeprefix("^").removeprefix("\\b")  # zero-width: the match starts after
    if text.startswith("(") and not text.startswith("(?"):
        depth, i = 0, 0
        while i < len(text):
            if text[i] == "\\":
                i += 2
                continue
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                break
            i += 1
        if i >= len(text) or (i + 1 < len(text) and text[i + 1] in "?*{"):
            return None
        found: list[str] = []
        for inner in _top_level(text[1:i]):
            beginnings = _beginnings(inner)
            if beginnings is None:
                return None
            found += beginnings
        return found
    run, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and not text[i + 1].isalnum():
            run.append(text[i + 1])  # an escaped mark is itself
            i += 2
        elif c not in _SPECIAL:
            run.append(c)
            i += 1
        else:
            break
    if i < len(text) and text[i] in "?*{":
        run = run[:-1]  # the last character may be absent
    return ["".join(run)] if len(run) >= 2 else None


def _leads_of(pattern: str) -> tuple[str, ...]:
    """Where a match of ``pattern`` can start: the words of :func:`_gate` when it reads them,
    else the literal beginnings of its alternatives; empty when neither can be read (the
    pattern is then searched everywhere)."""
    gate = _gate(pattern)
    if gate:
        return gate
    found: list[str] = []
    for alternative in _top_level(pattern):
        beginnings = _beginnings(alternative)
        if beginnings is None:
            return ()
        found += beginnings
    return tuple(dict.fromkeys(found))


#: The rules, each behind its gate, the most trusted phrase first (the first found is the best),
#: each phrase with the words one of which every match of it starts with: it is tried only where
#: one of them is.
_SEARCHES = tuple(
    (
        kind,
        [(w, p, _leads_of(p.pattern)) for w, p in sorted(phrases, key=lambda phrase: -phrase[0])],
        _GATES[kind],
    )
    for kind, phrases in _RULES
)


def _is_invitation(calendar: bytes) -> bool:
    text = calendar.upper()
    return b"BEGIN:VEVENT" in text and b"METHOD:REPLY" not in text


def _finder() -> Any:
    """One automaton for every gate and lead word: a single pass over a text finds where each
    of them first occurs (an ``in`` for each word, one after another, cost more than the
    searches themselves)."""
    words = {
        w for _, phrases, gate in _SEARCHES for w in (*gate, *(w for *_, ws in phrases for w in ws))
    }
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, (word, len(word) - 1))
    automaton.make_automaton()
    return automaton


_FINDER = _finder()
_KIND_GATES = {kind: frozenset(gate) for kind, _, gate in _SEARCHES}
#: Each kind's phrases with their leads as a set too: whether a text holds none of them is
#: then one look.
_TRIES = tuple(
    (kind, [(w, p, leads, frozenset(leads)) for w, p, leads in phrases])
    for kind, phrases, _ in _SEARCHES
)


def _places(text: str) -> dict[str, list[int]]:
    """Where each gate or lead word starts in ``text``, in order; a word absent is no key."""
    places: dict[str, list[int]] = {}
    for end, (word, back) in _FINDER.iter(text):
        # Found in the order they end, so, for one word, in the order they start.
        if word in places:
            places[word].append(end - back)
        else:
            places[word] = [end - back]
    return places


def _search(
    pattern: re.Pattern[str], words: tuple[str, ...], text: str, places: dict[str, list[int]]
) -> re.Match[str] | None:
    """``pattern.search(text)``, tried only where one of ``words`` starts: every match of the
    pattern starts with one of them (see :func:`_gate`), and a search tries every place."""
    if not words:
        return pattern.search(text)
    starts = [at for word in words if word in places for at in places[word]]
    if len(starts) > 1:
        starts = sorted(set(starts))
    for at in starts:
        found = pattern.match(text, at)
        if found is not None:
            return found
    return None


def classify(mail: Mail, *, from_contact: bool = False) -> Classification:
    """What ``mail`` says; ``from_contact``: its sender is a person the workspace knows."""
    sentences = _sentences(mail)
    # One line a sentence, those that only suppose left blank, so that a phrase never spans
    # two sentences and a match's line is its sentence.
    lines = _normal_lines(sentences)
    text = "\n".join(lines)
    if _SUPPOSING_ANYWHERE is None or _SUPPOSING_ANYWHERE.search(text) is not None:
        lines = ["" if _supposes(line) else line for line in lines]
        text = "\n".join(lines)
    places = _places(text)
    for kind, phrases in _TRIES:
        # A refusal to offer never spans two lines: a text without one has no line with one.
        if kind is MailKind.OFFER and _NEGATED_OFFER.search(text) is not None:
            lines = ["" if _NEGATED_OFFER.search(line) else line for line in lines]
            text = "\n".join(lines)
            places = _places(text)
        if kind is MailKind.INVITATION and any(_is_invitation(c) for c in mail.calendars):
            return Classification(kind, 0.97, _excerpt(mail.subject or "calendar invitation"))
        if places.keys().isdisjoint(_KIND_GATES[kind]):
            continue
        for weight, pattern, words, held in phrases:
            if words and places.keys().isdisjoint(held):
                continue
            found = _search(pattern, words, text, places)
            if found is not None:
                line = text.count("\n", 0, found.start())
                return Classification(kind, weight, _excerpt(sentences[line]))
    if from_contact:
        first = next(
            (s for s, line in zip(sentences[1:], lines[1:], strict=True) if line and len(s) > 3),
            mail.subject,
        )
        return Classification(MailKind.REPLY, 0.9 if mail.is_reply else 0.8, _excerpt(first))
    return Classification(MailKind.UNRELATED, 0.9)
