"""The draft linter: catches what makes a feedback request or call script backfire.

Four kinds of finding, each with a stable code:

``AV451`` other-candidate
    The text asks about, or compares you with, the person who got the job. Interviewers will not
    discuss another candidate, and a request built around one is usually ignored.
``AV452`` reasons-in-writing
    The text asks for the reasons behind the decision, or for feedback in writing. Employers
    rarely put reasons in writing; a written message may ask for a call, never for reasons.
``AV453`` blame
    The text blames the employer, its people or its process. Whoever reads it stops wanting to
    help.
``AV454`` accusation
    The text suggests the decision was about your age, sex, origin, health, family or faith, or
    calls it discrimination or bias. The reader hears the first step of a complaint and hands
    the message on instead of answering it.

:func:`lint` returns findings with character offsets, sorted by where they start.

Each code has phrase patterns and, where a phrase can also be harmless, *innocent* patterns: a
phrase that lies inside an innocent match is not reported ("congratulations to the successful
candidate", "I'll follow up in writing"). Patterns are matched case-insensitively on the text
with its apostrophes made straight, which keeps every character offset.
"""

from __future__ import annotations

import functools
import re
from typing import Final

import attrs

__all__ = ["LINTER_CODES", "Finding", "lint"]


@attrs.frozen
class Finding:
    """One problem in a draft: its code, what to do instead, and where it is.

    ``start`` and ``end`` are character offsets into the linted text; ``excerpt`` is
    ``text[start:end]``.
    """

    code: str
    message: str
    start: int
    end: int
    excerpt: str


#: Each linter code with its short name.
LINTER_CODES: Final[dict[str, str]] = {
    "AV451": "other-candidate",
    "AV452": "reasons-in-writing",
    "AV453": "blame",
    "AV454": "accusation",
}

_MESSAGES: Final[dict[str, str]] = {
    "AV451": "Leave the other candidate out: ask only what you can do better.",
    "AV452": "Do not ask for reasons or a written answer: ask for a short call instead.",
    "AV453": "Drop the blame: a humble request is the one that gets an answer.",
    "AV454": "Do not suggest the decision was about who you are: ask how you can improve.",
}

# --- building blocks -------------------------------------------------------------------------
# Every pattern below is matched after _normalise, so an apostrophe is always "'".

_NT = r"(?:n't|\s+not)"
#: A word, contractions and hyphenated words included.
_WORD = r"[\w'-]+"


def _gap(most: int) -> str:
    """Up to ``most`` words between two parts of a phrase, never across punctuation."""
    return rf"(?:{_WORD}\s+){{0,{most}}}?"


def _any(*alternatives: str) -> str:
    return "(?:" + "|".join(alternatives) + ")"


#: Who else works at the employer, as the subject of a complaint.
_THEIR_SIDE = _any(
    r"(?:the|your|that|this)\s+(?:" + _WORD + r"\s+)?(?:interviewers?|panel|panellists?|"
    r"panelists?|recruiters?|managers?|team|HR|receptionist|company|organi[sz]ation)",
    r"you",
    r"they",
    r"he",
    r"she",
    r"nobody",
    r"no\s+one",
)
#: How their people are said to have behaved.
_UNFRIENDLY = _any(
    r"distracted",
    r"bored",
    r"uninterested",
    r"hostile",
    r"arrogant",
    r"late",
    r"cold",
    r"unfriendly",
    r"aggressive",
    r"abrupt",
)
#: To choose one candidate.
_CHOOSE = _any(
    r"cho(?:o?se|osing|sen)",
    r"pick(?:ed|ing)?",
    r"hir(?:e|ed|ing)",
    r"select(?:ed|ing)?",
    r"prefer(?:red|ring)?",
    r"appoint(?:ed|ing)?",
    r"offer(?:ed|ing)?",
    r"go(?:es|ing)?\s+with",
    r"went\s+with",
)
#: The outcome you are asking about.
_TURNED_DOWN = _any(
    r"rejected",
    r"unsuccessful",
    r"turned\s+down",
    r"passed\s+over",
    r"overlooked",
    r"not\s+(?:selected|chosen|picked|hired|shortlisted|successful|offered)",
)
#: What an answer in writing would carry.
_WRITTEN_CONTENT = _any(
    r"feedback",
    r"thoughts",
    r"bullet\s+points",
    r"notes",
    r"comments",
    r"pointers",
    r"summary",
    r"breakdown",
    r"explanations?",
    r"explaining",
    r"reasons?",
    r"reasoning",
    r"score\s*cards?",
    r"assessment",
    r"evaluation",
    r"write-?up",
    r"a\s+few\s+(?:lines|words)",
    r"where\s+I\s+(?:went\s+wrong|fell\s+short|could\s+improve)",
    r"what\s+(?:went\s+wrong|I\s+could(?:'ve|\s+have)\s+done\s+(?:better|differently))",
)
_EMAIL = r"e-?mail"

