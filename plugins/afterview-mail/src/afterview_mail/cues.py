"""A second reading of what a sentence says, by the company its words keep.

The classifier's phrases know how senders usually put a decision; mail written in other words
slips past them. What such a sentence still holds is a few kinds of word close together: a
refusal near a step forward and the reader ("we *won't* be *proceeding* with *your*
application"), a choice near someone else ("the panel *picked* the *other finalist*"), a post
near its filling ("*position filled*"), a post or a search near a pause, or its end, an offer
made to the reader, a meeting about the job proposed. These readings are tried only when no
phrase said anything, on the sentences a kind's phrases would read (what only supposes, asks,
or speaks to many already left out), and are trusted less: their confidence is below what
``afterview inbox --auto`` records without asking unless told otherwise.

Each kind of word is one pattern over a lower-cased sentence, in English, German, French,
Spanish, Dutch, Italian and Portuguese.
"""

from __future__ import annotations

import bisect
import itertools
import re

import ahocorasick  # type: ignore[import-not-found,unused-ignore]

__all__ = ["CONFIDENCE", "candidates", "cued"]

#: How far this reading is trusted, kind by kind.
CONFIDENCE = {
    "rejection": 0.8,
    "on_hold": 0.75,
    "eliminated": 0.75,
    "offer": 0.75,
    "invitation": 0.75,
}


#: Each kind's pattern (by name) and the alternatives it was made of, for :func:`_heads`.
_ALTERNATIVES: dict[str, tuple[str, ...]] = {}


def _words(*alternatives: str) -> str:
    pattern = r"\b(?:" + "|".join(alternatives) + r")\b"
    _ALTERNATIVES[pattern] = alternatives
    return pattern


