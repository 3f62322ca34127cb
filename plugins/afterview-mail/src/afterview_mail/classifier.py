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

Mail sent to many (job alerts, newsletters, promotions) says nothing, whatever words it holds;
a recruiter's outreach about another role is no invitation and no offer.

English is read best; common German, French and Spanish phrasings, and the basic ones of
Dutch, Italian and Portuguese, are recognised too. A phrase is written as a frame that covers
a whole family (the company chose someone else; the candidate is not going on, however named
and however negated; the post is filled), not as one template's sentence.
"""

from __future__ import annotations

import bisect
import enum
import itertools
import re
from typing import Any

import ahocorasick  # type: ignore[import-not-found,unused-ignore]
import attrs

from afterview_mail.cues import CONFIDENCE, candidates, cued
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


#: The phrases of each kind, written from what such a message says in any template, not from
#: one template's sentences. Checked in this order: the first class with a phrase in the message
#: wins, so that the position stopping (eliminated, on hold) wins over the candidate turned down,
#: a refusal over an offer ("we are unable to offer you…") and all of them over an invitation.
_RULES: tuple[tuple[MailKind, tuple[tuple[float, re.Pattern[str]], ...]], ...] = (
    (
        MailKind.ELIMINATED,
        _phrases(
            # The post gone, in Portuguese, Italian and Dutch.
            (
                0.93,
                r"\b(vaga|cargo|posição|posizione|ruolo|vacature|functie|positie)\b.{0,60}\b("
                r"cancelad[oa]|eliminad[oa]|suprimid[oa]|cancellat[oa]|annullat[oa]|soppress[oa]|"
                r"eliminat[oa]|geschrapt|geannuleerd|ingetrokken|opgeheven|vervalt|komt te "
                r"vervallen)\b|\b(non verrà|non sarà|não será|wordt niet|zal niet worden)( più| "
                r"mais| meer)? (copert|preenchid|ingevuld|vervuld)",
            ),
            (
                0.92,
                r"\b(scrapped|cancelled|canceled|eliminated|axed|dropped|pulled) (the|this|that|"
                r"our)"
                r"( {_W}){0,3} (role|position|vacancy|opening|requisition|req)\b",
            ),
            (
                0.92,
                r"\b(role|position|job|vacancy|opening)( {_W}){0,3} (doesn't|does not|no longer) "
                r"exists?\b",
            ),
            (
                0.9,
                r"\b(budget|headcount|funding)( for (this|the) (role|position))? (was|has) not "
                r"(been )?approved|\b(deprioritised|deprioritized|de-prioritised|de-prioritized)\b|"
                r"\bremoved from (our|the) (hiring|headcount|recruitment) plan|\b(posición|puesto|"
                r"vacante|proceso)( {_W}){0,3} (ha quedado|queda) (sin efecto|desiert|cancelad)",
            ),
            (
                0.92,
                r"\b(withdrawn|withdrew|cancelled|canceled|pulled) (the|this|our)( {_W}){0,2} "
                r"(vacancy|requisition|req|position|role|opening|posting)\b|\b(stelle|position)\b"
                r".{0,80}\berledigt\b|\b(werden|wird) (sie|die stelle|diese stelle|die position) "
                r"(nicht|nicht mehr) (besetzen|nachbesetzen)\b",
            ),
            (
                0.9,
                r"\b(position|role|requisition|opening|vacancy|posting) (cancelled|canceled|"
                r"eliminated|withdrawn|closed permanently)\b",
            ),
            (
                0.94,
                r"\b(decided|decision|chosen|opted|elected) to (cancel|close|withdraw|eliminate|"
                r"scrap|discontinue|pull) (the|this|our|that)( {_W}){0,3} (opening|role|position|"
                r"requisition|req|vacancy|search|posting)",
            ),
            (
                0.9,
                r"\b(role|position|opening|vacancy|requisition|req|posting)( {_W}){0,4} (has been|"
                r"was|is being|is) closed (due to|because of|following|as part of|after|owing to)"
                r"( {_W}){0,3} (restructur|reorgani[sz]|budget|change|shift|priorit|cuts?)"
                r"|\b(will not|won't|not) be re-?opened\b",
            ),
            (
                0.93,
                r"\bposte\b.{0,40}\bn'est plus d'actualité|\b(no se va a cubrir|no se cubrirá)\b",
            ),
            (
                0.96,
                r"\b(position|role|requisition|req|opening|vacancy|job|post|headcount)( {_W}){0,6} "
                r"(has been|have been|was|were|is being|is now|got|has now been|had to be) "
                r"(eliminated|cancell?ed|withdrawn|discontinued|removed|retired|closed without|cut|"
                r"dropped|"
                r"scrapped|axed|made redundant|defunded)",
            ),
            (
                0.95,
                r"\b(no longer|not) (be )?(hiring|recruiting) for (this|the|"
                r"that|it)\b(?!.{0,40}\b(right "
                r"now|at the moment|for now|for the time being|until|currently)\b)|\b(no longer|"
                r"not) (be )?(filling|going to fill|looking to fill|planning to fill) (this|the|"
                r"that) (role|position|vacancy|opening|job|post)",
            ),
            (
                0.95,
                r"\b(decided|decision) (not to|to not|against) (fill|filling|hire for|hiring for|"
                r"open|proceed with (the )?(hire|hiring|search))",
            ),
            (
                0.94,
                r"\b(not|no longer|n't) (to |be )?(proceed|proceeding|go ahead|going ahead|move "
                r"forward|moving forward|continue|continuing) with (hiring|recruiting|filling)( "
                r"for)? (the|this|that|our|any)( {_W}){0,3} (role|position|vacancy|opening|job|"
                r"post)|\b(not|no longer|n't) (to |be )?(proceed|proceeding|go ahead|going ahead|"
                r"continue|continuing) with (the|this) (hire|search)\b",
            ),
            (
                0.9,
                r"\b(role|position|opening|vacancy|job|post|requisition|req)( {_W}){0,4} (no "
                r"longer "
                r"exists|will "
                r"not be filled|will no longer be filled|won't be filled|will not be opened|won't "
                r"be "
                r"opened|will not be refilled|won't be refilled|will not go ahead|won't go ahead|"
                r"is no longer needed|is no "
                r"longer "
                r"required)|"
                r"\b(no "
                r"longer a|no longer an|no) (position|role|vacancy|opening|job) to fill",
            ),
            (
                0.93,
                r"\b(close|closed|closing|cancel|cancelled|canceled|cancelling|canceling) (the|"
                r"this) (role|"
                r"position|requisition|opening) (entirely|altogether|permanently)",
            ),
            (
                0.9,
                r"\b(closed|closing|close|cancelled|canceled|cancel|withdrawn|withdrew|pulled) "
                r"(the|this|our)( {_W}){0,4} (requisition|req|role|position|posting|opening|"
                r"vacancy|search)\b.{0,60}\b(re-?post|re-?open|re-?advertis|re-?scope|re-?defin|"
                r"rethink|"
                r"redesign)",
            ),
            (
                0.9,
                r"\b(headcount|budget|funding) for (this|the) (role|position)( {_W}){0,3} (was|"
                r"has been|is) (cut|withdrawn|removed|eliminated|pulled)|\blost (the |our )?"
                r"(headcount|budget|funding) for",
            ),
            (0.95, r"\bstelle( {_W}){0,5} (wurde|ist|wird) (gestrichen|nicht (mehr )?besetzt)"),
            (
                0.95,
                r"\b(stelle|position|vakanz|ausschreibung)\b.{0,80}(\b(gestrichen|entfällt|"
                r"entfallen)|\b(wird|werden) (nun |jetzt |leider )?nicht (mehr )?(besetzt|"
                r"nachbesetzt)|(?<!noch )\bnicht (mehr )?(besetzt|nachbesetzt)\b)",
            ),
            (0.95, r"\bposte( {_W}){0,5} a été (supprimé|annulé)"),
            (
                0.94,
                r"\b(poste|recrutement)\b.{0,60}\b(supprimé|annulé|ne sera pas pourvu|ne sera "
                r"finalement pas pourvu)",
            ),
            (0.95, r"\b(puesto|vacante)( {_W}){0,5} (ha sido|fue) (eliminad|cancelad)"),
            (
                0.94,
                r"\b(puesto|vacante|posición|proceso de selección)\b.{0,60}\b(cancelad|eliminad|"
                r"anulad|suprimid)",
            ),
        ),
    ),
    (
        MailKind.ON_HOLD,
        _phrases(
            # Frames: the search stopped for a time, however said, in every language read.
            (
                0.92,
                r"\b(delay|delaying|delayed|postpone|postponing|postponed|pause|pausing|paused|"
                r"suspend|suspending|suspended) (our |the |any |all )?(next steps|decisions?|"
                r"hiring decisions?) (on|about|for|regarding) (this|the|your|our)( {_W}){0,2} "
                r"(role|position|vacancy|opening|search|hire|process)\b",
            ),
            (
                0.93,
                r"\b(postpon|delay|paus|suspend|hold|halt|freez|froz)\w*( off)?( on)? ((the|our|"
                r"all|any|this) )?(remaining )?(interviews|hiring|recruitment|process|search|role|"
                r"position|decisions?|next steps)( {_W}){0,4} (indefinitely|until further notice|"
                r"for the foreseeable future)\b",
            ),
            (
                0.92,
                r"\b((decisions?|next steps) (on|about|for|regarding) (this|the|your|our)"
                r"( {_W}){0,2} (role|position|vacancy|opening|application|candidacy|hire|search|"
                r"process)|hiring decisions?|the process|recruitment|the role|the position|the "
                r"vacancy|the search)(?! (fair|event|day|evening|webinar|drive)\b)( {_W}){0,5} "
                r"(are|is|have been|has been|will be|were|was|remain|remains)( now| currently| "
                r"temporarily)? (delayed|postponed|on hold|paused|suspended|frozen|pushed back)\b",
            ),
            (
                0.93,
                r"\b(suspendons|suspendre|gelons|geler|reportons|mettons en pause|mettre en pause)"
                r"( {_W}){0,2} (le|ce|notre|les|la|cette|nos) (recrutement|poste|processus|"
                r"embauche|recrutements|décisions?)\b",
            ),
            (
                0.93,
                r"\b(processo|selezione|posizione|ricerca|assunzion\w*|ruolo|recrutamento|vaga|"
                r"contratação|vacature|procedure|sollicitatieprocedure|werving\w*)\b.{0,60}\b("
                r"sospes[oa]|in pausa|congelat[oa]|rimandat[oa]|rinviat[oa]|suspens[oa]|"
                r"pausad[oa]|congelad[oa]|adiad[oa]|on hold|gepauzeerd|stilgelegd|uitgesteld|"
                r"bevroren|tijdelijk stopgezet|ligt (voorlopig |tijdelijk )?stil)\b|\b(congelado|"
                r"pausado|suspendido|aplazado|"
                r"pospuesto|detenido|sospeso|congelato|rinviato|rimandato|suspendemos|congelamos|"
                r"congelámos|adiamos|adiámos|pausamos) (la|el|los|las|il|lo|o|a) (contratación|"
                r"proceso|selección|búsqueda|vacante|puesto|incorporación|processo|selezione|"
                r"ricerca|assunzione|posizione|recrutamento|contratação|vaga)\b",
            ),
            (
                0.93,
                r"\b(hit|hitting|press|pressed|push|pushed) (the )?pause (button )?on( {_W}){0,4} "
                r"(search|hiring|hire|role|position|recruit\w*|process)",
            ),
            (
                0.93,
                r"\b(temporary|temporarily) (stop|pause|halt|freeze|hold) (on|to) (hiring|"
                r"recruit\w*|the (search|process|role|position))",
            ),
            (
                0.9,
                r"\b(hold|holding) (the|this|our)( {_W}){0,3} (position|role|search|process|"
                r"vacancy|"
                r"requisition)\b|\b(role|position|hiring|search|process|recruitment|vacancy)\b"
                r".{0,60}\buntil (further notice|the new (financial|fiscal) year|budgets? (is|are) "
                r"approved)",
            ),
            (
                0.9,
                r"\bnot (currently )?(be )?(hiring|recruiting) for (this|the|that)( {_W}){0,3} "
                r"(right now|at the moment|for now|for the time being|until|currently)\b",
            ),
            (
                0.9,
                r"(\bnot|n't) (be )?(moving forward|proceeding|continuing|hiring) (with|on|for) "
                r"(the|this|that|our) (role|position|search|hire|hiring|process|recruitment|"
                r"requisition)( {_W}){0,3} (for now|for the time being|until|at the moment|right "
                r"now|this (quarter|year))",
            ),
            (
                0.92,
                r"\b(budget|headcount) freeze\b|\bback burner\b|\b(en stand-by|en standby)\b|"
                r"\b(recrutement|"
                r"poste)\b.{0,30}\breporté|\b(proceso|contratación)\b.{0,40}\b(aplazad|pospuest)",
            ),
            (
                0.92,
                r"\b(verfahren|prozess|besetzung|stelle|position|auswahlverfahren|"
                r"bewerbungsprozess|einstellung)\b.{0,40}(\bruht\b|\b(verschoben|zurückgestellt|"
                r"angehalten|pausiert|ausgesetzt|gestoppt|eingefroren)\b)"
                r"|\bruht (derzeit|vorerst|vorübergehend|aktuell|momentan)",
            ),
            (
                0.95,
                r"\b(position|role|search|requisition|req|opening|hiring|hire|recruitment|"
                # A recruitment fair or a hiring event put off is no search put off.
                r"recruiting|process|vacancy|headcount)(?! (fair|event|day|evening|webinar|drive)"
                r"\b)( {_W}){0,6} (is|has been|have been|was|"
                r"were|are|is being|will be|'s|remains|has now been|had to be|has had to be)( now|"
                r" currently| temporarily)? (put |placed )?(on (hold|pause|ice)|paused|frozen|"
                r"suspended|postponed|delayed indefinitely|parked|shelved)",
            ),
            (0.95, r"\b(put|putting|placed|placing)( {_W}){1,5} on (hold|pause|ice)"),
            (0.95, r"\bhiring (freeze|pause)\b"),
            (
                0.93,
                r"\b(pause|paused|pausing|freeze|froze|frozen|freezing|halt|halted|halting|suspend|"
                r"suspended|suspending) ((the|our|this|all) )?({_W} ){0,3}(hiring|search|"
                r"recruit\w*|process|role|position|requisition|hires|hire|headcount|reqs?|roles|"
                r"positions|openings|vacancies)\b",
            ),
            (
                0.9,
                r"\b(postpone|postponed|postponing|delay|delayed|delaying) ((the|our|this|all) )?"
                r"({_W} ){0,3}(hiring|search|recruitment|process|role|position)\b",
            ),
            (
                0.92,
                r"\bhold(ing)? off (on )?(hiring|filling|recruiting|next steps|(any |all |our )?"
                r"(hiring )?decisions?|(the |our )?(process|interviews|recruitment)|the (role|"
                r"search|hire|"
                r"position))",
            ),
            (
                0.9,
                r"\b(search|hiring|recruitment|role|position|requisition) (paused|frozen|on hold|"
                r"suspended)\b|\btemporarily (closed|paused|suspended|halted|stopped|frozen)",
            ),
            (0.95, r"\bauf eis gelegt\b|\bvorerst (pausiert|ausgesetzt)"),
            (
                0.94,
                r"\b(derzeit|vorerst|vorübergehend|aktuell|momentan|bis auf weiteres) (pausiert|"
                r"ausgesetzt|zurückgestellt|gestoppt|eingefroren)|\beinstellungsstopp",
            ),
            (0.95, r"\b(mis|mise) en (pause|attente)|\bsuspendu"),
            (0.94, r"\b(mis|mise) en (suspens|veille)|\bgelée?s?\b"),
            (
                0.94,
                r"\b(proceso|procesos|contratación|contrataciones|vacante|puesto|posición|"
                r"selección|búsqueda|incorporación|reclutamiento)\b.{0,60}(\ben pausa\b|"
                r"\bcongelad|\bpausad|\bsuspendid|\ben suspenso\b)",
            ),
        ),
    ),
    (
        MailKind.REJECTION,
        _phrases(
            # Frames, each covering a family in every language read: the company chose someone
            # else; the candidate is not going on, however named and however negated; the post
            # is filled.
            (
                0.95,
                r"\b(role|position|job|post|offer)( {_W}){0,3} (has been|was|have been|had been) "
                r"(offered|given|awarded) to (a|an|another|one of|someone|somebody|the other|a "
                r"different|an internal|an external)\b|\b(didn't|did not|haven't|have not|won't|"
                r"will not) (make it|get|go|move|progress) (past|beyond) (the|our)( {_W}){0,2} "
                r"(screen|round|stage|interview|call|assessment)",
            ),
            (
                0.95,
                r"\b(chose|chosen|choose|selected|decided on|settled on|went with|gone with|going "
                r"with|go with|opted for|picked|appointed) ((another|a different|an internal|an "
                r"external|one of the other|other)( {_W}){0,2} (candidates?|applicants?|"
                r"finalists?|persons?|profiles?|individuals?|people|hire)|(someone|somebody|a "
                r"person) (who|with|whose|that|more|else|already))\b|\b(hire|hired|hiring|appoint|"
                r"promote|promoted) (an internal|an external|another|a different) (candidate|"
                r"applicant|person|finalist)\b",
            ),
            (
                0.95,
                r"\b(offer|offered|offering|give|gave|given|giving|award|awarded)( it| the( {_W})"
                r"{0,3} (role|position|job|post|offer|opportunity))( {_W}){0,2} to (another|a "
                r"different|an internal|an external|(someone|somebody) (else|who|with|whose|"
                r"already|internal|from|on|in)|one of|a candidate|a colleague|a person|the other|"
                r"an existing)\b",
            ),
            (
                0.94,
                r"\boffer (will not|won't|cannot|can't|will no longer) be (made|"
                r"extended)\b|\b(did not|didn't|haven't|have not|weren't|were not|won't|will "
                r"not) (get|land|secure|been offered|be offered|be getting) (the|this|that) (job|"
                r"role|position|offer|post)\b(?! (posting|posted|ad|advert|description|listing|"
                r"spec)\b)",
            ),
            (
                0.93,
                r"\b(you're|you are) not (quite |exactly |really )?(what|who) (we're|we are|we "
                r"were|we've been|the team is|the team was) (looking for|after|seeking)\b|"
                r"(\bnot|n't) (among|one of) (those|the)( {_W}){0,2} (selected|chosen|"
                r"shortlisted|invited|progressing|moving forward|taken forward)\b|\b(it's|it is|"
                r"that's|that is|the answer is) a no\b|(\bnot|n't) "
                r"(going to |gonna )?(work|worked|working) out (for|with|on) (this|the|that|your)"
                r"( {_W}){0,2} (role|position|job|opportunity|application|candidacy)\b",
            ),
            (
                0.94,
                r"\bderen (profil|profile|erfahrung|erfahrungen|qualifikation|qualifikationen|"
                r"kenntnisse|hintergrund|werdegang)\b( {_W}){0,6} (besser|genauer|eher|stärker|"
                r"näher|mehr)\b(?!.{0,60}\b(melden|kontaktier\w*|einladen|eingeladen)\b)|"
                r"\bnicht (mehr )?in (betracht|frage)\b|\bnicht\b( {_W}){0,5} (einladen|"
                r"einzuladen)\b",
            ),
            (
                0.94,
                r"\b(auswahlprozess|auswahlverfahren|prozess|verfahren)( {_W}){0,3} mit (anderen "
                r"|weiteren )?(kandidat|bewerber)\w*( und {_W})?.{0,40}\b(fortzusetzen|fortsetzen|"
                r"fort|weiter)|\b(mit einer|mit einem|durch eine|durch einen) (internen|anderen|"
                r"externen) "
                r"(kandidat|bewerber|person)\w*( {_W}){0,2} (besetzt|nachbesetzt|vergeben)\b|"
                r"\bfür (eine|einen) (andere\w* |interne\w* |externe\w* )?(person|kandidat\w*|"
                r"bewerber\w*)( (mit|die|der|deren|dessen)\b.{0,60})? entschieden\b",
            ),
            (
                0.94,
                r"\b(retenu|choisi|sélectionné|privilégié|opté pour|préféré)( finalement)? (un "
                r"autre|une autre|d'autres|un|une|l'autre) (profil|candidat|candidate|candidature|"
                r"personne)s?\b|\b(attribué|confié|offert)e? à (un|une|d'autres|un autre|"
                r"une autre)( {_W})? (candidat|personne|profil|collaborat)|\b(poste|offre)\b"
                r"( {_W}){0,4} (a été|est|est déjà|est désormais|a déjà été|vient d'être) pourvu",
            ),
            (
                0.94,
                r"\b(no podemos|no podremos|no podríamos|no vamos a) (ofrecer\w*)\b|\b(no seguimos|"
                r"no continuamos|no avanzamos|no vamos a seguir|no vamos a continuar)( adelante)? "
                r"(contigo|con "
                r"usted|con tu|con su|con vos)\b|\b(candidatura|perfil|solicitud|postulación)"
                r"( {_W}){0,4} no (pasará|pasa|ha pasado|avanzará|avanza|continuará|continúa|"
                r"seguirá|sigue|ha sido seleccionad|fue seleccionad)|\b(vacante|puesto|posición|"
                r"plaza)( {_W}){0,3} (ya )?(ha sido|fue|está|ha quedado) cubiert[oa]|\b(elegido|"
                r"seleccionado|escogido|contratado|optado por|decidido por)( a)? (un|una|otro|otra|"
                r"otros|otras) (candidat|perfil|persona|profesional)",
            ),
            (
                0.94,
                r"\bniet verder\b.{0,30}\bmet (je|jou|jouw|uw|u)\b|\bniet (verder |meer )?in "
                r"behandeling\b|\bniet (door|verder) naar de "
                r"(volgende|tweede|laatste) (ronde|fase|stap)|\b(gekozen|kiezen) voor (een )?"
                r"(andere|ander) (kandida\w*|persoon|profiel|sollicitant)|\bvoor (een )?(andere|"
                r"ander) (kandida\w*|persoon|profiel|sollicitant)\w*( {_W}){0,2} (gekozen|te "
                r"kiezen|gegaan)\b|\bniet (uit te nodigen|"
                r"uitnodigen|uitgenodigd|geselecteerd)\b|\b(functie|vacature|positie)( {_W}){0,4} "
                r"(is|werd|inmiddels)( {_W})? (ingevuld|vervuld|vergeven)\b|\bkeuze\b.{0,30}\bniet "
                r"op (jou|u|je) (gevallen|valt)\b",
            ),
            (
                0.94,
                r"\b(proseguire|procedere|continuare|andare avanti|proseguiremo|procederemo)"
                r"( {_W}){0,2} con (altri|altre|un altro|un'altra|altro|altra) (candidat|profil|"
                r"person)|\bnon (è|sia|sarà|e') (stat[oa] )?(selezionat|scelt|ammess|accolt)|"
                r"\b(scelto|selezionato|individuato|optato per|preferito) (un altro|un'altra|altri|"
                r"altre) (candidat|profil|person)|\b(posizione|ruolo)( {_W}){0,4} (è stata|è già "
                r"stata|è|risulta) (già )?copert|\bnon (procederemo|proseguiremo|potremo "
                r"procedere|possiamo procedere|andremo avanti)( {_W}){0,2} con (la sua|la tua|il "
                r"suo|il tuo)\b",
            ),
            (
                0.94,
                r"\b(seguir|prosseguir|avançar|continuar|seguiremos|prosseguiremos|avançaremos)"
                r"( {_W}){0,2} com (outros|outras|outro|outra) (candidat|perfi|pessoa|profissiona)|"
                r"\bnão (foi|foram|será|seria) (selecionad|escolhid|aprovad|aceit)|\b(optámos|"
                r"optamos|optado|escolhemos|selecionamos) (por )?(um|uma|outro|outra|outros|"
                r"outras) (candidat|perfil|pessoa|profissional)|\b(vaga|posição|cargo)( {_W}){0,4}"
                r" (já )?(foi|está|se encontra) (já )?preenchid|\bnão (vamos|iremos|podemos|"
                r"poderemos) (seguir|avançar|prosseguir|continuar)",
            ),
            (
                0.95,
                r"\b(wahl|entscheidung)\b.{0,30}\bnicht auf (sie|dich) gefallen",
            ),
            (
                0.9,
                r"(\bnot|n't) (quite )?(at )?the (level|standard|bar) (we|the role|required|"
                r"needed)|"
                r"\bclose (things|this) off\b",
            ),
            (
                0.92,
                r"\b(candidates|applicants|profiles|individuals)( {_W})? (whose|who|that)( "
                r"{_W}){0,4} "
                r"(better|more closely|closer|more directly|more relevant|stronger) (match|matches|"
                r"align|aligns|fit|fits|suit|suits|meet|meets|reflect)\b(?!.{0,40}\bwill be "
                r"(contacted|invited|notified|in touch))",
            ),
            (
                0.94,
                r"\b(preferred|favoured|favored|chose|selected|went for|opted for) (another|a "
                r"different|"
                r"an "
                r"alternative|the other) (candidate|finalist|applicant|profile|person)\b|(\bnot|"
                r"n't) "
                r"the (outcome|news|result|decision) (you|you were|you'd|you had) (hoped|hoping|"
                r"wanted|wished)",
            ),
            (
                0.93,
                r"\b(mit einer|mit einem) (anderen|anderem) (person|kandidat|bewerber|profil)|"
                r"\b(ne "
                r"poursuivrons|ne continuerons|ne retiendrons|ne donnerons) pas\b",
            ),
            (
                0.93,
                r"\b(hire|hired|hiring|fill|filled|filling|promote|promoted|promoting)( {_W}){0,2} "
                r"internally\b|\bwith an internal (candidate|hire|applicant)",
            ),
            (
                0.94,
                r"\b(didn't|did not|hasn't|has not|won't|will not|haven't|have not|weren't|"
                r"were not|wasn't|was not) (make it|made it|get|got|go|progress|move|been put)"
                r"( through)? (to|onto|on to|into) (the|our) (next|shortlist|short-list|final|"
                r"onsite|on-site|interview|panel|second|third|last|following)\b",
            ),
            (
                0.94,
                r"\bkeine (stelle|position|anstellung|zusage)\b.{0,30}\b(anbieten|geben|machen|"
                r"unterbreiten)\b|\b(wasn't|was not|isn't|is not) (one of|among) the "
                r"(applications|candidates|profiles|applicants)( {_W}){0,3} (we're|we are|we will "
                r"be|"
                r"we'll be|we have been) (progressing|taking forward|moving forward|shortlisting|"
                r"inviting)",
            ),
            (
                0.93,
                r"\b(we've|we have|have|has) (now )?(hired|appointed|recruited) for (the|this|"
                r"that) "
                r"(role|position|vacancy|post)\b|\b(perfil|candidatura|experiencia) no (se ajusta|"
                r"encaja|corresponde|cumple)",
            ),
            (
                0.92,
                r"(\bnot|n't) (quite )?(match|fit|align with|meet|suit) (what (we|we're|we are|the "
                r"team)|our( {_W})? (requirements|needs|criteria|expectations)|the( {_W}){0,2} "
                r"(requirements|role|position|needs|criteria))",
            ),
            (
                0.93,
                r"\bfilled (the|this|that)( {_W}){0,2} (position|role|seat|spot|vacancy|opening|"
                r"job|"
                r"post|req)\b",
            ),
            (
                0.95,
                r"(\bnot|n't|\bunable to|\bcannot) (be )?(able to )?(move|moving|proceed|"
                r"proceeding|go"
                r"|going) (forward|ahead) with (an|the|a) (formal |verbal |written )?offer\b",
            ),
            (
                0.94,
                r"\bgegen (eine|ihre|die) (zusammenarbeit|einstellung|bewerbung|kandidatur)|"
                r"\bgegen "
                r"sie entschieden|\b(optado|decidido|elegido|apostado|decantado) por (otro|otra|un|"
                r"una) "
                r"(perfil|candidat|persona)",
            ),
            (
                0.94,
                r"\b(gone|went|going|go) with (a|one|the other) (candidate|applicant|person)"
                r"( {_W}){0,3} (who|whose|with|that)\b",
            ),
            (
                0.9,
                r"\b(continue|continuing|keep|keeping) (our|the) search\b|\b(keep|continue|"
                r"continuing) (looking|searching) for (someone|somebody|other|another|a candidate|"
                r"candidates)\b",
            ),
            (
                0.96,
                r"\b(decided|decision|chosen|opted|elected|determined) (to not|not to) (move|go|"
                r"proceed|continue|progress|pursue|advance|take|invite|offer|extend)\b",
            ),
            (
                0.94,
                r"\bfür (eine\S* |einen )?(andere|anderen)\S* (kandidat|bewerber|person|profil)",
            ),
            (
                0.95,
                r"\byour (application|candidacy|candidature|profile|name|cv|résumé|resume|"
                r"submission)( {_W}){0,6} (will not|won't|would not|cannot|can't|is not|isn't|"
                r"isnt|was not|wasn't|wasnt|has not|hasn't|have not|did not|didn't|didnt|will "
                r"no longer|is no longer) (quite |yet |ultimately )?(be )?(been )?(moving|move|"
                r"moved|progress|progressing|progressed|proceed|proceeding|advance|advancing|"
                r"advanced|continue|continuing|taken|carried|going|go|selected|successful|"
                r"considered|retained|shortlisted|pursued|succeed|among|pass|passed|make it|"
                r"what (we|we're|we are|the team|the role)|chosen|invited)\b",
            ),
            (
                0.95,
                r"\byour (application|candidacy|candidature)( {_W}){0,6} (has been|was|is now|will "
                r"be|have been) (closed|declined|rejected|turned down|unsuccessful)",
            ),
            (
                0.94,
                r"\b(identified|found|selected|chosen|hired|appointed|picked) ({_W} ){0,1}"
                r"(candidates?|applicants?|individuals?|someone|people|a candidate|an applicant)"
                r"( {_W}){0,6} (closer|better|more closely|stronger|more suitable|more relevant|"
                r"more direct|more extensive|more aligned)",
            ),
            (
                0.94,
                r"\b(picked|chose|chosen|selected|hired|appointed|went with|gone with|going with|"
                r"found) "
                # "Went with someone" is a candidate chosen; "…someone from my old team to the
                # conference" is not.
                r"(someone|somebody)(?! (from|to|at|in|on)\b)\b|\boffered the (role|position|job) "
                r"to (someone|somebody)\b|"
                r"\b(role|position|job) "
                r"(has |have )?(gone|went) to (another|a different|an internal|an external|"
                r"someone)",
            ),
            (
                0.95,
                r"\bnot (the|our) (successful|chosen|preferred|selected|final) (candidate|"
                r"applicant)|\b(successful|chosen|preferred|selected) candidate (has|have) (now )?"
                r"(been|accepted)",
            ),
            (
                0.93,
                r"(\bnot|n't) (be )?(scheduling|arranging|setting up|inviting you to|inviting "
                r"you for) (a |an |any )?(further |additional |more |another |next |second |"
                r"final |follow-up )?(interview|call|round)s?\b",
            ),
            (
                0.93,
                r"\b(unable|not able|not in a position) to (progress|proceed with|move forward "
                r"with|advance|continue with|take forward|consider)( {_W}){0,2} (your|you)\b",
            ),
            (
                0.9,
                r"\b(will not|won't|are not|aren't|'re not|not) (be )?(moving|going|proceeding|"
                r"progressing) "
                r"(forward|ahead|further)( at this (time|point|stage)| for now)?[.!]?$",
            ),
            (
                0.9,
                r"(\bnot|n't) (quite )?(a|an|the)( {_W}){0,2} (fit|match) (for|with|at)\b",
            ),
            (
                0.94,
                r"\banders entschieden\b|\bjemand(en)? anderen\b|\bnicht (in die engere auswahl|"
                r"für die nächste runde|ausgewählt)",
            ),
            (
                0.95,
                r"\b(ne pas |ne plus )(pouvoir|pouvons|pourrons|pourrions) (retenir|donner "
                r"suite|poursuivre|aller plus loin|continuer|vous (offrir|proposer) (ce|le))\b|"
                r"\bne (pouvons|pourrons|pourrions|sommes|serons)( {_W})? (pas|plus) (en mesure "
                r"de )?(retenir|donner suite|poursuivre|aller plus loin|continuer|vous (offrir|"
                r"proposer) (ce|le|un|une) (poste|contrat|emploi))\b|\b(au regret de)\b"
                r"(?!.*\b(reporter|décaler|"
                r"annuler|déplacer|modifier)\b)",
            ),
            (
                0.93,
                r"\blamentamos (comunicarte|informarte|decirte|comunicarle|"
                r"informarle)(?!.*\b(reprogramar|"
                r"cambiar|aplazar|mover|cancelar)\b)|\b(no "
                r"podemos|no podremos|no podríamos|no vamos a) (continuar|seguir|avanzar|contar)|"
                r"\b(no ha|no has) (pasado|"
                r"superado)|"
                r"\b(desestimad|descartad)",
            ),
            (
                0.98,
                r"\b(decided|chosen|elected|opted|made the decision|determined) (not )?to "
                r"(move|go|proceed|continue|progress|pursue|focus) (forward |ahead |on )?(with |"
                r"other |on )((other|another|a different|different|alternative|more|a) )?(\w+ )"
                r"{0,3}(candidates?|applicants?|profiles?|individuals?|people|person|finalists?|"
                r"someone|"
                r"somebody)",
            ),
            (
                0.96,
                r"\b(move|moving|moved|go|going|gone|went|proceed|proceeding|continue|continuing|"
                r"progress|progressing|pursue|pursuing|focus|focusing|advance|advancing)( forward|"
                r" ahead| on)? (with|on) (other|another|a different|different|alternative|"
                r"stronger|more qualified|more experienced)( {_W}){0,3} (candidates?|applicants?|"
                r"profiles?|individuals?|people|persons?|finalists?)",
            ),
            (
                0.96,
                r"\b(pursue|pursuing|pursued|select|selected|selecting|choose|chose|chosen|"
                r"prioritise|prioritize|prioritising|prioritizing) (other|another|a different|"
                r"alternative|"
                r"different|more qualified|more experienced)( {_W}){0,2} (candidates?|applicants?|"
                r"profiles?|individuals?|people|finalists?)",
            ),
            (
                0.98,
                r"(\bnot|n't|\bunable to|\bcannot) (be )?(able to )?(moving|move|going|go|taking|"
                r"take|progressing|progress|proceeding|proceed|advancing|advance|continuing|"
                r"continue) (forward |ahead |further )?(with |to )?(your|you|the next|in the)"
                r"( \w+){0,2} (application|candidacy|candidature|process|round|stage|step)",
            ),
            (
                0.95,
                r"(\bnot|n't|\bunable to|\bcannot) (be |going to )?(able to )?(move|moving|proceed|"
                r"proceeding|progress|progressing|advance|advancing|continue|continuing|take|"
                r"taking) (you|yours|things|this|it|matters|your (\w+ ){0,2}(application|candidacy|"
                r"candidature|"
                r"profile))"
                r"( {_W}){0,2} (forward|further|ahead|on|to the next)",
            ),
            (
                0.93,
                r"(\bnot|n't|\bunable to|\bcannot) (be )?(able to )?(move|moving|proceed|"
                r"proceeding|progress|progressing|advance|advancing|continue|continuing|go|going)"
                r" (forward|ahead|further) (at this (time|point|stage)|with you|in the (process|"
                r"next))",
            ),
            (
                0.97,
                r"\b(decided|deciding|choosing|chose|chosen|opting|opted|electing|elected) not to "
                r"(proceed|progress|move|go|continue|advance|pursue|take|shortlist|invite|select)",
            ),
            (0.96, r"\bdecided against (proceeding|progressing|moving|advancing|taking|pursuing)"),
            (
                0.97,
                r"\b(unable|not able|not in a position) to (offer you|extend an offer|make you an "
                r"offer)",
            ),
            (
                0.96,
                r"(\bnot|n't|\bunable to|\bcannot) (be )?(able to )?(extend|extending|make|making|"
                r"offer|offering) (you )?(an? |the )?(offer|position|role|job)\b",
            ),
            (
                0.93,
                r"\b(regret|sorry) to (inform|let you know|tell you|advise|share)(?!.*\b(reschedul"
                r"\w*|postpon\w*|cancel\w*|move (our|the|your)|push (our|the|your)|running late)"
                r")",
            ),
            (
                0.95,
                r"\b(was|were|have been|has been|has not been|have not been|not been) "
                r"(unsuccessful|successful)\b(?<!\bbeen successful)|\bunsuccessful\b",
            ),
            (
                0.95,
                r"\b(were|was|have|has) not (been )?(selected|shortlisted|chosen|successful|"
                r"invited|"
                r"progressed|taken forward)",
            ),
            (
                0.92,
                # Not "candidates who are not selected will be told": an acknowledgement's.
                r"\bnot(?<!are not)(?<!who not) (been )?(selected|shortlisted|short-listed|"
                r"progressed)\b(?! will)|n't (been )?(selected|shortlisted|short-listed|progressed)"
                r"\b(?! will)",
            ),
            (
                0.94,
                r"(\bnot|n't) (been |be )?(taken|moved|carried|put|progressed|advanced) (forward|"
                r"further)",
            ),
            (
                0.95,
                r"\boffered (the|this|that) (role|position|job) to (another|a different|someone|"
                r"other|an internal|an external|a candidate|an applicant|a person|one of)",
            ),
            (
                0.95,
                r"\b(make|made|making|extend|extended|extending|accepted) (an |the |our )?offer "
                r"(to|"
                r"from) (another|a different|an internal|an external|one of the other|someone|the "
                r"other)",
            ),
            (
                0.93,
                r"\b(position|role|vacancy|opening|job|post)( {_W}){0,4} (has|have) (now )?been "
                r"filled|\bfilled by (another|a different|an internal|an external|someone|other)|"
                r"\bfilled the (position|"
                r"role)",
            ),
            (
                0.96,
                r"\b(other|another) (candidates?|applicants?)( {_W}){0,2} (whose|who|with) "
                r"(experience|background|skills|profile|qualifications|more|closer|better|align)",
            ),
            (
                0.95,
                r"\b(other|another) (candidates?|applicants?|profiles?)('s|s')?( {_W}){0,2} (more|"
                r"better|"
                r"closer|most) (closely )?(align|aligned|match|matched|matches|fit|fits|suit|"
                r"suited|meet|met)",
            ),
            (0.95, r"(\bnot|n't) (be )?(inviting|invite|offering|advancing|progressing) you\b"),
            (
                0.92,
                r"(\bnot|n't) (quite )?(the|a|an) (right|best|strongest|ideal|good|close enough|"
                r"strong enough) (fit|match)\b",
            ),
            (0.92, r"\b(no longer|not) (being )?(considered|under consideration|in consideration)"),
            (
                0.95,
                r"\b(another|a different) (candidate|applicant|person) (was|has been|whose|who)",
            ),
            (
                0.95,
                r"\b(appointed|selected|chosen|hired|picked|identified|found|gone with|went with|"
                r"going with|decided on|settled on|chose) (another|a different|an internal|an "
                r"external|a stronger|a more experienced|a more senior) (candidate|applicant|"
                r"person|individual|profile)",
            ),
            (
                0.95,
                r"\b(hired|hire|hiring|chosen|chose|selected|gone with|went with|going with|go "
                r"with) (someone|somebody) else\b|\boffered (it|the role|the job|the position) to "
                r"(someone|somebody) else\b",
            ),
            (
                0.94,
                r"\b(chosen|selected|hired|appointed|picked|identified) (a|one) (candidate|"
                r"applicant|"
                r"person)\b",
            ),
            (
                0.94,
                r"\b(go|going|gone|went|move|moving|moved|head|heading|headed|take|taking|taken|"
                r"took)( in)? (another|a different|a new) (direction|way|route)\b",
            ),
            (
                0.93,
                r"\b(decided|going|chosen|elected|opted) to pass( on (this|you|your (candidacy|"
                r"application|profile)))?\b|\bpass on (this one|your candidacy|moving forward)",
            ),
            (
                0.92,
                r"\b(close|closed|closing)( out)? (your|the) (application|candidacy|candidature|"
                r"file)|\byour "
                r"(application|candidacy) (has been|was|is now|will be) (closed|declined|rejected)",
            ),
            (
                0.93,
                r"\b(application|candidacy)( status)?:? (declined|rejected|unsuccessful)\b",
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
                0.94,
                r"\bentschieden\b.{0,80}\bfür (eine |einen )?(andere|anderen|weitere|weiteren)"
                r"( {_W}){0,2} (kandidat|bewerber|person|profil)|\bfür (eine |einen )?(andere|"
                r"anderen|weitere|weiteren)( {_W}){0,2} (kandidat|bewerber|person|profil)\w*"
                r".{0,40}\bentschieden",
            ),
            (
                0.92,
                r"^absage\b|\b(ihnen|dir) (leider )?absagen\b|\bnicht (weiter |mehr "
                r")?(berücksichtig|weiterverfolg|fortsetz|"
                r"fortführ)|\banderweitig (besetzt|vergeben)|\b(stelle|position|vakanz)"
                r"( {_W}){0,3} "
                r"(wurde|ist|wird|war)( (bereits|inzwischen|schon|mittlerweile|leider|nun|jetzt|"
                r"anderweitig))+ (besetzt|vergeben)\b|\bkeine (positive|positiven|"
                r"erfreuliche|erfreulichere|bessere) (rückmeldung|nachricht|mitteilung)",
            ),
            (
                0.95,
                r"\b(ne |n'a|n'e|n'o)({_W} ){0,2}(pas|plus) (donner|donnerons|pouvons)( {_W}){0,3} "
                r"suite|"
                r"\bpas été retenue?|\b(ne sera pas) retenue?|\b(un autre) candidat|\bd'autres "
                r"candidat",
            ),
            (
                0.94,
                r"\b(ne |n'a|n'e|n'o)({_W} ){0,6}(pas|plus)( {_W}){0,6} suite\b|\b(de ne pas) "
                r"(donner suite|"
                r"poursuivre|retenir|continuer)|\b(un autre|une autre|d'autres) (profil|"
                r"candidature)|\bpas été (sélectionné|choisi)",
            ),
            (0.9, r"\b(ne correspond|ne répond) (pas|plus)"),
            (
                0.95,
                r"\b(no ha sido) seleccionad|\b(continuar|seguir) con otros candidatos|\bhemos "
                r"decidido no continuar",
            ),
            (
                0.94,
                r"\b(continuar|seguir|avanzar|decidido|optado|seleccionado|elegido|escogido)"
                r"( {_W}){0,3} (con )?(otros?|otras?) (candidat|perfil|postulant|persona)|\b(no "
                r"continuar|no seguir|no avanzar)( adelante)? con (tu|su) (candidatura|proceso|"
                r"solicitud|postulación)|\b(no ha|no has) (sido|resultado) (seleccionad|elegid|"
                r"escogid)|\b(no seguirá|no seguiremos|no avanzará|no avanzaremos) (adelante )?con",
            ),
        ),
    ),
    (
        MailKind.OFFER,
        _phrases(
            # Frames: the company offering the job, wanting the candidate, the offer's papers.
            (
                0.94,
                r"\b(pleased|delighted|happy|thrilled|excited|glad|like|love|want) to( formally| "
                r"officially)? offer you "
                r"(the|a|an|this|our)( (?!interview|chance|slot|call|opportunity to){_W}){0,4} "
                r"(position|role|job|post|contract|employment)\b",
            ),
            (
                0.92,
                r"\boffer( letter| documents?| contract)? (can|may|is ready to|is available to)"
                r"( now)? (be )?(reviewed|signed|viewed|accepted|accessed|downloaded|found)\b|"
                r"\bin your( (job|employment|formal|written|official|final))? offer\b|"
                r"\b(approved|signed off on|green-lit|greenlit) your (hire|hiring|offer)\b",
            ),
            (
                0.92,
                r"\b(want|wants|would love|'d love|would like|'d like) (to have )?you (as (our|the|"
                r"a|an) (new|next)\b|on (the|our) team\b|to (join|be|become) (our|the) (team|"
                r"company|new|next)\b(?! (for|at|on)\b))",
            ),
            (
                0.93,
                r"\bbieten (wir )?(ihnen|dir)( gerne| gern| hiermit)? (die|diese|den|das)"
                r"( {_W})? (stelle|position|anstellung|"
                r"festanstellung|vertrag|arbeitsvertrag|rolle|job)\b|\b(vous|te) (offrons|offrir|"
                r"confirmons)( {_W})? (le|ce|un|une|notre|votre) (poste|contrat|cdi|cdd|emploi|"
                r"embauche)\b|\b(vous|te) (proposons|proposer)( {_W})? (le|ce|notre) (poste|"
                r"contrat|cdi|cdd|emploi)\b",
            ),
            (
                0.93,
                r"\b(offrirle|offrirti|offrirvi|proporle|proporti)( {_W}){0,2} (la|il|un|"
                r"una|questa|questo) (posizione|ruolo|contratto|lavoro|impiego|posto)\b|\bofferta "
                r"di (lavoro|assunzione|impiego)\b|\b(oferecer-lhe|oferecer-te|lhe oferecer|te "
                r"oferecer|oferecemos-lhe)( {_W}){0,2} (a|o|uma|um) (vaga|cargo|"
                r"posição|função|contrato|lugar)\b|\bproposta (formal )?de (emprego|trabalho|"
                r"contratação)\b|\bbieden( we| wij| ik)? (je|jou|u)( graag)? (de|een|deze) "
                r"(functie|"
                r"positie|baan|rol|arbeidsovereenkomst|contract|vaste aanstelling|aanstelling)\b|"
                r"\b(de functie|de positie|de "
                r"baan|de rol|deze functie|deze positie|deze baan|deze rol)( {_W}){0,4} (aanbieden|"
                r"aan te bieden)\b|\b(ons aanbod|je aanbod|jouw aanbod|uw aanbod|ons "
                r"contractaanbod|ons arbeidsvoorwaardenvoorstel) (voor|als)\b|\b(contratto|"
                r"lettera di assunzione|lettera di offerta|offerta di lavoro)\b.{0,40}\ballegat",
            ),
            (
                0.94,
                r"\b(would|'d) like to offer you (the|a|this|our)( (?!interview|chance|slot|call)"
                r"{_W}){0,4} (position|role|job|post)\b",
            ),
            (
                0.9,
                r"\b(love|like|want) (for )?you to (be|become|join) (our|the) (next|new)\b|\b(been "
                r"selected|been chosen|selected|chosen) for the( (?!interview|next|final|round|"
                r"stage){_W}){0,4} (job|"
                r"role|"
                r"position|post)\b",
            ),
            (
                0.93,
                r"\b(confirm|confirming) your appointment (as|to the (role|post|position))\b",
            ),
            (
                0.92,
                r"\b(want|like|love|excited|thrilled|happy) to (bring|have|welcome) you (on|on "
                r"board|aboard|onto the team|into the team) as\b",
            ),
            (
                0.92,
                r"\b(attached|enclosed)( {_W}){0,3} (our|your|the) (formal |written |official )?"
                r"offer\b|\b(our|the) offer for (the|this) (role|position|job)\b",
            ),
            (
                0.94,
                r"\b(move forward|moving forward|proceed|go ahead) with (an|the|a) (formal |verbal "
                r"|written )?offer\b",
            ),
            (
                0.9,
                r"\byour first day (is|will be)\b|\byour start date (is|will be)\b|\b(glad|happy|"
                r"thrilled|delighted) (that )?you (said yes|accepted|have accepted|'ve accepted)",
            ),
            (
                0.9,
                r"\b(queremos|nos gustaría|nos encantaría) que (te unas|formes parte|se una|forme "
                r"parte)\b",
            ),
            (
                0.88,
                r"\b(job|employment) offer\b|\bvotre embauche\b|\bcontrat de travail\b|\blettre "
                r"d'offre\b",
            ),
            (0.93, r"\bfür (sie|dich)(?<!nicht für sie)(?<!nicht für dich) entschieden"),
            (
                0.9,
                r"\b(love|like|want|thrilled|excited|happy|delighted) to have you (join|on board|"
                r"aboard|on the team|as (our|a|an))",
            ),
            (
                0.93,
                r"\bangebot\b.{0,80}\b(unterbreiten|zukommen lassen)\b|\b(unterbreiten|machen) "
                r"(ihnen|dir) (gerne |gern |hiermit )?(ein|unser) (angebot|vertragsangebot)",
            ),
            (0.9, r"\b(verbal|written|formal|official|conditional|final) (job )?offer\b"),
            (
                0.9,
                r"\b(accept|accepting|sign|signing|countersign|return) (the|this|our|your) (signed "
                r")?(employment |work )?(offer|contract|employment agreement)",
            ),
            (
                0.92,
                r"\bhas sido seleccionad[oa] para (el|la) (puesto|posición|plaza)|\bbienvenid[oa] "
                r"al equipo|\bwillkommen im team\b",
            ),
            (
                0.96,
                r"\b(pleased|delighted|happy|thrilled|excited|glad|honoured|honored) to (extend|"
                r"offer|"
                r"make|present|confirm)( {_W}){0,2} (an? |the |our )?(formal |verbal |written |"
                r"official |conditional )?(offer|position|role|job)",
            ),
            (
                0.95,
                r"\b(pleased|delighted|happy|thrilled|excited|glad|honoured|honored|pleasure) to "
                r"(offer|"
                r"extend) you( (?!interview|call|chat){_W}){0,5} (offer|position|role|job|post)\b",
            ),
            (0.95, r"\boffer (letter|of employment|package|details|terms|paperwork|documents)\b"),
            (
                0.93,
                r"\b(extend|extending|make|making|send|sending|attached is) (you )?(an|a|the|"
                r"your) (formal |verbal |written |official |conditional )?offer\b",
            ),
            (
                0.94,
                r"\b(would|'d) like to (extend|make|offer)( you)? (an? |the |this |our )?(formal |"
                r"verbal |written |official |conditional |job )?(offer|position|role|job)\b",
            ),
            (
                0.93,
                r"\b(job|role|position|offer)('s| is) yours\b|\byou('ve| have)? (got|landed|been "
                r"selected for|been chosen for) the (job|role|position)\b",
            ),
            (
                0.93,
                r"\byour (job |employment |formal |written |official |verbal )?offer (from|is "
                r"ready|letter|documents?|paperwork|package|details|of employment|is attached|is "
                r"waiting|awaits|is available)",
            ),
            (
                0.9,
                r"\b(want|wants|would love|'d love|would like|'d like) (to have )?you on board\b|"
                r"\byou to join (the team|our team|us) as\b",
            ),
            (
                0.93,
                r"\bcongratulations.{0,80}(offer|join(ing)? (the|our) team|welcome (to|aboard))",
            ),
            (0.9, r"\bwelcome (aboard|to the team)\b"),
            (0.95, r"\b(vertragsangebot|arbeitsvertrag)|\bfreuen uns.{0,60}(angebot|zusage)"),
            (
                0.94,
                r"\b(freuen|freue) (uns|mich|wir uns|ich mich)\b.{0,100}\b(anbieten|anzubieten)\b",
            ),
            (
                0.95,
                r"\bproposition d'embauche|\bpromesse d'embauche|\bavons le plaisir de vous "
                r"(offrir|proposer (le|ce) poste)",
            ),
            (
                0.94,
                r"\b(plaisir|heureux|heureuse|ravis|ravie|ravi) de vous (faire une (offre|"
                r"proposition)|proposer (le|ce) poste|offrir (le|ce) poste)",
            ),
            (0.95, r"\boferta (de trabajo|formal|laboral)|\bnos complace ofrecerle"),
            (
                0.94,
                r"\bofrecer(te|le|les)? (el|la|un|una) (puesto|posición|plaza|contrato|oferta)|"
                r"\bcarta (de )?oferta",
            ),
        ),
    ),
    (
        MailKind.INVITATION,
        _phrases(
            # Frames: an interview proposed, moved or confirmed, in every language read.
            (
                0.9,
                r"\b(suit|suits|convenient) (for )?you (for|to have|to "
                r"do) (a|an|the|our|your)( {_W}){0,3} (call|conversation|chat|interview|meeting|"
                r"session|screen|round|visit|onsite)\b",
            ),
            (
                0.9,
                r"\b(now takes place|will now take place|now take place)\b|\btakes place on a "
                r"(different|new) (date|day|time)\b|\b(updated|new|revised) (time|date|"
                r"slot) (is|will be)\b|^updated:? your (interview|call|meeting)",
            ),
            (
                0.92,
                r"\b(gespräch|vorstellungsgespräch|kennenlerngespräch|telefonat|termin|"
                r"videocall|austausch)\w*\b.{0,60}\b(einladen|verschieben|verlegen)\b",
            ),
            (
                0.92,
                r"\b(nodigen|nodig)( {_W}){0,3} uit\b|\buitnodig(en|ing) (voor|tot)\b|\b(gesprek|"
                r"sollicitatiegesprek|kennismakingsgesprek)\w*\b.{0,60}\b(inplannen|"
                r"plannen|verzetten)\b",
            ),
            (
                0.92,
                r"\b(invitarla|invitarti|invitarvi|invitare|convocarla|convocarti)\b( {_W}){0,3} "
                r"(a|per|al|ad)\b.{0,40}\b(colloquio|intervista|incontro|chiamata|videochiamata|"
                r"call)|\bcolloquio\b.{0,60}\b(disponibilità|fissare|organizzare|programmare|"
                r"spostare)|\b(fissare|organizzare|programmare|concordare) (un|il|una)( {_W})? "
                r"(colloquio|incontro|intervista|chiamata|videochiamata)\b|\b(marcar|agendar|"
                r"combinar) (uma|a|um|o)( {_W})? (entrevista|conversa|reunião|chamada)\b|"
                r"\bbeschikbaar\b.{0,40}\b(gesprek|sollicitatiegesprek|kennismakingsgesprek|"
                r"interview|videogesprek)|\b(convidá-lo|convidá-la|convidar|convidamos|convidar-te|"
                r"convidá-los)"
                r"\b.{0,40}\b(entrevista|conversa|reunião|chamada)|\bentrevista\b.{0,60}\b("
                r"disponibilidade|agendar|marcar|remarcar)|\b(remarcar|reagendar|adiar|mudar) "
                r"(a|o|nossa|nosso|sua|seu)( {_W})? (entrevista|conversa|reunião|chamada)\b",
            ),
            (
                0.87,
                r"\bhow (does|do|would|will) (monday|tuesday|wednesday|thursday|friday|tomorrow|"
                r"next "
                r"week|that|this)( {_W}){0,4} (look|sound|work|suit)\b",
            ),
            (
                0.87,
                r"\bwhich (would you prefer|works (better|best)|suits you)|\b(has|have) (a|some) "
                r"(slot|slots|time|window|opening|openings) (on|at|this|next|tomorrow)\b",
            ),
            (
                0.88,
                r"\b(would|'d) (like|love) to have (a|an)( {_W}){0,2} (conversation|chat|call|"
                r"interview|meeting)\b|\b(does|would|will|do) (monday|tuesday|wednesday|thursday|"
                r"friday|tomorrow|next week|either)( {_W}){0,3} (work|suit)\b",
            ),
            (
                0.88,
                r"\b(chat|call|interview|meeting|conversation|screen)( {_W}){0,2} (on|at|to) "
                r"(monday|"
                r"tuesday|wednesday|thursday|friday|tomorrow)( {_W}){0,3} instead\b|\b(sie|dich)\b"
                r".{0,60}\b(begrüßen|empfangen) zu (dürfen|können)",
            ),
            (
                0.88,
                r"\b(find|grab|book|set aside|schedule|carve out|pencil in) (\d+|fifteen|twenty|"
                r"thirty|"
                r"forty-five|sixty|a few|some) min(ute)?s\b|\b(put|placed|sent|added) (a )?(hold|"
                r"placeholder|invite|invitation) (in|on|to|for) your (calendar|diary)",
            ),
            (
                0.9,
                r"\b(can|could) we (start|begin|do|move|push|shift|have) (the|our|your|this)"
                r"( {_W}){0,2} (interview|call|chat|meeting|conversation|screen)\b|\b(pourrions|"
                r"pouvons|pourriez|pouvez)-(nous|vous) (faire|organiser|prévoir|avoir) (un|une) "
                r"(visio|appel|échange|entretien|point)",
            ),
            (
                0.88,
                r"\b(would|do|will) you have (time|a moment|some time|a few minutes)( {_W}){0,3} "
                r"(for|to)\b|\b(könnten|können|wollen|würden|sollen) wir( {_W}){0,5} (telefonieren|"
                r"sprechen|treffen)\b",
            ),
            (
                0.9,
                r"\bthrough to the (next|final|second|third|last|technical|onsite|on-site|panel)"
                r"( {_W})? (round|stage|step|interview)",
            ),
            (
                0.9,
                r"\b(organiser|planifier|fixer|programmer) (un|une|le|notre)( {_W})? (entretien|"
                r"rendez-vous|échange)|\b(vos créneaux|créneaux) disponibles\b|\b(hicieras|hagas|"
                r"tengas|"
                r"realices|realizar|hacer|tener) una entrevista",
            ),
            (
                0.88,
                r"\bpasst (ihnen|dir|es ihnen|es dir)\b|\b(te|le) (parece bien|viene bien|va bien|"
                r"vendría bien)"
                r"\b|\b(lunes|martes|miércoles|jueves|viernes|mañana)\b.{0,60}\b(entrevista|"
                r"llamada|videollamada|reunión)\b",
            ),
            (
                0.9,
                r"\binvited to the following event\b|\breminder:? (of )?your (upcoming )?"
                r"(interview|call|screen)|\byour upcoming (interview|call|screen)\b",
            ),
            (
                0.88,
                r"\bnext (step|stage|round|up) (is|will be|would be) (a|an|the|your)( {_W}){0,3} "
                r"(interview|"
                r"panel|call|screen|chat|"
                r"conversation|assessment|onsite|meeting)",
            ),
            (
                0.85,
                r"\bwhen (works|suits|would work|would suit|is good|is best)( best)?( for)? you\b|"
                r"\b(hop|jump|"
                r"get) on a( {_W}){0,2} (call|zoom|video call|phone call)",
            ),
            (
                0.9,
                r"\b(wählen|buchen|vereinbaren) sie (einen|ihren) (termin|wunschtermin)|\btermin "
                r"(vereinbaren|buchen|auswählen)|\b(confirmons|confirme|confirmer) (notre|votre|l'|"
                r"l’) ?(entretien|"
                r"rendez-vous)|\b(confirmamos|confirmar|confirmarte) (la|tu|su) entrevista",
            ),
            (
                0.88,
                r"\b(can|could|would) you (do|make|join|hop on|jump on|take)( {_W}){0,5} (call|"
                r"screen|chat|interview|meeting|video call|phone call|zoom)\b",
            ),
            (
                0.88,
                r"\b(get|bring|have) you in (front of|to meet)\b|\b(monday|tuesday|wednesday|"
                r"thursday|friday|tomorrow)( {_W}){0,3} or (monday|tuesday|wednesday|thursday|"
                r"friday|tomorrow)( {_W}){0,3}\?",
            ),
            (
                0.9,
                r"\b(schedule|book|arrange|set up|confirm) your( {_W}){0,2} (interview|call|"
                r"screen|chat|onsite|meeting|conversation)\b",
            ),
            (
                0.88,
                r"\b(interview|call|screen|meeting) (is|will be) (on|at|for|scheduled|set)\b|"
                r"\b(a few|some|three|two|several) (time )?(options|slots|times) (for|below|"
                r"that)\b",
            ),
            (
                0.87,
                r"min(?<=[\d -]min)(ute)?s?\b( {_W}){0,2} "
                r"(call|chat|conversation|interview|screen|video|phone)",
            ),
            (
                0.88,
                r"\b(hätten|haben|hast|hättest) (sie|du)( {_W}){0,3} (am (montag|dienstag|mittwoch|"
                r"donnerstag|freitag)|morgen|heute|übermorgen)( {_W}){0,3} zeit\b",
            ),
            (
                0.9,
                r"\b(aimerions|souhaiterions|voudrions|souhaitons|aimerais|souhaiterais) (vous )?"
                r"(rencontrer|échanger|convier|inviter|entretenir|faire passer|organiser)|"
                r"\b(ravis|ravie|ravi|heureux|heureuse|heureuses) de vous (rencontrer|recevoir|"
                r"inviter|convier)",
            ),
            (
                0.88,
                r"\b(podrías|podría|puedes|puede|te viene bien|le viene bien)( {_W}){0,3} (una )?"
                r"(llamada|videollamada|entrevista|reunión|charla)|\b(videollamada|llamada|"
                r"entrevista|reunión)\b.{0,40}\b(lunes|martes|miércoles|jueves|viernes|mañana)\b",
            ),
            (
                0.93,
                r"\binvit(e|ing) you( {_W}){0,2} (to|for) (an?|the|your|our|a second|a final|a "
                r"follow-up)?( {_W}){0,3} ?(interview|call|conversation|chat|meeting|onsite|"
                r"on-site|screen|visit|assessment)",
            ),
            (
                0.93,
                r"\binvited (you )?(to|for) (an?|the|your|our|complete|take|attend|join)( {_W})"
                r"{0,3} ?(interview|call|conversation|chat|meeting|onsite|on-site|screen|"
                r"assessment)",
            ),
            (
                0.92,
                r"\b(would|'d) (like|love) to (invite|schedule|arrange|set up|book|meet|speak|"
                r"chat|talk|walk through|go through|walk you through)",
            ),
            (
                0.92,
                r"\b(would|'d) like you to (come in|come to|come by|come over|interview|meet|join "
                r"us for|speak|talk|visit|take part)",
            ),
            (
                0.93,
                r"\b(interview|call|meeting|conversation|chat|screen)( {_W}){0,4} (is|has been|"
                r"was|are|have been) (now )?(scheduled|confirmed|booked|rescheduled|moved|changed|"
                r"set)",
            ),
            (
                0.92,
                r"\breschedul(e|ed|ing)\b",
            ),
            (
                0.9,
                r"\b(push|move|shift|bump|switch|change|postpone) (back )?(our|the|your|"
                r"tomorrow's|today's|this|my|that)( {_W}){0,2} (call|interview|chat|meeting|"
                r"conversation|"
                r"screen|session|slot)",
            ),
            (
                0.9,
                r"\b(have you in|have you come in|have you over|meet you|see you) (for|at) (the|"
                r"an?|our)( {_W}){0,2} (onsite|on-site|interview|visit|chat|office|conversation|"
                r"round|call|meeting|panel)",
            ),
            (
                0.85,
                r"\bwould (monday|tuesday|wednesday|thursday|friday|the \d+\w*)\b.{0,40}\bwork( "
                r"for you)?\b",
            ),
            (
                0.88,
                r"\b(are|would|will) you (be )?(free|available|around)( {_W}){0,2} (for|on|at|"
                r"this|next|tomorrow|today|monday|tuesday|wednesday|thursday|friday|to (meet|speak|"
                r"talk|chat|interview|join|come))\b",
            ),
            (
                0.88,
                r"\b(are|would|will) you (be )?(up for|free for|available for|open to|keen on) "
                r"(a|an)( {_W}){0,2} (call|chat|interview|meeting|conversation)\b",
            ),
            (
                0.88,
                r"\bwhen (are|would|will) you (be )?(free|available)|\bwhat (times?|days?|dates?) "
                r"(work|works|would work|suit|suits)|\bwhat does your (calendar|schedule|week|"
                r"availability) look like",
            ),
            (
                0.9,
                r"\b(share|send|let me know|let us know|provide|tell us|confirm|submit|give|"
                r"indicate|"
                r"enter)( \w+){0,2} (your )?availability",
            ),
            (
                0.9,
                r"\b(pick|choose|select|book|grab|find|set up|arrange|schedule) (a|the|your|an|"
                r"some)( (?!in\b)\w+){0,2} (time|slot|date)",
            ),
            (
                0.9,
                r"\b(let's|let us|can we|could we|want to|like to|love to|please|time to|ready to)"
                r" (schedule|set up|arrange|book|organi[sz]e|line up) (a|an|your|the|our|some|"
                r"next)( {_W}){0,3} (interview|call|chat|conversation|meeting|screen|onsite)",
            ),
            (
                0.9,
                r"\b(sent|send|sending|resent|resend|forwarded|issued|updated) (you )?((over|"
                r"across|out) )?(a|an|the|your)( {_W}){0,2} (calendar )?(invite|invitation)\b",
            ),
            (
                0.88,
                r"\b(calendly|goodtime|modernloop|youcanbook)\b|\b(scheduling|booking) link\b|"
                r"\bself-schedul",
            ),
            (
                0.9,
                r"\b(come in|come by|come over|join us|pop in|stop by)( {_W}){0,3} (for|on|at) "
                r"(a|an|the|our|your)( {_W}){0,2} "
                r"(interview|round|chat|meeting|conversation|visit|onsite|panel)",
            ),
            (0.9, r"^invitation: |^updated invitation|\binterview (invitation|confirmation)\b"),
            (
                0.9,
                r"\binvitation to (an? |the |your )?({_W} ){0,2}(interview|call|chat|meeting|"
                r"assessment|screen)|\binterview (request|invite|scheduling)\b",
            ),
            (
                0.88,
                r"\b(next|second|final|technical|onsite|on-site|panel) (round|stage|"
                r"interview)\b.{0,80}\b(schedule|invite|availability|time|slot|join)",
            ),
            (
                0.9,
                r"\b(move|moving|moved|advance|advancing|advanced|progress|progressing|progressed"
                r"|invite|inviting|invited)( you)?( forward)? to (the|a|our) (next|second|final|"
                r"technical|onsite|on-site|panel|third|last|following)( {_W})? (round|stage|step|"
                r"interview)",
            ),
            (
                0.93,
                r"\beinladung (zu|zum)|\b(laden|möchten) (sie|dich)( {_W}){0,4} (ein|einladen)\b|"
                r"\b(möchten|würden|wollen) (sie|dich) (gerne |gern )?zu (einem|einer|unserem)"
                r".{0,80}\beinladen\b",
            ),
            (
                0.92,
                r"\b(sie|dich) (gerne |gern |persönlich |näher |besser )*kennen(zu)?lernen\b|"
                r"\bterminvorschl|\bwann (hätten|"
                r"haben) sie zeit|\b(termin|gespräch|interview) (verschieben|verlegen)",
            ),
            (0.93, r"\bvous (inviter|convier) (à|a) (un|une)|\bconvocation (à|a) un entretien"),
            (
                0.92,
                r"\b(entretien|rendez-vous)\b.{0,80}\b(disponible|disponibilités|créneau|"
                r"convenir|planifier|organiser|fixer)|\bvos disponibilités|\b(seriez|êtes)-vous "
                r"(libre|disponible)|\b(seriez|êtes)-vous "
                r"disponible|\b(proposer|proposons|propose) (un|une) (entretien|rendez-vous|"
                r"échange|visio|appel)\b|\b(reporter|"
                r"décaler|déplacer) (notre|l'|votre|le) ?(entretien|rendez-vous)",
            ),
            (0.93, r"\binvitarle a una entrevista|\bagendar una entrevista"),
            (
                0.92,
                r"\bentrevista\b.{0,80}\b(disponibilidad|agendar|programar|coordinar|horario)|"
                r"\b(disponibilidad|horario)\b.{0,80}\bentrevista|\b(qué|tu|su) disponibilidad|"
                r"\b(conocerte|conocerle|entrevistarte|entrevistarle)\b|\b(ofrecerte|ofrecerle|"
                r"proponerte|invitarte) (a )?una entrevista|\breprogramar",
            ),
        ),
    ),
)

#: Sentences that only suppose: they say what would happen, not what did. A courtesy at the
#: end ("…if you want it", "…if you are interested") does not make a sentence a supposition.
_SUPPOSING_AT_START = re.compile(
    r"^(\W*)(if|should|in the event|in case|whether|unless|once|when|where|as soon as|falls|"
    r"sollten|si|en caso|we will let you know if|we'll let you know if|if so|sofern|"
    # Dutch, Italian and Portuguese "if", each with what follows it: "als" alone is German's
    # "as", and "se" Spanish's "se ha cubierto". One group, not another "^(\W*)…": each line
    # is tried against it.
    r"als (je|jij|u|uw|jouw|we|wij|er)|indien|mocht|mochten|zodra|qualora|nel caso|se (non|"
    r"lei|la sua|il suo|dovesse|você|voce|a sua|o seu|não|for|tiver)|caso (você|a sua|o seu|"
    r"não|seja))\b"
    # "When would suit you?" asks; it supposes nothing.
    r"(?<!when)(?<!where)|^(\W*)(when|where)\b(?![^\n]*\?$)"
    # Advice about the search in general, as newsletters and guides give it.
    r"|^(\W*)how to\b"
)
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\n+")


@attrs.frozen
class _Marker:
    """A pattern searched only in a text holding one of ``words``: every match holds one (a test
    checks it), and an ``in`` is far cheaper than a search."""

    words: tuple[str, ...]
    pattern: re.Pattern[str]

    def search(self, text: str) -> bool:
        return any(word in text for word in self.words) and self.pattern.search(text) is not None


def _marker(words: str, pattern: str) -> _Marker:
    return _Marker(tuple(words.split(",")), re.compile(pattern.replace("{_W}", _W), re.MULTILINE))


#: Sentences that only suppose, told from within: "…we will contact you if your profile matches",
#: advice in general, candidates or employers spoken of as a class.
_SUPPOSING_WITHIN = _marker(
    "if ,should ,unless ,what to do,how to,companies,employers,recruiters,hiring managers,"
    "applicants,candidates,those ,anyone ,als je,als jij,als u,als uw,als jouw,als we,als wij,"
    "als er,indien,mocht je,mocht u,mochten we,zodra,qualora,nel caso,se non,se lei,se la sua,"
    "se il suo,se dovesse,se você,se voce,se a sua,se o seu,se não,caso você,caso a sua,"
    "caso o seu,caso não,caso seja,si nous,si vous,si votre,si jamais,si tu,si su,si no,"
    "si usted,falls wir,falls sie,falls ihre,falls ihr,falls du,falls es,sofern wir,sofern sie,"
    "sofern ihre,sollten wir,sollten sie",
    # "Would you mind if we moved our chat to Friday?" asks, and "…if you want it" is a courtesy.
    r"\b(if|should|unless)(?![^\n]*\?$) (?!you (want|'d like|would like|like|wish|accept|"
    r"agree|are (still )?(interested|available|free))\b)(we|you|your|the|our)\b.{0,60}$"
    # The same in the other languages read, each "if" with the words that follow it (a lone
    # "se" or "si" is in too many words to look for).
    r"|\b(als je|als jij|als u|als uw|als jouw|als we|als wij|als er|indien|mocht je|mocht u|"
    r"mochten we|zodra|qualora|nel caso|se non|se lei|se la sua|se il suo|se dovesse|se você|"
    r"se voce|se a sua|se o seu|se não|caso você|caso a sua|caso o seu|caso não|caso seja|"
    r"si nous|si vous|si votre|si jamais|si tu|si su|si no|si usted|falls wir|falls sie|"
    r"falls ihre|falls ihr|falls du|falls es|sofern wir|sofern sie|sofern ihre|sollten wir|"
    r"sollten sie)\b(?![^\n]*\?$)(?![^\n]{0,30}\b(disponibles?|disponibile|beschikbaar|"
    r"disponível|zeit haben|interessiert|intéressée?|interesad[oa]|interessat[oa]|"
    r"geïnteresseerd|interessad[oa]|d'accord|einverstanden|akkoord|de acuerdo|souhait\w*|"
    r"wens\w*|wilt|desider\w*|desej\w*|quier\w*|wünsch\w*|möchten)\b).{0,60}$"
    r"|\bwhat to do (when|if|after)\b|\bhow to (respond|handle|deal|react|negotiate|ask|prepare|"
    r"write|answer|follow up|cope)\b"
    r"|\b(why|how|when) (companies|employers|recruiters|hiring managers)\b|\b(many|most|some) "
    r"(companies|employers)\b|\b(companies|employers|recruiters|hiring managers) (often |"
    r"usually |sometimes |typically )?(have|are|say|report|tell|write|use)\b"
    # Not "we…", "you…": candidates as a class, as an acknowledgement speaks of them.
    r"|\b(successful|unsuccessful|shortlisted|selected) (applicants|candidates) (will|are|who|"
    r"must|may|should)\b"
    r"|\b(candidates|applicants|those|anyone) (who|that) (are|were|have|do|did|will)( not|n't|"
    r" not be| no longer)\b",
)
#: An offer refused, or someone else's offer: no offer to the job seeker.
_NEGATED_OFFER = _marker(
    "not,n't,unable,never,other,competing,outside,elsewhere,congratulations,offer to,anderes,"
    "anderen,autre offre,otra oferta,ander aanbod,altra offerta,outra proposta,outra oferta",
    r"(\b(unable|not able|cannot|not in a position|not|won't|never)\b|n't)( be| been)?( able)?"
    r"( to)? (offer|extend|make|present)|(\bnot|n't) (be )?(able to )?(move|moving|proceed|go)"
    r" (forward|ahead) with (an|the|a) offer|\b(other|another|competing|outside)( job)? offer|"
    r"\boffer "
    r"(elsewhere|from another)|\bcongratulations on (your|the) (other|new)\b|\boffer to "
    r"(another|a different|someone|an internal|an external|the other|one of the other)\b"
    # Someone else's offer in the other languages read.
    r"|\b(anderes|anderen) (angebot|jobangebot|stellenangebot)|\bautre offre\b|\botra oferta\b|"
    r"\bander aanbod\b|\baltra offerta\b|\boutra (proposta|oferta)\b",
)
#: A question of yes or no asks whether something happened ("Have you heard whether they went
#: with someone else?"); it tells nothing of it.
_ASKED = _marker(
    "?",
    r"^\W*(have|has|had|did|do|does|is|are|was|were|will|would|could|can|should|any news|"
    r"heard)\b[^\n]*\?$",
)
#: An apology for the wait is not a position put on hold.
_APOLOGY = _marker(
    "delay,wait,patience",
    r"\b(sorry|apolog\w*|thanks?|thank you)\b.{0,30}\b(delay|wait|patience)",
)
#: An interview called off is not a position called off.
_CALL_CANCELLED = _marker(
    "cancel", r"\b(interview|call|meeting|appointment|screen|session)s?\b.{0,60}\bcancel"
)
#: An application the job seeker withdrew is not a position withdrawn.
_WITHDRAWN_BY_YOU = _marker(
    "withdr,as you requested",
    r"\byour (application|candidacy)\b.{0,60}\bwithdr|\bwithdr\w* (your|my) (application|"
    r"candidacy)|\bas you requested\b",
)
#: A parcel, a flight or a doctor's appointment moved is no interview moved.
_NOT_AN_INTERVIEW = _marker(
    "delivery,parcel,package,flight,appointment,webinar,meetup,booking,reservation,dinner,drinks",
    r"\b(delivery|parcel|package|flight|appointment|webinar|meetup|booking|reservation|dinner|"
    r"drinks)\b(?<!interview appointment).{0,40}\b(reschedul|moved|changed|postponed)|"
    r"\b(reschedul|moved|changed|postponed)\w*( {_W}){0,3} (delivery|parcel|package|flight|"
    r"appointment|webinar|meetup|booking|reservation|dinner|drinks)\b",
)
#: Mail sent to many (alerts, newsletters, promotions) tells nothing about one application,
#: however many of the classes' words it holds.
_BULK = _marker(
    "this issue,this edition,this week's,job alert,jobs for,job for,you might like,similar jobs,"
    "similar roles,similar positions,recommended,new jobs,new roles,receiving this,manage your,"
    "manage alerts,manage subscriptions,manage email,manage notifications,reviews,webinar,"
    "newsletter,neue jobs,jobmail,nouvelles offres,alerte,nuevas ofertas,ofertas de empleo,"
    "signs,tips,ways,reasons,mistakes,this week we,special offer,offer ends,% off,promo code,"
    "view this email,view in browser,download,free ,nieuwe vacatures,vacatures voor,nuove offerte,"
    "offerte di lavoro,novas vagas,vagas para,vagas recomendadas,"
    "view in your,"
    "stop receiving,update your preferences,received this,picks for you,interested in these,"
    "be interested in,update your,apply now,easy apply",
    r"^\W*(in )?this (week's )?(issue|edition)\b|\b(?<!create )(?<!set up )job alerts?\b|\bjobs? "
    r"(for you|you might like)\b|\bsimilar (jobs|roles|positions)\b|\brecommended (jobs|roles|"
    r"for you)\b|\bnew (jobs|roles) (matching|for|in|near)\b|\b(you're|you are) receiving this"
    r"\b|\bmanage (your )?(alerts|subscriptions|email preferences|notifications)\b|\bread (all|"
    r"more) reviews\b|\bwebinar\b|\bnewsletter\b|\bneue jobs\b|\bjobmail\b|\bnouvelles offres"
    r"\b|\balertes? (e-?mail|emploi)\b|\bnuevas ofertas\b|\bofertas de empleo\b|\bspecial offer"
    r"\b|\b(\d+|three|four|five|six|seven|ten) (signs|tips|ways|reasons|mistakes) (you|to|for|"
    r"that|your)\b|\bthis week we\b|\boffer ends\b|\b\d+% off\b|\bpromo code\b|\bview (this email "
    r")?in (your "
    r")?browser\b|"
    r"\bto stop receiving\b|\bupdate your (email )?preferences\b|\breceived this (email|message) "
    r"because\b|\b(top )?picks for you\b|\b(may|might) be interested in (these|this|the following)"
    r"\b|\b(apply now|easy apply)\b|\b(download|free)( {_W}){0,4} templates?\b"
    r"|\bnieuwe vacatures\b|\bvacatures voor (jou|u)\b|\bnuove offerte\b|\bofferte di lavoro\b|"
    r"\bnovas vagas\b|\bvagas (para (você|voce|ti)|recomendadas)\b",
)
#: A recruiter writing about a role the job seeker has not applied for: no invitation to an
#: interview for an application, and no offer.
_OUTREACH = _marker(
    "came across,on behalf of,recruiting for,hiring for,caught,stood out,open to,working with,"
    "client,fast-growing,fast growing,well-funded,stealth,series ,profil,perfil,linkedin,xing,"
    "auftrag,je me permets,pour le compte,namens,per conto,profiel",
    r"\bcame across your (profile|cv|resume|background|linkedin|portfolio|experience)\b|\bon "
    r"behalf of (a|an|my|our) (client|partner)\b|\b(i'm|i am|we're|we are) (currently )?"
    r"(recruiting|hiring) for (a|an|another|one of)\b|\byour (profile|background|experience) "
    r"(caught|stood out)\b|\bopen to (new|exploring|hearing about)( {_W}){0,2} (opportunit|"
    r"role)|\b(i'm|i am|we're|we are) (currently )?working with (a|an)\b|\b(my|our|a) client\b|"
    r"\b(a|an) (fast-growing|fast growing|well-funded|stealth|series [a-d])\b"
    # The same in the other languages read.
    r"|\b(auf ihr|auf dein|über ihr|über dein) (profil|linkedin|xing)\b|\b(im auftrag) "
    r"(eines|unseres|unserer) (kunden|mandanten|klienten)\b|\b(je me permets) de vous "
    r"(contacter|écrire)\b|\b(pour le compte) (d'un|d'une|de notre|de mon) client|\b(he visto "
    r"tu|he visto su|vi tu|vi su|vi o seu|vi o teu|encontré tu|encontré su|encontrei o seu|"
    r"encontrei o teu|ho visto il suo|ho visto il tuo|ho notato il suo|ho notato il tuo) (perfil|"
    r"profilo)\b|\b(kwam|zag) (je|jouw|uw) profiel\b|\bnamens een (klant|opdrachtgever)\b|"
    r"\b(per conto) di (un|una|un nostro) client",
)


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
    # A long subject arrives folded over header lines: one sentence all the same.
    found = [" ".join(mail.subject.split())]
    found += [s for s in map(str.strip, _split_sentences(mail.text)) if s]
    return found


def _normal_lines(sentences: list[str]) -> list[str]:
    """Each sentence :func:`_normal`; all at once when no sentence holds a line break (none
    does: the text is split at them and the subject unfolded, the check only keeps it so):
    nothing :func:`_normal` does spans or makes one."""
    if any("\n" in s for s in sentences):
        return [_normal(s) for s in sentences]
    return _normal("\n".join(sentences)).split("\n")


def _supposes(sentence: str) -> bool:
    return _SUPPOSING_AT_START.match(sentence) is not None or _SUPPOSING_WITHIN.search(sentence)


def _readable(lines: list[str], text: str, places: dict[str, list[int]]) -> list[str]:
    """The lines (a sentence each; ``text`` is them joined, ``places`` its words) that can say
    something: those that only suppose are left blank, and all of them in mail sent to many.
    ``lines`` itself when every line can."""
    if _marked(_BULK, text, places):
        return ["" for _ in lines]
    supposing = _supposing(lines, places)
    if not supposing:
        return lines
    return ["" if i in supposing else line for i, line in enumerate(lines)]


#: Sentences that, for one kind, say nothing; and what, anywhere in a message, makes the whole
#: message say nothing of that kind.
_UNSAID: dict[MailKind, tuple[_Marker, ...]] = {
    # A question first: the three kinds blank the same lines for it, found once (see _said).
    MailKind.ELIMINATED: (_ASKED, _CALL_CANCELLED, _WITHDRAWN_BY_YOU),
    MailKind.ON_HOLD: (_ASKED, _APOLOGY),
    MailKind.REJECTION: (_ASKED,),
    MailKind.OFFER: (_NEGATED_OFFER,),
    MailKind.INVITATION: (_NOT_AN_INTERVIEW,),
}
#: What a message must speak of for a kind to be said at all: "are you free Thursday at 7?" is
#: an invitation to an interview only in mail about a job ("…for dinner?", "your delivery has been
#: rescheduled" are not).
_NEEDED: dict[MailKind, _Marker] = {
    MailKind.INVITATION: _marker(
        "interview,call,chat,conversation,meeting,screen,onsite,on-site,role,position,job,"
        "application,candidacy,hiring,recruit,team,panel,manager,office,video,zoom,teams,phone,"
        "assessment,opportunit,gespräch,bewerbung,stelle,telefonat,termin,vorstellung,entretien,"
        "candidature,poste,échange,équipe,rendez-vous,appel,entrevista,candidatura,puesto,llamada,"
        "equipo,reunión,proceso,telefon,kennenlern,büro,cpo,cmo,chief,visio,cto,ceo,coo,cfo,"
        "founder,partners,"
        "director,head of,vp ,"
        "round,"
        "stage,step,final",
        "",
    ),
}
_WHOLLY_UNSAID: dict[MailKind, _Marker] = {
    MailKind.OFFER: _OUTREACH,
    MailKind.INVITATION: _OUTREACH,
}


#: Every marker :func:`_places` finds the words of.
_MARKERS = (
    _BULK,
    *_NEEDED.values(),
    *_WHOLLY_UNSAID.values(),
    *(marker for found in _UNSAID.values() for marker in found),
)


def _said(
    kind: MailKind,
    text: str,
    places: dict[str, list[int]],
    asked: list[tuple[str, dict[str, list[int]]]],
) -> tuple[str, dict[str, list[int]]]:
    """``text`` (a sentence a line) with the sentences that say nothing of ``kind`` blank, and
    the places of its words (``places`` are those of ``text``). ``asked`` holds ``text`` without
    its questions once a kind has looked for them (empty before): the kinds that leave them out
    share it, since finding a text's words again is slow."""
    whole = _WHOLLY_UNSAID.get(kind)
    needed = _NEEDED.get(kind)
    if (whole is not None and _marked(whole, text, places)) or (
        needed is not None and not _marked(needed, text, places)
    ):
        return "\n" * text.count("\n"), {}
    for marker in _UNSAID.get(kind, ()):
        if marker is _ASKED:  # first of its kinds' markers: "text" is the same for each
            if not asked:
                asked.append(
                    _without(marker, text, places) if _asks(text, places) else (text, places)
                )
            text, places = asked[0]
        elif _marked(marker, text, places):
            text, places = _without(marker, text, places)
    return text, places