#: Who you are, in the words people use when they suspect it cost them the job.
_TRAIT = _any(
    r"age",
    r"gender",
    r"sex",
    r"race",
    r"ethnicity",
    r"(?:ethnic\s+)?background",
    r"origins?",
    r"colou?r",
    r"skin",
    r"religion",
    r"faith",
    r"disability",
    r"disabled",
    r"wheelchair",
    r"health(?:\s+condition)?",
    r"condition",
    r"accent",
    r"stammer",
    r"stutter",
    r"grey|gray",
    r"name",
    r"nationality",
    r"visa(?:\s+status)?",
    r"immigration\s+status",
    r"pregnan\w*",
    r"maternity",
    r"kids",
    r"children",
    r"(?:single\s+)?parent(?:hood)?",
    r"carer",
    r"sexuality",
    r"orientation",
    r"headscarf",
    r"hijab",
    r"native\s+speaker",
    r"woman",
    r"man",
    r"mum",
    r"mom",
    r"mother",
    r"older",
    r"younger",
    r"over\s+(?:\d+|forty|fifty|sixty)",
)
#: Whose trait: yours ("my", "I'm", "being"), a word or two before it ("my being a single").
_YOURSELF = r"(?:my|being|I'm|I\s+am|I\s+was|I\s+have)\s+(?:not\s+)?" + _gap(2)
#: What the trait is said to have done to the decision.
_TO_THE_DECISION = _any(
    r"(?:count|work|go|hold)(?:s|ed)?\s+against",
    r"went\s+against",
    r"held\s+against",
    r"(?:a|the)\s+(?:real\s+|deciding\s+)?(?:factor|issue|problem|reason)",
    r"play(?:s|ed)?\s+a\s+(?:part|role)",
    r"(?:anything|something)\s+to\s+do\s+with",
    r"put\s+(?:\w+\s+){1,2}?off",
    r"rule[ds]?\s+me\s+out",
    r"matter(?:s|ed)?",
    r"did" + _NT + r"\s+help",
)

# --- phrases, per finding --------------------------------------------------------------------