#: A refusal.
_NO = _words(
    r"not",
    r"no longer",
    r"no further",
    r"never",
    r"unable to",
    r"cannot",
    r"can't",
    r"won't",
    r"wouldn't",
    r"didn't",
    r"don't",
    r"doesn't",
    r"haven't",
    r"hasn't",
    r"isn't",
    r"wasn't",
    r"aren't",
    r"nicht",
    r"keine?[nrs]?",
    r"ne",
    r"n'",
    r"pas",
    r"no",
    r"non",
    r"niet",
    r"geen",
    r"não",
    r"nao",
)
#: A step forward in a hiring process.
_ON = _words(
    r"proceed\w*",
    r"progress\w*",
    r"advanc\w*",
    r"mov(e|es|ed|ing) (forward|ahead|on)",
    r"go(ing|ne)? (forward|ahead|through)",
    r"further",
    r"next (stage|step|round|phase)",
    r"(make|made|making) it",
    r"through to",
    r"shortlist\w*",
    r"selected",
    r"successful",
    r"succe(ed|eded|ss)",
    r"consider(ed|ing)?",
    r"continu\w*",
    r"(secured?|offer\w*) (you )?a place",
    r"pursu(e|ing) (your|this)",
    r"(right|good|strong) (fit|match)",
    r"(gone|go) your way",
    r"meet the (minimum|required|criteria|requirements|standard)",
    r"align\w*",
    r"placed on",
    r"(reach|meet|met|clear)(ed)? the bar",
    r"line up",
    r"mov(e|es|ed|ing) (on )?to the",
    r"invited back",
    r"get the (job|role|position)",
    r"work(ed)? out",
    r"berücksichtig\w*",
    r"weiter\w*",
    r"nächsten? (runde|phase|schritt)",
    r"engere auswahl",
    r"verder",
    r"volgende (ronde|fase)",
    r"doorgegaan",
    r"retenu\w*",
    r"poursuiv\w*",
    r"plus loin",
    r"suite (favorable|à votre candidature)",
    r"prochaine étape",
    r"seguir\w*",
    r"siguiente (fase|etapa)",
    r"avanza\w*",
    r"avançar",
    r"seguimento",
    r"próxima (fase|etapa)",
    r"selecionad[ao]",
    r"seleccionad[ao]",
    r"selezionat[ao]",
    r"prosegu\w*",
    r"fasi successive",
)
#: The reader, or their application (not "thank you").
_YOU = r"(?<!thank )\byou\b|" + _words(
    r"your",
    r"ihre?[mnrs]?",
    r"sie",
    r"votre",
    r"vous",
    r"tu",
    r"te",
    r"su candidatura",
    r"je",
    r"jouw",
    r"uw",
    r"la sua",
    r"sua candidatura",
    r"a sua",
    r"você",
    r"lei",
    r"ti",
    r"usted",
    r"seu",
    r"contigo",
    r"vas",
)
#: The reader's application, by any name.
_APPLIED = _words(
    r"application",
    r"candidacy",
    r"candidature",
    r"candidatura",
    r"bewerbung",
    r"sollicitatie",
    r"profile",
    r"cv",
    r"résumé",
    r"resume",
)
#: A choice made.
_CHOSE = _words(
    r"chos(e|en)",
    r"picked",
    r"selected",
    r"appointed",
    r"hired",
    r"decided (to go with|on|to pursue|to continue with|to proceed with|to move forward with)",
    r"(gone|went|go|going) (ahead )?with",
    r"appointment of",
    r"decided to (hire|appoint|offer (it|the \w+) to)",
    r"tipped the balance",
    r"matched",
    r"aangeboden",
    r"pursu(e|ing)",
    r"continu(e|ing) with",
    r"proceed(ing)? with",
    r"mov(e|ing) forward with",
    r"carry(ing)? on with",
    r"opted for",
    r"settled on",
    r"accepted",
    r"offered (the|this) (role|position|job|post) to",
    r"entschieden",
    r"ausgewählt",
    r"choisi",
    r"opté",
    r"porté sur",
    r"attribué",
    r"elegido",
    r"optado",
    r"decantado",
    r"gekozen",
    r"aangeboden aan",
    r"scelto",
    r"optato",
    r"individuato",
    r"assegnat[ao]",
    r"escolhid[ao]",
    r"optámos",
    r"optamos",
    r"decidimos (seguir|avanzar|continuar)",
)
#: Someone else.
_OTHER = (
    _words(r"another", r"other", r"others", r"different", r"internal", r"more", r"stronger")
    + r"[\w' -]{0,40}?"
    + _words(
        r"candidates?'?s?",
        r"applicants?",
        r"applications",
        r"finalists?",
        r"person",
        r"individual",
        r"profiles?",
        r"colleague",
    )
    + r"|"
    + _words(
        r"someone",
        r"somebody",
        r"candidates with",
        r"applicants (with|whose)",
        r"candidates whose",
        r"ander\w*",
        r"autre",
        r"otr[oa]s?",
        r"altr[oi]",
        r"outr[oa]s?",
        r"profil\w*",
        r"perfil\w*",
        r"profiel\w*",
        r"an? (candidate|applicant|person|profile) (with|whose|who|that)",
        r"een (andere )?(kandidaat|kandidate)",
        r"une? (autre )?candidat\w*",
        r"un[ao]? (otr[oa] )?candidat[oa]",
        r"um[a]? (outr[oa] )?candidat[oa]",
        r"eine?n? (andere[nr]? )?(kandidat|bewerber)\w*",
        r"personas",
        r"pessoas",
        r"personen",
        r"personnes",
        r"persone",
    )
)
#: A post, or the search for someone to fill it.
_POST = _words(
    r"position",
    r"role",
    r"vacancy",
    r"post",
    r"job( ad)?",
    r"opening",
    r"search",
    r"recruitment",
    r"hiring",
    r"stelle",
    r"position",
    r"poste",
    r"recrutement",
    r"puesto",
    r"vacante",
    r"plaza",
    r"vacature",
    r"functie",
    r"posizione",
    r"posto",
    r"vaga",
    r"posição",
    r"cargo",
)
_PROCESS = _words(
    r"process",
    r"decision\w*",
    r"next (stage|step|steps|round)",
    r"selection",
    r"interviews",
    r"prozess",
    r"auswahl\w*",
    r"besetzung",
    r"processus",
    r"sélection",
    r"proceso",
    r"selección",
    r"contratación",
    r"procedure",
    r"werving",
    r"selezion\w*",
    r"processo",
    r"recrutamento",
    r"contratação",
    r"seleção",
)
_FILLED = _words(
    r"(been )?filled",
    r"appointed to",
    r"made (our|an?) (hire|appointment)",
    r"besetzt",
    r"vergeben",
    r"pourvu",
    r"cubiert[ao]",
    r"ocupad[ao]",
    r"ingevuld",
    r"vervuld",
    r"copert[ao]",
    r"preenchid[ao]",
)
_PAUSED = _words(
    r"on hold",
    r"(a|temporary) hold on",
    r"awaiting (sign-off|approval|budget|funding)",
    r"pending (sign-off|approval|budget)",
    r"on ice",
    r"ruht",
    r"ruhen",
    r"paus(e|ed|ing)",
    r"postpon\w*",
    r"delay\w*",
    r"defer\w*",
    r"froz(en|e)",
    r"freez\w*",
    r"suspend\w*",
    r"halt\w*",
    r"until further notice",
    r"auf eis",
    r"pausiert",
    r"gestoppt",
    r"zurückgestellt",
    r"verschoben",
    r"en pause",
    r"suspendu\w*",
    r"suspend\w*",
    r"gelé",
    r"en suspens",
    r"congelad[ao]",
    r"pospuest[ao]",
    r"aplazad[ao]",
    r"suspendid[ao]",
    r"en pausa",
    r"stilgelegd",
    r"uitgesteld",
    r"gepauzeerd",
    r"sospes[oa]",
    r"rimandat[oa]",
    r"in pausa",
    r"congelat[oa]",
    r"adiad[oa]",
    r"parad[oa]",
    r"em pausa",
)
_ENDED = _words(
    r"cancel+ed",
    r"eliminated",
    r"withdrawn",
    r"abolished",
    r"discontinued",
    r"scrapped",
    r"closed without",
    r"no longer (exists|available|open|needed|required)",
    r"not (be filled|go ahead|be going ahead)",
    r"taken (it |the [\w ]{1,20})?down",
    r"not (been )?renewed",
    r"fallen through",
    r"(has been|was|is) stopped",
    r"(will )?not exist",
    r"no longer exists?",
    r"closed the vacancy",
    r"ya no existe",
    r"já não existe",
    r"n'existe plus",
    r"existiert nicht mehr",
    r"bestaat niet meer",
    r"non esiste più",
    r"(is|has) gone",
    r"gestrichen",
    r"entf(ällt|allen)",
    r"storniert",
    r"annulé\w*",
    r"supprimé\w*",
    r"cancelad[ao]",
    r"anulad[ao]",
    r"eliminad[ao]",
    r"suprimid[ao]",
    r"vervallen",
    r"geschrapt",
    r"ingetrokken",
    r"annullat[ao]",
    r"soppress[ao]",
    r"extint[ao]",
    r"encerrad[ao]",
)
_OFFERED = _words(
    r"offer(ing)? you",
    r"your (conditional )?(offer|contract)( letter)?",
    r"offer (letter|of employment|pack)",
    r"appoint you",
    r"selected for appointment",
    r"letter of appointment",
    r"we want you",
    r"(love|like) (for )?you to (join|come|take)",
    r"welcome you (aboard|to the team|on board)",
    r"approved your (hire|appointment)",
    r"(sign|signed) and return",
    r"einstellen",
    r"anbieten",
    r"bieten ihnen",
    r"vous offrir",
    r"vous proposer le poste",
    r"offrons",
    r"te unieras",
    r"ofrecer(le|te)",
    r"aanbieden",
    r"aan te bieden",
    r"aannemen",
    r"in dienst nemen",
    r"arbeidsovereenkomst",
    r"assunzione",
    r"propor(le|ti)",
    r"zusage",
    r"arbeitsvertrag",
    r"promesse d'embauche",
    r"carta (de )?oferta",
    r"proposta de (emprego|trabalho)",
    r"contrat(á-lo|á-la|ar você)",
    r"(conditional|verbal|formal|written) offer",
    r"offrirle",
    r"offrirti",
    r"oferecer",
    r"proposta (para|de contrato)",
    r"propuesta económica",
)
_MEET = _words(
    r"invit(e|ing) you",
    r"(you are|you're|you have been) invited",
    r"invitation (to|for) (an?|your|the)",
    r"(like|love|keen|happy|pleased) to "
    r"(meet|interview|see|speak|talk|chat|schedule|arrange|set up)",
    r"(to|will|shall) interview you",
    r"(like|love|invite) you to (attend|come|join us)",
    r"welcome you to (our|an?|the)",
    r"(i'll|i will|let me|let's) set up a (call|chat|meeting|time)",
    r"times? that (work|suit)",
    r"complete (the|your|a) ((recorded|video|online|one-way|digital) )+interview",
    r"(move|push|reschedule|shift) (our|the|your) (chat|call|interview|meeting|conversation)",
    r"vous inviter",
    r"invitar(la|le|te)",
    r"(book|pick|grab|choose|select|schedule) (a|an|your|whatever)?[\w ]{0,30}"
    r"(slot|time|session|interview)",
    r"calendar link",
    r"scheduling link",
    r"(la|vi|ti) invitiamo",
    r"are you (free|available)",
    r"(would|does|could) .{0,30}(suit|work)",
    r"could you do",
    r"can you do",
    r"(do|would) you have (time|half an hour|\d+ minutes)",
    r"einladen",
    r"laden sie",
    r"zeit für",
    r"rencontrer",
    r"faire votre connaissance",
    r"conocerte",
    r"uitnodigen",
    r"nodigen",
    r"tijd (hebben|voor)",
    r"in gesprek",
    r"invitarla",
    r"colloquio",
    r"convid\w*",
    r"conversa",
)
_TALK = _words(
    r"interview\w*",
    r"talk",
    r"appuntamento",
    r"calendar link",
    r"scheduling link",
    r"monday|tuesday|wednesday|thursday|friday|tomorrow|next week|this week",
    r"(morning|afternoon)",
    r"call",
    r"chat",
    r"conversation",
    r"meet",
    r"meeting",
    r"screen\w*",
    r"loop",
    r"round",
    r"session",
    r"assessment",
    r"on ?site",
    r"panel",
    r"gespräch\w*",
    r"vorstellungsgespräch",
    r"entretien",
    r"entrevista",
    r"gesprek\w*",
    r"kennismakingsgesprek",
    r"colloquio",
    r"conversa",
    r"videochamada",
    r"reunião",
)
#: The reader's application turned down, or the process for them ended.
_TURNED_DOWN = _words(
    r"rejected",
    r"declined",
    r"unsuccessful",
    r"stop (the|your) (process|application)",
    r"clos(e|ing) your application",
    r"decided against",
    r"(uns|sich) gegen",
    r"abgelehnt",
    r"afgewezen",
    r"refusée?",
    r"rechazad[ao]",
    r"respint[ao]",
    r"recusad[ao]",
)
#: A refusal by the company ("we will not…"), speaking of a step that only a candidate takes.
_WE_NO = r"\bwe\b[\w' ]{0,25}?" + _words(
    r"not", r"won't", r"cannot", r"can't", r"don't", r"are unable", r"'re unable"
)
_STEP = _words(
    r"next (stage|round|phase|step)",
    r"(right|good|strong) (fit|match)",
    r"further (interview|stage|round)",
    r"shortlist",
)
#: A hire made.
_HIRED = _words(
    r"made (our|an?|the) hire",
    r"position filled",
    r"role (is|has been) filled",
    r"filled (the|this) (role|position|vacancy|post)",
)
#: An event rather than a post: a fair, a meetup, a webinar put off is no search put off.
_EVENT = _words(
    r"fair",
    r"event",
    r"webinar",
    r"meetup",
    r"open day",
    r"careers day",
    r"conference",
    r"feria",
    r"salon",
    r"messe",
    r"fiera",
    r"feira",
    r"beurs",
)
#: Everything held until something happens: "everything is on ice until the new director
#: starts".
_UNTIL = re.compile(r"\b(on hold|on ice|paused)\b[\w' ,-]{0,20}\b(until|for now|for the moment)\b")
_ASKED_IN_GENERAL = re.compile(r"^(please )?(don't|do not|never)\b")