def _without(
    marker: _Marker, text: str, places: dict[str, list[int]]
) -> tuple[str, dict[str, list[int]]]:
    """``text`` with the lines ``marker`` finds blank, and the places of its words."""
    text = "\n".join("" if marker.search(line) else line for line in text.split("\n"))
    return text, _places(text)


def _asks(text: str, places: dict[str, list[int]]) -> bool:
    """``_ASKED.search(text)``, ``places`` those of ``text``: only the lines that end with a
    question mark are tried (mail full of questions is common, a search of every line's start
    slow)."""
    for at in places.get("?", ()):
        if (at + 1 == len(text) or text[at + 1] == "\n") and _ASKED.pattern.match(
            text, text.rfind("\n", 0, at) + 1
        ):
            return True
    return False


def _excerpt(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= 160 else sentence[:157].rstrip() + "…"


#: Words one of which each phrase of a kind holds: a text with none of them is not searched
#: for that kind's phrases (most of a message's text is none of them, and a search is slow).
_GATES: dict[MailKind, tuple[str, ...]] = {
    MailKind.ELIMINATED: (
        "refilled",
        "scrapped",
        "axed",
        "exist",
        "approved",
        "deprioriti",
        "de-prioriti",
        "hiring plan",
        "headcount plan",
        "recruitment plan",
        "quedado",
        "queda",
        "opened",
        "go ahead",
        "required",
        "vacancy",
        "erledigt",
        "besetzen",
        "dropped",
        "decided to",
        "chosen",
        "scrap",
        "pull",
        "decision",
        "opted",
        "elected",
        "re-open",
        "reopen",
        "actualité",
        "cubrir",
        "cubrirá",
        "eliminat",
        "eliminad",
        "cancel",
        "withdrawn",
        "discontinu",
        "removed",
        "retired",
        "closed without",
        "cut",
        "scrapped",
        "axed",
        "redundant",
        "defunded",
        "hiring for",
        "recruiting for",
        "fill",
        "decided not to",
        "decided against",
        "proceed",
        "go ahead",
        "going ahead",
        "forward",
        "continu",
        "exists",
        "needed",
        "entirely",
        "altogether",
        "permanently",
        "clos",
        "withdr",
        "pulled",
        "headcount",
        "budget",
        "funding",
        "gestrichen",
        "besetzt",
        "entf",
        "supprim",
        "annul",
        "pourvu",
        "anulad",
        "suprimid",
        "cancelad",
        "cancellat",
        "annullat",
        "soppress",
        "geschrapt",
        "geannuleerd",
        "ingetrokken",
        "opgeheven",
        "vervalt",
        "vervallen",
        "copert",
        "preenchid",
        "ingevuld",
        "vervuld",
        "requisition",
    ),
    MailKind.ON_HOLD: (
        "pause",
        "parked",
        "shelved",
        "stop on",
        "stop to",
        "hold on",
        "pause on",
        "freeze on",
        "halt on",
        "pause to",
        "halt to",
        "freeze to",
        "hold to",
        "until",
        "recruiting",
        "moving forward",
        "proceeding",
        "continuing",
        "hiring",
        "freeze",
        "back burner",
        "stand-by",
        "standby",
        "reporté",
        "aplazad",
        "pospuest",
        "ruht",
        "verschoben",
        "on hold",
        "on pause",
        "on ice",
        "paus",
        "freez",
        "froz",
        "postpon",
        "delay",
        "indefinitely",
        "halt",
        "suspend",
        "hold",
        "temporarily",
        "auf eis",
        "ausgesetzt",
        "zurückgestellt",
        "gestoppt",
        "eingefroren",
        "einstellungsstopp",
        "en attente",
        "suspens",
        "en veille",
        "gelé",
        "congelad",
        "foreseeable",
        "pushed back",
        "gelons",
        "geler",
        "reportons",
        "sospes",
        "congelat",
        "rimandat",
        "rinviat",
        "adiad",
        "gepauzeerd",
        "stilgelegd",
        "uitgesteld",
        "bevroren",
        "stopgezet",
        "angehalten",
        "congelado",
        "pausado",
        "suspendido",
        "aplazado",
        "pospuesto",
        "detenido",
        "sospeso",
        "congelato",
        "rinviato",
        "rimandato",
        "suspendemos",
        "congelamos",
        "congelámos",
        "adiamos",
        "adiámos",
        "pausamos",
        "stil",
    ),
    MailKind.REJECTION: (
        "going with",
        "shortlist",
        "invite",
        "select",
        "gefallen",
        "level",
        "standard",
        "bar",
        "off",
        "better",
        "more closely",
        "closer",
        "more directly",
        "more relevant",
        "stronger",
        "preferred",
        "favored",
        "favoured",
        "went for",
        "opted for",
        "outcome",
        "news",
        "result",
        "decision",
        "mit einer",
        "mit einem",
        "poursuivrons",
        "continuerons",
        "retiendrons",
        "donnerons",
        "invited",
        "progressed",
        "taken forward",
        "internally",
        "internal",
        "next round",
        "next stage",
        "next step",
        "decantado",
        "way",
        "route",
        "keine",
        "one of the",
        "among the",
        "expectations",
        "hired for",
        "appointed for",
        "recruited for",
        "ajusta",
        "encaja",
        "no corresponde",
        "no cumple",
        "filled",
        "what the team",
        "file",
        "requirements",
        "needs",
        "criteria",
        "what we",
        "seat",
        "spot",
        "gegen",
        "optado",
        "decidido",
        "elegido",
        "apostado",
        "looking",
        "searching",
        "search",
        "no podremos",
        "no podríamos",
        "things",
        "matters",
        "this",
        " it ",
        "to not",
        "not to",
        "progressing",
        "ahead",
        "auswahl",
        "runde",
        "someone",
        "somebody",
        "gone to",
        "went to",
        "candidate",
        "interview",
        "call",
        "unable",
        "not able",
        "not in a position",
        "moving",
        "going",
        "proceeding",
        "anders",
        "anderen",
        "ausgewählt",
        "pouvoir",
        "pouvons",
        "pourrons",
        "pourrions",
        "regret",
        "aller plus loin",
        "lamentamos",
        "podemos",
        "vamos a",
        "pasado",
        "superado",
        "desestimad",
        "descartad",
        "persona",
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
        "decided against",
        "offer",
        "regret",
        "sorry",
        "successful",
        "selected",
        "shortlisted",
        "short-listed",
        "progressed",
        "chosen",
        "filled",
        "you",
        "fit",
        "match",
        "consider",
        "position",
        "role",
        "job",
        "at this",
        "in the next",
        "forward",
        "further",
        "else",
        "direction",
        "pass",
        "leider",
        "bedauer",
        "kandidat",
        "bewerber",
        "profil",
        "entschieden",
        "absage",
        "berücksichtig",
        "weiterverfolg",
        "fortsetz",
        "fortführ",
        "anderweitig",
        "keine",
        "suite",
        "retenu",
        "ne pas",
        "pas été",
        "correspond",
        "répond",
        "seleccionad",
        "elegid",
        "escogid",
        "perfil",
        "postulant",
        "no continuar",
        "no seguir",
        "no avanzar",
        "chose",
        "choose",
        "decided on",
        "settled on",
        "went with",
        "gone with",
        "go with",
        "picked",
        "appointed",
        "give",
        "gave",
        "given",
        "giving",
        "award",
        "a no",
        "work",
        "deren",
        "betracht",
        "frage",
        "einladen",
        "einzuladen",
        "pourvu",
        "ofrecer",
        "no seguimos",
        "no continuamos",
        "no avanzamos",
        "solicitud",
        "postulaci",
        "cubiert",
        "niet verder",
        "niet door",
        "gekozen voor",
        "kiezen voor",
        "niet uit",
        "niet geselecteerd",
        "ingevuld",
        "vervuld",
        "vergeven",
        "selezionat",
        "scelt",
        "ammess",
        "accolt",
        "copert",
        "perfi",
        "pessoa",
        "profissiona",
        "selecionad",
        "escolhid",
        "aprovad",
        "aceit",
        "preenchid",
        "seguir",
        "avançar",
        "continuar",
        "next",
        "short-list",
        "final",
        "onsite",
        "on-site",
        "panel",
        "retenir",
        "poursuivre",
        "continuer",
        "vous offrir",
        "vous proposer",
        "ne plus",
        "gekozen",
        "gegaan",
        "kiezen",
        "post",
        "among",
        "one of",
        "besetzt",
        "vergeben",
        "con la sua",
        "con la tua",
        "con il suo",
        "con il tuo",
        "la sua",
        "la tua",
        "il suo",
        "il tuo",
        "keuze",
        "you're",
        "you are",
        "hire",
        "hired",
        "hiring",
        "appoint",
        "promote",
        "promoted",
        "seleccionado",
        "escogido",
        "contratado",
        "optado por",
        "decidido por",
        "attribué",
        "confié",
        "offert",
        "didn't",
        "did not",
        "hasn't",
        "has not",
        "won't",
        "will not",
        "haven't",
        "have not",
        "weren't",
        "were not",
        "wasn't",
        "was not",
        "opportunit",
        "in behandeling",
        "offered",
    ),
    MailKind.OFFER: (
        "waiting",
        "awaits",
        "available",
        "offer you",
        "you to",
        "selected for",
        "chosen for",
        "contract",
        "your appointment",
        "bring you",
        "welcome you",
        "have you",
        "attached",
        "enclosed",
        "offer for",
        "first day",
        "start date",
        "said yes",
        "accepted",
        "que te unas",
        "formes parte",
        "se una",
        "forme parte",
        "contrat",
        "lettre d'offre",
        "entschieden",
        "hono",
        "pleasure",
        "to have you",
        "unterbreiten",
        "angebot",
        "sign",
        "accept",
        "return",
        "seleccionad",
        "bienvenid",
        "willkommen",
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
        "like to",
        "yours",
        "got the",
        "landed the",
        "selected for the",
        "chosen for the",
        "on board",
        "to join",
        "vertragsangebot",
        "arbeitsvertrag",
        "freuen uns",
        "anbieten",
        "anzubieten",
        "embauche",
        "avons le plaisir",
        "plaisir",
        "heureux",
        "heureuse",
        "ravi",
        "oferta",
        "nos complace",
        "ofrecer",
        "carta",
        "your hir",
        "you as",
        "you on the",
        "you on our",
        "you to join",
        "you to be",
        "you to become",
        "bieten",
        "offrons",
        "offrir",
        "proposons",
        "proposer",
        "confirmons",
        "offrirle",
        "offrirti",
        "offrirvi",
        "proporle",
        "proporti",
        "offriamo",
        "offerta di",
        "oferecer",
        "oferecemos",
        "proposta",
        "bieden",
        "aanbieden",
        "aan te bieden",
        "aanbod",
        "arbeidsvoorwaardenvoorstel",
        "allegat",
    ),
    MailKind.INVITATION: (
        "how does",
        "how do",
        "how would",
        "how will",
        "pencil in",
        "which would",
        "which works",
        "which suits",
        "slot",
        "window",
        "opening",
        "to have a",
        "to have an",
        "suit",
        "work",
        "instead",
        "begrüßen",
        "empfangen",
        "minutes",
        "calendar",
        "diary",
        "can we",
        "could we",
        "pourrions",
        "pouvons",
        "pourriez",
        "pouvez",
        "have time",
        "a moment",
        "some time",
        "a few minutes",
        "telefonieren",
        "sprechen",
        "treffen",
        "conversation",
        "panel",
        "vendría bien",
        "through to",
        "organiser",
        "planifier",
        "fixer",
        "programmer",
        "créneaux",
        "would suit",
        "passt",
        "seriez-vous",
        "êtes-vous",
        "parece bien",
        "va bien",
        "visio",
        "appel",
        "works",
        "suits",
        "is good",
        "is best",
        "termin",
        "zoom",
        "video",
        "you in",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "tomorrow",
        "your",
        "options",
        "slots",
        "times",
        "min",
        "zeit",
        "aimerions",
        "souhaiterions",
        "voudrions",
        "souhaitons",
        "aimerais",
        "souhaiterais",
        "podrías",
        "podría",
        "puedes",
        "puede",
        "viene bien",
        "llamada",
        "reunión",
        "terminvorschl",
        "invit",
        "like to",
        "love to",
        "like you",
        "schedul",
        "confirmed",
        "booked",
        "move",
        "changed",
        "change",
        "set",
        "push",
        "shift",
        "bump",
        "switch",
        "postpone",
        "have you",
        "meet you",
        "see you",
        "would",
        "free",
        "available",
        "around",
        "availab",
        "time",
        "day",
        "date",
        "slot",
        "round",
        "stage",
        "step",
        "interview",
        "call",
        "chat",
        "conversation",
        "meeting",
        "screen",
        "onsite",
        "calendly",
        "goodtime",
        "modernloop",
        "youcanbook",
        "scheduling link",
        "booking link",
        "self-schedul",
        "come in",
        "come by",
        "join us",
        "look like",
        "einladung",
        "laden",
        "möchten",
        "kennen",
        "wann",
        "verschieben",
        "verlegen",
        "convi",
        "convocation",
        "entretien",
        "rendez-vous",
        "disponib",
        "échange",
        "agendar",
        "entrevista",
        "disponibilidad",
        "horario",
        "conocer",
        "reprogramar",
        "convenient",
        "einladen",
        "nodig",
        "uitnodig",
        "plannen",
        "verzetten",
        "colloquio",
        "intervista",
        "incontro",
        "chiamata",
        "conversa",
        "reunião",
        "chamada",
        "ravi",
        "heureu",
        "remarcar",
        "reagendar",
        "adiar",
        "mudar",
        "come over",
        "pop in",
        "stop by",
        "fissare",
        "organizzare",
        "programmare",
        "concordare",
        "marcar",
        "combinar",
        "beschikbaar",
        "take place",
        "takes place",
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


def _group_end(text: str) -> int:
    """Where the group ``text`` starts with closes (the index of its ``)``; ``len(text)`` when it
    never does)."""
    depth, i = 0, 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            break
        i += 1
    return min(i, len(text))


def _leads(alternative: str) -> list[str] | None:
    """Words one of which any match of ``alternative`` holds, read from its start."""
    text = alternative.removeprefix("^").removeprefix("\\b")
    if text.startswith("("):
        i = _group_end(text)
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
        i = _group_end(text)
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


@attrs.frozen
class _Parts:
    """A pattern cut at its top-level alternatives, each tried only where it can match: one
    that starts with words (:func:`_leads_of`, none a single letter) only where one of them
    is, one that starts at a line's start only there, the rest searched. A pattern matches
    somewhere when one of its alternatives matches there, and none refers to another's groups
    (else the pattern is not cut)."""

    #: Each alternative that starts with words, and the words.
    led: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]
    #: The alternatives that start with ``^``, and the others, each joined; None when none.
    anchored: re.Pattern[str] | None
    rest: re.Pattern[str] | None
    #: Words one of which a text must hold to be searched at all (empty: no such words).
    held: frozenset[str] = frozenset()
    #: The same words as one pattern: a line is looked through once for all of them, not once
    #: for each.
    holding: re.Pattern[str] | None = None
    #: The words of each of ``led``, as sets (a view's "&" with one runs over the smaller).
    lead_sets: tuple[frozenset[str], ...] = ()

    @classmethod
    def of(cls, pattern: re.Pattern[str], held: tuple[str, ...] = ()) -> _Parts:
        flags = pattern.flags
        alternatives = _top_level(pattern.pattern)
        if re.search(r"\\[1-9]|\(\?P=|\(\?\(|\(\?[aiLmsux]+\)", pattern.pattern):
            alternatives = [pattern.pattern]  # groups referred to, or flags set inline: whole
        led, anchored, rest = [], [], []
        for alternative in alternatives:
            leads = _leads_of(alternative)
            # A lead of one letter is in nearly every text: finding its places costs more than
            # the search they would spare.
            if leads and min(map(len, leads)) > 1:
                led.append((re.compile(alternative, flags), leads))
            elif alternative.startswith("^"):
                anchored.append(alternative)
            else:
                rest.append(alternative)
        return cls(
            tuple(led),
            re.compile("|".join(anchored), flags) if anchored else None,
            re.compile("|".join(rest), flags) if rest else None,
            frozenset(held),
            re.compile("|".join(map(re.escape, held))) if held else None,
            tuple(frozenset(leads) for _, leads in led),
        )

    @property
    def words(self) -> set[str]:
        """The words :func:`_places` must find for these parts."""
        return {w for _, leads in self.led for w in leads} | self.held

    def search(self, text: str, places: dict[str, list[int]]) -> bool:
        """Whether the pattern matches ``text``, whose words are at ``places``."""
        if self.held and places.keys().isdisjoint(self.held):
            return False
        if any(_search(part, leads, text, places) for part, leads in self.led):
            return True
        return any(part.search(text) for part in (self.anchored, self.rest) if part is not None)

    def lines(self, lines: list[str], places: dict[str, list[int]]) -> set[int]:
        """The lines the pattern matches, each on its own, that hold one of the words (if
        any); ``places`` are those of the lines joined, a line break between two."""
        found: set[int] = set()
        if self.held and places.keys().isdisjoint(self.held):
            return found
        if self.anchored is not None or self.rest is not None:
            for i, line in enumerate(lines):
                if (self.anchored is not None and self.anchored.match(line)) or (
                    self.rest is not None and self.rest.search(line)
                ):
                    found.add(i)
        starts: list[int] = []
        for (part, _), leads in zip(self.led, self.lead_sets, strict=True):
            # The words found, not every lead looked up.
            for word in places.keys() & leads:
                for at in places[word]:
                    if not starts:
                        starts = list(itertools.accumulate((len(x) + 1 for x in lines), initial=0))
                    i = bisect.bisect_right(starts, at) - 1
                    if i not in found and part.match(lines[i], at - starts[i]):
                        found.add(i)
        if self.holding is not None:
            # Each line searched on its own holds one of the words (it does when it matches).
            found = {i for i in found if self.holding.search(lines[i])}
        return found


_SUPPOSING_PARTS = _Parts.of(_SUPPOSING_WITHIN.pattern, _SUPPOSING_WITHIN.words)
_MARKER_PARTS = {id(marker): _Parts.of(marker.pattern, marker.words) for marker in _MARKERS}


def _supposing(lines: list[str], places: dict[str, list[int]]) -> set[int]:
    """The lines that :func:`_supposes`; ``places`` are those of the lines joined."""
    found = _SUPPOSING_PARTS.lines(lines, places)
    found.update(i for i, line in enumerate(lines) if _SUPPOSING_AT_START.match(line))
    return found


def _marked(marker: _Marker, text: str, places: dict[str, list[int]]) -> bool:
    """``marker.search(text)``, ``places`` those of ``text``: its words looked up there, and
    each of its alternatives tried only where it can match."""
    return _MARKER_PARTS[id(marker)].search(text, places)


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
    """One automaton for every gate, lead and marker word: a single pass over a text finds
    where each of them occurs (an ``in`` for each word, one after another, cost more than the
    searches themselves)."""
    words = {
        w for _, phrases, gate in _SEARCHES for w in (*gate, *(w for *_, ws in phrases for w in ws))
    }
    words.update(w for parts in (_SUPPOSING_PARTS, *_MARKER_PARTS.values()) for w in parts.words)
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, (word, len(word) - 1))
    automaton.make_automaton()
    return automaton


_FINDER = _finder()
_KIND_GATES = {kind: frozenset(gate) for kind, _, gate in _SEARCHES}
#: Every phrase, numbered in the order they are tried (kind by kind, the most trusted first).
_PHRASES = tuple(phrase for _, phrases, _ in _SEARCHES for phrase in phrases)
#: Each kind and the numbers of its phrases.
_KINDS: tuple[tuple[MailKind, range], ...] = tuple(
    (kind, range(start, start + len(phrases)))
    for (kind, phrases, _), start in zip(
        _SEARCHES,
        itertools.accumulate((len(phrases) for _, phrases, _ in _SEARCHES), initial=0),
        strict=False,
    )
)


def _led() -> dict[str, tuple[int, ...]]:
    led: dict[str, list[int]] = {}
    for number, (_, _, leads) in enumerate(_PHRASES):
        for word in leads:
            led.setdefault(word, []).append(number)
    return {word: tuple(numbers) for word, numbers in led.items()}


#: The phrases each word leads, and those no word does (tried in every text).
_LED = _led()
_UNLED = frozenset(number for number, (_, _, leads) in enumerate(_PHRASES) if not leads)


def _tried(places: dict[str, list[int]]) -> list[int]:
    """The phrases, by number and in order, that can match a text whose words are at
    ``places``: those one of whose leads is there (a look a word found, not one a phrase)."""
    numbers = set(_UNLED)
    for word in places:
        led = _LED.get(word)
        if led is not None:
            numbers.update(led)
    return sorted(numbers)


def _places(text: str) -> dict[str, list[int]]:
    """Where each gate, lead or marker word starts in ``text``, in order; a word absent is no
    key."""
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


#: A greeting alone: "Hi Sam,", "Dear Ms Morgan,", "Hallo Herr Morgan,", "Bonjour Sam,".
_GREETING = re.compile(
    r"(?i)(?:hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening)|greetings|hallo|"
    r"liebe[rs]?|sehr geehrte[rs]?|guten (?:tag|morgen)|moin|servus|bonjour|bonsoir|"
    r"cher|ch[eè]re|salut|hola|estimad[oa]s?|buen[oa]s (?:d[ií]as|tardes)|beste|hoi|ciao|"
    r"gentile|egregi[oa]|buongiorno|ol[aá]|prezad[oa]|caro|cara|bom dia)"
    r"\b[^!?\n,]{0,40}[,:!]?"
)


def _greets(sentence: str) -> bool:
    """Whether ``sentence`` is only a greeting, or the end of one cut at a title's full stop
    ("Dear Ms." then "Morgan,")."""
    return _GREETING.fullmatch(sentence) is not None or (
        sentence.endswith(",") and len(sentence.split()) <= 3
    )


def _cued(
    saids: dict[MailKind, str],
    sentences: list[str],
    worth: dict[str, set[int]] | None = None,
) -> Classification | None:
    """What no phrase said, read by the company of the words (:mod:`afterview_mail.cues`):
    each kind, in the phrases' order, over the sentences its phrases read (``saids``); only
    the lines ``worth`` reading for a kind (:func:`~afterview_mail.cues.candidates`), if
    given."""
    for kind, _ in _KINDS:
        lines = saids[kind].split("\n")
        numbers = range(len(lines)) if worth is None else sorted(worth[kind.value])
        for number in numbers:
            line = lines[number]
            if line and cued(kind.value, line):
                return Classification(kind, CONFIDENCE[kind.value], _excerpt(sentences[number]))
    return None


def _reply(mail: Mail, sentences: list[str], lines: list[str]) -> Classification:
    """A contact's message that says nothing else: a reply, shown by the first thing it says
    (not a greeting on its own line, nor a sentence that only supposes, left blank)."""
    first = next(
        (
            s
            for s, line in zip(sentences[1:], lines[1:], strict=True)
            if line and len(s) > 3 and not _greets(s)
        ),
        mail.subject,
    )
    return Classification(MailKind.REPLY, 0.9 if mail.is_reply else 0.8, _excerpt(first))


def classify(mail: Mail, *, from_contact: bool = False) -> Classification:
    """What ``mail`` says; ``from_contact``: its sender is a person the workspace knows."""
    sentences = _sentences(mail)
    # One line a sentence, those that only suppose left blank, so that a phrase never spans
    # two sentences and a match's line is its sentence.
    lines = _normal_lines(sentences)
    text = "\n".join(lines)
    places = _places(text)
    readable = _readable(lines, text, places)
    if readable is not lines:
        lines = readable
        text = "\n".join(lines)
        places = _places(text)
    tried = _tried(places)
    asked: list[tuple[str, dict[str, list[int]]]] = []
    saids: dict[MailKind, str] = {}
    for kind, numbers in _KINDS:
        if kind is MailKind.INVITATION and any(_is_invitation(c) for c in mail.calendars):
            return Classification(kind, 0.97, _excerpt(mail.subject or "calendar invitation"))
        # Blanking sentences makes no word: a text without the gate's words says none of them.
        if places.keys().isdisjoint(_KIND_GATES[kind]):
            continue
        said, said_places = _said(kind, text, places, asked)
        saids[kind] = said
        if said_places is not places and said_places.keys().isdisjoint(_KIND_GATES[kind]):
            continue
        ours = tried if said_places is places else _tried(said_places)
        # The kind's phrases among them: its numbers are one run.
        span = ours[
            bisect.bisect_left(ours, numbers.start) : bisect.bisect_left(ours, numbers.stop)
        ]
        for number in span:
            weight, pattern, words = _PHRASES[number]
            found = _search(pattern, words, said, said_places)
            if found is not None:
                line = said.count("\n", 0, found.start())
                return Classification(kind, weight, _excerpt(sentences[line]))
    worth = candidates(lines)
    for kind, _ in _KINDS:
        if kind not in saids:
            # Blanking sentences makes no word: no line worth reading is none after it either.
            saids[kind] = _said(kind, text, places, asked)[0] if worth[kind.value] else text
    by_cues = _cued(saids, sentences, worth)
    if by_cues is not None:
        return by_cues
    if from_contact:
        return _reply(mail, sentences, lines)
    return Classification(MailKind.UNRELATED, 0.9)