_PATTERNS: Final[dict[str, tuple[str, ...]]] = {
    "AV451": (
        # Naming them.
        r"\b(?:the\s+)?other\s+(?:shortlisted\s+|successful\s+|final\s+)?(?:candidate|applicant|person|interviewee|finalist|contender|"
        r"guy|girl|man|woman)s?\b",
        r"\bother\s+(?:candidates|applicants|finalists|interviewees)\b",
        r"\bthe\s+(?:successful|chosen|selected|winning|hired|preferred)\s+"
        r"(?:candidate|applicant|person|one|individual)\b",
        r"\bthe\s+new\s+(?:hire|starter|recruit)\b",
        r"\bthe\s+winner\b",
        r"\bsomeone\s+(?:internal|from\s+inside|already\s+(?:in|on)\s+the\s+team)\b",
        r"\b(?:beat|pipped|edged)\s+me\b",
        r"\bup\s+against\s+(?:a\s+lot\s+of\s+|many\s+|lots\s+of\s+|other\s+|strong\s+)?"
        r"(?:people|candidates|applicants|others)\b",
        r"\bgot\s+the\s+(?:nod|job|role|offer|position)\s+(?:in\s+the\s+end|instead)\b",
        r"\bwho\s+(?:was\s+it\s+that\s+)?got\s+the\s+nod\b",
        r"\binternal\s+(?:candidate|applicant|hire)s?\b",
        r"\bthe\s+(?:person|candidate|applicant|one|individual)\s+(?:that\s+|who\s+|whom\s+)?"
        r"(?:you|they)\s+" + _CHOOSE + r"\b",
        r"\b(?:person|candidate|applicant|one|individual|someone)\s+(?:who|that)\s+"
        r"(?:got|landed|won|was\s+offered)\b",
        r"\bsomeone\s+(?:(?:who|that)\s+(?:was|is|had|has)\s+|with\s+)?(?:more|less|better|"
        r"stronger|fewer)\b",
        r"\b(?:job|role|position|post|offer)\s+(?:go|went)\s+to\b",
        r"\bwhoever\s+(?:you|they)\s+(?:end(?:ed)?\s+up\s+)?" + _CHOOSE + r"\b",
        # Asking who.
        r"\bwho\s+(?:got|landed|won|gets|was\s+offered|ended\s+up\s+(?:getting|with))\s+"
        r"(?:the\s+)?(?:job|role|position|post|offer)\b",
        r"\bwho\s+(?:did\s+)?(?:you|they)\s+(?:end(?:ed)?\s+up\s+)?" + _CHOOSE + r"\b",
        r"\bwhy\s+did\s+(?:they|he|she)\b",
        r"\bwhy\s+did\s+you\s+" + _CHOOSE + r"\b",
        r"\bhow\s+many\s+(?:other\s+)?(?:people|candidates|applicants|others)\s+(?:did\s+you\s+"
        r"(?:interview|see|shortlist|consider)|applied|(?:were|got)\s+(?:interviewed|shortlisted))",
        # Comparing.
        r"\bwhat\s+(?:did|does|do)\s+" + _gap(3) + r"have\s+that\s+I\s+(?:did|do)" + _NT,
        r"\bhave\s+that\s+I\s+(?:did" + _NT + r"|do" + _NT + r"|lacked|lack)\b",
        r"\b(?:better|stronger|weaker|worse|more\s+\w+|less\s+\w+)\s+than\s+(?:me|myself)\b",
        r"\b(?:better|stronger|more\s+(?:qualified|experienced|suitable))\s+"
        r"(?:candidates|applicants)\b",
        r"\bcompar(?:e|ed|ing)\s+(?:me\s+)?(?:to|with|against)\s+(?:the\s+)?"
        r"(?:other|others|them|him|her|rest|field|competition|candidates|applicants)\b",
        r"\b(?:stack(?:ed)?|measure[ds]?)\s+up\s+(?:against|to|next\s+to)\b",
        r"\brank(?:ed)?\s+(?:among|against|next\s+to)\b",
        r"\bamong\s+the\s+(?:other\s+)?(?:candidates|applicants|shortlist|finalists)\b",
        r"\bthe\s+rest\s+of\s+the\s+(?:shortlist|field|candidates|applicants)\b",
        r"\b(?:a\s+)?close\s+second\b",
        r"\bsecond\s+choice\b",
        r"\brunner-?\s?up\b",
        r"\bbetween\s+me\s+and\s+(?:the\s+other|another|him|her|them|someone)\b",
        _CHOOSE + r"\s+" + _gap(4) + r"over\s+me\b",
    ),
    "AV452": (
        # Asking why.
        r"\b(?:could|can|would|will)\s+you\s+(?:please\s+)?(?:tell\s+me|explain|let\s+me\s+know)"
        r"\s+why\b",
        r"\bplease\s+(?:explain|tell\s+me|let\s+me\s+know|share)\s+why\b",
        r"\b(?:explain|clarify|outline)\s+why\b",
        r"\b(?:summary|breakdown|explanation|idea|sense|understanding)\s+of\s+why\b",
        r"\bwhy\s+(?:I\s+was"
        + _NT
        + r"|was"
        + _NT
        + r"\s+I|I\s+was\s+"
        + _TURNED_DOWN
        + r"|not\s+me)\b",
        r"\bwhy\s+(?:I\s+|did" + _NT + r"\s+I\b|was" + _NT + r"\s+I\b)"
        r"(?:did" + _NT + r"|(?:was|wasn't|were|weren't)\s+" + _TURNED_DOWN + r"|)",
        r"\bwhy\s+(?:was|were|did" + _NT + r"|was" + _NT + r")\s+I\b",
        r"\bwhy\s+I\s+did" + _NT + r"\s+(?:get|make|progress|move|go|succeed|land|win)\b",
        r"\bwhy\s+my\s+(?:application|candidacy|CV|interview)\b",
        r"\bhow\s+come\s+I\b",
        r"\bwhy\s+it\s+was\s+a\s+no\b",
        r"\b(?:make|made)\s+the\s+cut\b",
        r"\bwhat\s+I\s+was\s+(?:missing|lacking)\b",
        r"\bwhy\s+you\s+(?:decided|chose|picked|rejected|turned|went|passed|did" + _NT + r")\b",
        r"\bwhy\s+did\s+you\s+(?:decide|choose|pick|hire|select|prefer|go\s+with|reject|turn|"
        r"pass)\b",
        # Asking for the reasons.
        r"\b(?:the\s+)?(?:reasons?|reasoning|rationale|grounds|justification|explanation)\s+"
        r"(?:(?:was|were|is)\s+)?(?:for|behind)\s+(?:your|the|this|that|my|me|not|turning|"
        r"rejecting|declining|deciding|passing)\b",
        r"\breasons?\s+(?:why\s+)?I\s+(?:did"
        + _NT
        + r"|was"
        + _NT
        + r"|was\s+"
        + _TURNED_DOWN
        + r")",
        r"\breasons?\s+(?:why\s+)?(?:you|they|the\s+panel|the\s+team)\s+(?:decided|chose|went|"
        r"rejected|turned|passed|did" + _NT + r")\b",
        r"\b(?:share|give|send|tell)\s+(?:me\s+)?(?:your|the)\s+reasons\b",
        r"\b(?:explain|justify|clarify|walk\s+me\s+through)\s+(?:your|the|this|that)\s+"
        r"(?:decision|choice|reasoning|thinking)\b",
        r"\bdeciding\s+factors?\b",
        # "A factor in your decision" with a trait before it is AV454's; plural or "main" is not.
        r"\b(?:(?:the\s+)?(?:main|key|biggest|real)\s+factors?|factors)\s+(?:in|behind)\s+"
        r"(?:your|the|this|that)\s+(?:decision|choice|outcome)\b",
        r"\b(?:led\s+to|lay\s+behind|was\s+behind|drove|went\s+into)\s+"
        r"(?:your|the|this|that)\s+(?:decision|choice|outcome)\b",
        r"\btipped\s+the\s+(?:balance|scales)\b",
        r"\bmade\s+(?:you|them|the\s+panel)\s+decide\b",
        r"\bwhat\s+(?:exactly\s+|really\s+)?(?:held\s+me\s+back|let\s+me\s+down|cost\s+me|"
        r"(?:counted|went|worked)\s+against\s+me)\b",
        r"\bwhat\s+(?:was|is)\s+it\s+about\s+(?:me|my)\b",
        r"\b(?:understand|know|hear|learn)\s+" + _gap(1) + r"(?:what|where)\s+(?:went\s+wrong|"
        r"I\s+went\s+wrong|I\s+fell\s+short)\b",
        # Asking for an answer in writing.
        r"\bin\s+writing\b",
        r"\bwritten\s+(?:\w+\s+)?(?:feedback|explanation|reasons?|answer|response|reply|summary|"
        r"breakdown|notes|comments|account)\b",
        r"\b(?:" + _EMAIL + r"|send|forward|drop|shoot|jot|type|write|put|message|text|DM|ping)"
        r"(?:s|ed|ing)?\s+"
        r"(?:me\s+)?(?:over\s+|across\s+|back\s+|down\s+|up\s+)?"
        + _gap(3)
        + _WRITTEN_CONTENT
        + r"\b",
        r"\b" + _WRITTEN_CONTENT + r"\s+" + _gap(3) + r"(?:by|over|via|in|through)\s+"
        r"(?:an?\s+)?(?:" + _EMAIL + r"|letter|message|writing)\b",
        r"\b(?:drop|send|shoot|write|flick|ping|jot|pop)\s+me\s+(?:an?\s+)?(?:\w+\s+)?"
        r"(?:" + _EMAIL + r"|line|note|message)\s+(?:about|with|on|explaining|covering|listing|"
        r"setting\s+out)\s+" + _gap(2) + _WRITTEN_CONTENT + r"\b",
        r"\b(?:reply|respond|write\s+back|get\s+back\s+to\s+me)\s+"
        + _gap(4)
        + r"with\s+"
        + _gap(3)
        + _WRITTEN_CONTENT
        + r"\b",
        r"\b(?:reply|respond|write\s+back|answer)\s+(?:by\s+(?:"
        + _EMAIL
        + r"|letter)|in\s+an?\s+"
        + _EMAIL
        + r")\b",
        r"\bput\s+(?:it|that|this|them|your\s+\w+)\s+in\s+(?:an?\s+)?(?:" + _EMAIL + r"|letter)\b",
        # Notes and scorecards are written already; asking for them is asking in writing.
        r"\b(?:share|see|send|forward|get|have)\s+(?:me\s+)?(?:a\s+copy\s+of\s+)?(?:your|the)\s+"
        r"(?:interview\s+)?(?:notes|score\s*cards?|assessment|evaluation|write-?up)\b",
    ),
    "AV453": (
        r"\bunfair(?:ly|ness)?\b",
        r"\b(?:did" + _NT + r"|never)\s+(?:\w+\s+)?(?:give|gave)\s+me\s+(?:a|the|any)\s+"
        r"(?:fair\s+|real\s+|proper\s+)?chance\b",
        r"\bwast(?:e|es|ed|ing)\s+(?:of\s+)?my\s+time\b",
        r"\b(?:rigged|ridiculous|insulting|outrageous|rude|rudely|unprofessional|"
        r"disorgani[sz]ed|shambles|shambolic|condescending|patroni[sz]ing|dismissive|"
        r"disrespectful|incompetent|unacceptable|appalling|disgraceful|farce)\b",
        r"\b(?:box|tick)-?\s?(?:ticking|box)\s+(?:exercise|process)\b",
        r"\b(?:it's|it\s+is|it\s+was|that's|that\s+was|what)\s+a\s+joke\b",
        r"\bworst\s+(?:interview|experience|process|recruitment|hiring)\b",
        r"\byour\s+loss\b",
        r"\b(?:you|they)(?:'ve|\s+have)?\s+made\s+(?:a|the\s+wrong|a\s+big|a\s+huge|a\s+serious)\s+"
        r"(?:mistake|call|decision|choice)\b",
        r"\bwrong\s+(?:decision|choice|call)\b",
        r"\b(?:you|they)\s+(?:really\s+)?should(?:'ve|\s+have)\s+(?:told|let|said|mentioned|"
        r"warned|given|been|asked|read|checked)\b",
        r"\b" + _THEIR_SIDE + r"\s+(?:\w+\s+)?never\s+(?:\w+\s+)?(?:got\s+back|replied|responded|"
        r"called|answered|bothered)\b",
        r"\b(?:nobody|no\s+one|" + _THEIR_SIDE + r")\s+(?:even\s+|really\s+|ever\s+)?"
        r"(?:bothered|cared)\b",
        r"\b(?:did" + _NT + r"|never)\s+(?:even\s+)?(?:bother\s+to\s+)?(?:read|look\s+at|open)\s+"
        r"my\s+(?:CV|r[ée]sum[ée]|application|portfolio)\b",
        r"\b(?:already\s+)?made\s+up\s+(?:its|their|your|his|her)\s+minds?\b",
        r"\b(?:had|has|have)\s+nothing\s+to\s+do\s+with\s+the\s+(?:job|role|position)\b",
        r"\b(?:I\s+was\s+kept|kept\s+me|left\s+me|made\s+me)\s+wait(?:ing)?\b",
        r"\bkept\s+(?:checking|looking\s+at)\s+(?:his|her|their)\s+(?:phone|watch|laptop|emails?)"
        r"\b",
        r"\b" + _THEIR_SIDE + r"\s+(?:\w+\s+){0,2}?(?:was|were|seemed|looked|is|are)"
        r"(?:"
        + _NT
        + r")?\s+(?:clearly\s+|obviously\s+|totally\s+|so\s+|very\s+)?"
        + _UNFRIENDLY
        + r"\b",
        r"\bfound\s+" + _THEIR_SIDE + r"\s+(?:\w+\s+)?" + _UNFRIENDLY + r"\b",
        r"\b"
        + _THEIR_SIDE
        + r"\s+(?:\w+\s+){0,2}?(?:was|were|seemed|is|are)"
        + _NT
        + r"\s+(?:even\s+)?(?:prepared|listening|interested|ready|paying\s+attention)\b",
        r"\b(?:task|test|exercise|assignment|interview|process|questions?)\s+(?:was|were|is)\s+"
        r"(?:far|way|much|ridiculously)\s+too\b",
        r"\bunpaid\s+(?:work|labou?r)\b",
        r"\bnightmare\b",
        r"\b(?:is|was|seems|seemed|felt)\s+(?:a\s+bit\s+|rather\s+|quite\s+|frankly\s+)?"
        r"(?:excessive|overkill)\b",
        r"\bover-?sold\b",
        r"\bbarely\s+(?:looked|listened|spoke|engaged)\b",
        r"\b(?:kept|left)\s+me\s+(?:hanging|in\s+the\s+dark)\b",
        r"\bstrung\s+me\s+along\b",
        r"\bheard\s+nothing\s+(?:back\s+)?for\b",
        r"\bI\s+was\s+promised\b",
        r"\b(?:bore|bears|had)\s+no\s+resemblance\b",
        r"\b" + _THEIR_SIDE + r"\s+(?:\w+\s+){0,2}?(?:misled|misjudged|misrepresented|ignored|"
        r"lied|mistreated|humiliated|ghosted|belittled|interrupted|talked\s+over)\b",
        r"\bI\s+(?:was|felt)\s+(?:\w+\s+)?(?:misled|ignored|ghosted|belittled|humiliated|"
        r"mistreated|patroni[sz]ed|treated\s+(?:badly|poorly|unfairly|like))\b",
        r"\b(?:badly|poorly|terribly)\s+(?:run|organi[sz]ed|handled|managed|planned|"
        r"communicated)\b",
        r"\b(?:interview|process|call|meeting|day)\s+(?:felt|was|seemed)\s+(?:very\s+|really\s+|"
        r"so\s+|a\s+bit\s+)?(?:rushed|chaotic|pointless|a\s+mess)\b",
        r"\b(?:inappropriate|illegal)\b",
        r"\b(?:irrelevant|pointless)\s+(?:questions?|tasks?|tests?|exercises?)\b",
        r"\b(?:nobody|no\s+one)\s+(?:ever\s+)?(?:told|explained|warned|informed)\b",
        r"\bI\s+(?:was|were)(?:\s+never|n't|\s+not)\s+(?:even\s+)?(?:told|informed|warned)\b",
        r"\b(?:grilled|interrogated)\s+like\s+that\b",
        r"\b(?:did" + _NT + r")\s+appreciate\s+(?:being|the\s+way|how\s+(?:you|they|he|she))\b",
    ),
    "AV454": (
        r"\bdiscriminat\w*",
        r"\bbiased\b",
        r"\b(?:unconscious|hiring)\s+bias\b",
        r"\bbias\s+against\b",
        r"\bprejudice[ds]?\b",
        r"\b(?:age|sex|rac)is[mt]\b",
        # Who you are, then what it did to the decision: "my accent counted against me".
        _YOURSELF + _TRAIT + r"\s+" + _gap(4) + _TO_THE_DECISION,
        # The decision, then who you are: "was it because of my age?".
        r"\b(?:because(?:\s+of)?|due\s+to|(?:is|was)\s+it|(?:is|was)(?:" + _NT + r")?\s+"
        r"(?:really\s+)?(?:about|down\s+to))\s+"
        + _YOURSELF
        + _TRAIT
        + r"(?=\s*[?.!,;]|\s*$|\s+(?:or|and|that|is|was)\b)",
        # Wondering whether someone else would have been chosen: "would a man have got it?".
        r"\b(?:if|had)\s+I\s+(?:were|was|had\s+been|been)\s+(?:younger|older|a\s+man|a\s+woman|"
        r"male|female|white|local|a\s+native\s+speaker)\b",
        r"\bwould\s+a\s+(?:man|woman|younger|older|white|native)\b",
        r"\bif\s+I\s+(?:did"
        + _NT
        + r"|were"
        + _NT
        + r"|was"
        + _NT
        + r"|had"
        + _NT
        + r")\s+"
        + _gap(2)
        + _TRAIT
        + r"\b",
        r"\bpeople\s+(?:of\s+|from\s+)?my\s+(?:age|background|race|religion|colou?r|gender)\b",
        r"\b(?:was|am|were)\s+I\s+too\s+(?:old|young|grey|gray)\b",
        r"\bI(?:'m|\s+am|\s+was)\s+too\s+(?:old|young)\b",
    ),
}