_PATTERNS = {
    name: re.compile(pattern)
    for name, pattern in {
        "no": _NO,
        "on": _ON,
        "you": _YOU,
        "chose": _CHOSE,
        "other": _OTHER,
        "post": _POST,
        "process": _PROCESS,
        "filled": _FILLED,
        "paused": _PAUSED,
        "ended": _ENDED,
        "offered": _OFFERED,
        "meet": _MEET,
        "talk": _TALK,
        "turned down": _TURNED_DOWN,
        "we no": _WE_NO,
        "step": _STEP,
        "hired": _HIRED,
        "event": _EVENT,
        "applied": _APPLIED,
    }.items()
}


def _near(line: str, first: str, then: str, within: int) -> bool:
    """Whether a word of kind ``first`` is followed, at most ``within`` characters on, by one of
    kind ``then``."""
    after = _PATTERNS[then]
    for found in _PATTERNS[first].finditer(line):
        if after.search(line, found.start(), found.end() + within) is not None:
            return True
    return False


def _has(line: str, name: str) -> bool:
    return _PATTERNS[name].search(line) is not None


def cued(kind: str, line: str) -> bool:
    """Whether ``line`` (a sentence, lower case) says ``kind`` by the company of its words."""
    if kind == "rejection":
        if _ASKED_IN_GENERAL.match(line):
            return False  # "don't miss your next step": advice, not a decision
        return (
            (_near(line, "no", "on", 45) and _has(line, "you"))
            or (_has(line, "turned down") and _has(line, "you") and _has(line, "applied"))
            or _near(line, "we no", "step", 50)
            or _near(line, "chose", "other", 50)
            or _near(line, "other", "chose", 60)
            or _near(line, "post", "filled", 40)
            or _near(line, "filled", "post", 25)
            or _has(line, "hired")
        )
    if kind in ("on_hold", "eliminated") and _has(line, "event"):
        return False
    if kind == "on_hold":
        if _UNTIL.search(line):
            return True
        return any(
            _near(line, a, b, 50)
            for a, b in (("post", "paused"), ("process", "paused"), ("paused", "post"))
        ) or _near(line, "paused", "process", 30)
    if kind == "eliminated":
        return _near(line, "post", "ended", 70) or _near(line, "ended", "post", 30)
    if kind == "offer":
        return _has(line, "offered") and not _near(line, "no", "offered", 30)
    if kind == "invitation":
        return _has(line, "meet") and _has(line, "talk")
    return False


#: For each kind, the patterns one of which every reading of it needs a word of: a sentence
#: with none of their words is not read for that kind.
_NEEDS = {
    "rejection": ("on", "turned down", "step", "chose", "filled", "hired"),
    "on_hold": ("paused",),
    "eliminated": ("ended",),
    "offer": ("offered",),
    "invitation": ("meet",),
}
_META = set("\\()[]{}?*+|.^$")


def _head(alternative: str) -> str:
    """The letters every match of ``alternative`` starts with ("" when it cannot tell)."""
    head = ""
    for at, char in enumerate(alternative):
        if char in _META:
            # A letter made optional by what follows is no letter every match starts with.
            return head[:-1] if char in "?*" and at else head
        head += char
    return head


def _heads(alternative: str) -> tuple[str, ...]:
    """The beginnings, one of which every match of ``alternative`` starts with; empty when
    some match could start with anything."""
    if not alternative.startswith("("):
        head = _head(alternative)
        return (head,) if head else ()
    close = alternative.find(")")
    inner = alternative[1:close]
    if close < 0 or "(" in inner or inner.startswith("?"):
        return ()
    rest = alternative[close + 1 :]
    optional = rest[:1] in ("?", "*")
    if optional:
        rest = rest[1:]
    found: list[str] = []
    for option in (*inner.split("|"), *(("",) if optional else ())):
        heads = _heads(option + rest)
        if not heads:
            return ()
        found.extend(heads)
    return tuple(found)