# --- harmless contexts, per finding ----------------------------------------------------------

#: To the end of the clause, stopping at a "but" that may turn the sentence around.
_REST_OF_CLAUSE = r"(?:(?!\bbut\b)[^.?!;\n])*"

_INNOCENT: Final[dict[str, tuple[str, ...]]] = {
    # Wishing the person who got the job well is kind, not a comparison.
    "AV451": (
        r"\b(?:congratulations|congrats|good\s+luck|best\s+of\s+luck|all\s+the\s+best|"
        r"best\s+wishes|I\s+wish|I\s+hope)\b" + _REST_OF_CLAUSE,
    ),
    # Offering to write yourself, or thanking for what they wrote, asks them for nothing.
    "AV452": (
        r"\b(?:I|we)(?:'ll|'d|'m|'ve|\s+will|\s+would|\s+can|\s+am|\s+have|\s+shall)?\s+"
        r"(?:(?:be\s+)?(?:happy|glad|also|then|just|gladly)\s+(?:to\s+)?)?"
        r"(?:"
        + _EMAIL
        + r"|send|forward|write|put|follow\s+up|jot|type|reply|message|text)\w*\b"
        + _REST_OF_CLAUSE,
        r"\b(?:took|taking|having\s+taken)\s+the\s+time\s+to\s+explain\b[^.?!;\n]*",
        r"\b(?:thanks|thank\s+you)\s+(?:so\s+much\s+|again\s+)?for\s+"
        + _gap(2)
        + r"(?:sending|"
        + _EMAIL
        + r"ing|writing|forwarding|sharing|explaining|the|your)\b"
        r"[^.?!;,\n]*",
    ),
}


def _compile(patterns: dict[str, tuple[str, ...]]) -> dict[str, tuple[re.Pattern[str], ...]]:
    return {
        code: tuple(re.compile(p, re.IGNORECASE) for p in found) for code, found in patterns.items()
    }


@functools.cache
def _compiled() -> tuple[
    dict[str, tuple[re.Pattern[str], ...]], dict[str, tuple[re.Pattern[str], ...]]
]:
    """The patterns, compiled on the first lint: compiling them all takes longer than the rest
    of a command's start-up, and most commands (``agenda`` on a log without a request message)
    never lint."""
    return _compile(_PATTERNS), _compile(_INNOCENT)


# Curly and other look-alike apostrophes become "'", non-breaking hyphens "-": one character
# for one, so offsets into the normalised text are offsets into the original.
_SAME_LENGTH: Final = str.maketrans("\u2019\u2018\u02bc\u00b4`\u2010\u2011", "'''''--")


def _normalise(text: str) -> str:
    return text.translate(_SAME_LENGTH)


def _spans(code: str, text: str) -> list[tuple[int, int]]:
    """The merged spans of ``code``'s phrases in ``text``, leaving out harmless ones."""
    compiled, compiled_innocent = _compiled()
    innocent = [
        match.span()
        for pattern in compiled_innocent.get(code, ())
        for match in pattern.finditer(text)
    ]
    found = sorted(
        match.span()
        for pattern in compiled[code]
        for match in pattern.finditer(text)
        if not any(start <= match.start() and match.end() <= end for start, end in innocent)
    )
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def lint(text: str) -> list[Finding]:
    """Every finding in ``text``, sorted by start (then end, then code); never raises.

    Matches of one code that overlap are merged into one finding spanning them all, so a
    phrase two patterns catch ("the other candidates", "other candidates") is reported once.
    """
    normalised = _normalise(text)
    spans = [(start, end, code) for code in LINTER_CODES for start, end in _spans(code, normalised)]
    return [
        Finding(code, _MESSAGES[code], start, end, text[start:end])
        for start, end, code in sorted(spans)
    ]