def _stems() -> dict[str, set[str]]:
    """Each kind's beginnings of words (see :data:`_NEEDS`)."""
    found: dict[str, set[str]] = {}
    for kind, names in _NEEDS.items():
        stems: set[str] = set()
        for name in names:
            pattern = _PATTERNS[name].pattern
            alternatives = _ALTERNATIVES.get(pattern)
            if alternatives is None:
                raise AssertionError(f"{name}: not one list of words")  # pragma: no cover
            for alternative in alternatives:
                heads = _heads(alternative)
                if not heads:
                    raise AssertionError(f"{name}: {alternative!r} starts with anything")
                stems.update(heads)
        found[kind] = stems
    return found


def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    kinds_of: dict[str, set[str]] = {}
    for kind, stems in _STEMS.items():
        for stem in stems:
            kinds_of.setdefault(stem, set()).add(kind)
    for stem, kinds in kinds_of.items():
        automaton.add_word(stem, (len(stem), frozenset(kinds)))
    automaton.make_automaton()
    return automaton


_STEMS = _stems()
_FINDER = _automaton()


def candidates(lines: list[str]) -> dict[str, set[int]]:
    """For each kind, the lines that hold a word its readings need: the others cannot say
    it (what :func:`cued` says of them is no)."""
    text = "\n".join(lines)
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    found: dict[str, set[int]] = {kind: set() for kind in _NEEDS}
    for end, (size, kinds) in _FINDER.iter(text):
        line = bisect.bisect_right(starts, end - size + 1) - 1
        for kind in kinds:
            found[kind].add(line)
    return found
