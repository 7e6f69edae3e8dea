"""Candidate triggers of a sentence and the rules that recode them from their clause.

The rules follow CAMEO/PLOVER coding conventions, stated generally:
- an act embedded under a request, refusal or threat is not itself an event that
  occurred ("demanded the release" -> REQUEST; the release is hypothetical);
- an actor's announced future or willing act is an intent: cooperative acts code as
  AGREE (CAMEO 03), hostile acts and "unless" conditions as THREATEN (CAMEO 13);
- an obligation put in someone's mouth ("X said Y must leave") is X's REQUEST of Y;
- refusing or failing a cooperative act is REJECT; stopping cooperation is SANCTION,
  stopping hostilities CONCEDE or RETREAT.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from eventlens.events.candidate import Candidate
from eventlens.events.judgement import add_judgements
from eventlens.events.lexicon import (
    AFTERMATH,
    AGENT_NOUNS,
    BREACH_VERBS,
    CONCLUDE_VERBS,
    DISCUSSION_VERBS,
    EVENT_HEADS,
    GATHERINGS,
    HOSTILE_TYPES,
    INNOCENCE_WORDS,
    MONTHS,
    NO_COMMENT,
    PLEA_WORDS,
    REPORTING_ACCUSERS,
    SNUB_VERBS,
    SPEECH_VERBS,
    TERMINATE_VERBS,
    TOPIC_VERBS,
)
from eventlens.events.object_acts import object_trigger
from eventlens.events.objects import recode_by_object
from eventlens.events.participants import counted_subject, fold_protest_demands
from eventlens.events.restate import drop_restatements
from eventlens.events.senses import recode_by_sense
from eventlens.events.status import (
    Clause,
    analyse_clause,
    clause_status,
    has_unless,
    is_condition,
    is_deontic,
)
from eventlens.events.triggers import Trigger, is_light_verb, match_trigger

# PLOVER types of cooperation: stopped, they are sanctions; announced, intents (AGREE).
COOPERATIVE_TYPES = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
# Acts whose refusal or failure is a rejection (CAMEO 12).
REFUSABLE_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE", "COOPERATE"})
# Acts that are refused only when they will not happen ("will not negotiate"), not when
# they merely did not ("the leaders did not meet").
WILL_NOT_TYPES = frozenset({"CONSULT", "RETREAT", "AID"})
# Auxiliaries of a refusal with "not": "will not", "would not", "won't", "cannot".
REFUSAL_AUX = frozenset({"will", "would", "wo", "'ll", "ca", "can", "shall"})
# Entity labels of names: a proper noun with one is a name, never a trigger, and a setting
# noun with such a modifier names its participants.
NAME_LABELS = frozenset({"ORG", "GPE", "PERSON", "NORP", "FAC", "LOC", "WORK_OF_ART", "LAW"})
# Prepositions that make a noun the setting or background of another act.
SETTING_PREPS = frozenset(
    "at after before during following since amid ahead without despite".split()
)
# Dependants by which a setting noun names its own participants ("during protests against X").
ARGUMENT_PREPS = frozenset({"against", "with", "by", "between", "among", "over", "on"})
# Prepositions that make a noun the topic of speech ("comment on the protests").
TOPIC_PREPS = frozenset({"on", "about", "regarding", "concerning"})
# Weight of an obligation reported from a speaker: "X said Y must withdraw".
DEONTIC_WEIGHT = 0.75
# Weight of an announced intent: "X will allow", "X is willing to withdraw".
INTENT_WEIGHT = 0.7


def sentence_candidates(sent: Span) -> list[Candidate]:
    """Every trigger of the sentence, recoded by the clause rules, duplicates dropped."""
    found: dict[int, Trigger] = {}
    for tok in sent:
        trig = _token_trigger(tok)
        if trig is not None:
            found[tok.i] = trig
    ids = set(found)
    doc = sent.doc
    cands: dict[int, Candidate] = {}
    for i, trig in found.items():
        clause = analyse_clause(doc[i], ids)
        cands[i] = Candidate(doc[i], trig, trig.type, trig.mode, clause,
                             clause_status(clause, doc[i]))  # fmt: skip
    for cand in cands.values():
        _apply_structure(cand, cands)
    for cand in cands.values():
        if not cand.dropped:
            _apply_clause_rules(cand)
    drop_restatements(cands)
    fold_protest_demands(cands)
    _add_deontic_requests(sent, cands)
    add_judgements(sent, cands)
    return [c for c in cands.values() if not c.dropped]


def _token_trigger(tok: Token) -> Trigger | None:
    lemma = tok.lemma_.lower()
    if tok.dep_ == "compound" and tok.head.lemma_.lower() not in EVENT_HEADS:
        return None  # a classifier, not an event: "aid agencies", "attack helicopters"
    if tok.dep_ == "compound" and _part_of_head_phrase(tok):
        return None  # "plea deal" is the head's phrase, not a plea
    if lemma in SPEECH_VERBS and lemma != "insist":
        phrase = match_trigger(tok)  # "declared persona non grata" is an act, not speech
        if phrase is None or len(phrase.words) < 2:
            return None
    if tok.pos_ == "PROPN" and tok.ent_type_ in NAME_LABELS:
        return None
    if tok.dep_ in ("amod", "compound") and tok.tag_ in ("VBN", "VBG", "VBD"):
        if not _after_perfect_have(tok):
            return None  # participles as adjectives: "Syrian-backed", "the besieged town"
    if tok.ent_type_ in ("DATE", "TIME") or (tok.lower_ in MONTHS and tok.text[0].isupper()):
        return None  # "in March", "since May"
    if lemma in PLEA_WORDS and _pleads_innocent(tok):
        return None  # a denial of the charge, not an act
    trig = object_trigger(tok, match_trigger(tok))
    if trig is not None and trig.pos == "N" and _background_noun(tok, trig):
        return None
    return trig


def _part_of_head_phrase(tok: Token) -> bool:
    """The compound's head noun matches a lexicon phrase that takes this word in."""
    trig = match_trigger(tok.head)
    return trig is not None and trig.pos == "N" and len(trig.words) > 1 and (
        tok.lemma_.lower() in trig.words or tok.lower_ in trig.words)


def _pleads_innocent(tok: Token) -> bool:
    """ "pleaded not guilty", "entered a plea of innocent", "a not-guilty plea"."""
    words = [t for t in tok.subtree if t.i <= tok.i + 5]
    if any(t.lower_ in INNOCENCE_WORDS for t in words):
        return True
    return any(t.lower_ == "guilty" and (t.i > 0 and t.nbor(-1).lower_ in ("not", "-")
                                         or any(c.dep_ == "neg" for c in t.children))
               for t in words)  # fmt: skip








def _after_perfect_have(tok: Token) -> bool:
    """ "has massed troops" misparsed as an adjective: a participle right after have."""
    doc = tok.doc
    for j in (tok.i - 1, tok.i - 2):
        if j >= tok.sent.start and doc[j].lemma_.lower() == "have":
            return tok.tag_ == "VBN" and (j == tok.i - 1 or doc[j + 1].pos_ == "ADV")
    return False


def _background_noun(tok: Token, trig: Trigger) -> bool:
    """A noun trigger that is not itself asserted as an event: a participant noun not acting
    ("fired at protesters"), a setting ("at a meeting", "after the summit"), an absence
    ("ended without agreement")."""
    if trig.head in AGENT_NOUNS or tok.lemma_.lower() in AGENT_NOUNS:
        return tok.dep_ not in ("nsubj", "nsubjpass") and not counted_subject(tok)
    if _topic_of_speech(tok):
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in ("to", "of") and tok.head.head.lower_ == "guilty":
        return True  # "pleaded guilty to robbery": the plea is the act, the crime its content
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in AFTERMATH:
        return True  # "victims of gang violence", "the aftermath of the attack"
    if tok.dep_ != "pobj" or tok.head.lower_ not in SETTING_PREPS:
        return False
    if tok.head.lower_ == "without":
        return True
    # A setting names its own participants when it is an event: "at talks with X", "X's summit".
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ARGUMENT_PREPS:
            return False
        if child.dep_ in ("poss", "amod", "compound") and child.ent_type_ in NAME_LABELS:
            return False
    return True


def _topic_of_speech(tok: Token) -> bool:
    """A noun that is only what someone speaks about: "declined to comment on the protests",
    "asked about the attack", "to discuss a ceasefire". The speaker is not its agent, and
    it is reported elsewhere."""
    prep = tok.head
    if tok.dep_ == "dobj" and prep.lemma_.lower() in DISCUSSION_VERBS:
        return True  # "met to discuss a prisoner exchange": the exchange is the topic
    if tok.dep_ != "pobj" or prep.lower_ not in TOPIC_PREPS:
        return False
    return prep.head.lemma_.lower() in SPEECH_VERBS | NO_COMMENT | TOPIC_VERBS


def _apply_structure(cand: Candidate, cands: dict[int, Candidate]) -> None:
    head = cand.token.head
    if cand.trigger.pos == "N" and cand.token.dep_ == "dobj" and head.lemma_.lower() in SNUB_VERBS:
        cand.dropped = True  # "boycotted the talks": the refusal is the event
        return
    if cand.trigger.pos == "V" and len(cand.trigger.words) > 1:
        objects = [c for c in cand.token.children if c.dep_ == "dobj"]
        for child in list(cand.token.children) + [t for o in objects for t in o.subtree]:
            if child.i in cands and child.lemma_.lower() in cand.trigger.words[1:]:
                # "lodged a protest", "lifted the state of emergency": one trigger
                cands[child.i].dropped = True
    if cand.trigger.pos == "V" and len(cand.trigger.words) == 1 and is_light_verb(cand.token):
        obj = next((c for c in cand.token.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.i in cands and cands[obj.i].trigger.pos == "N":
            cand.dropped = True  # "ordered patrols", "signed a deal": the noun carries it
            noun = cands[obj.i]
            if cand.trigger.weight > noun.trigger.weight:  # as surely as the verb did
                noun.trigger = replace(noun.trigger, weight=cand.trigger.weight)
            return
    if cand.trigger.pos == "N" and head.i in cands and head.i != cand.token.i:
        if cands[head.i].type == cand.type:
            cand.dropped = True  # "protesters marched": the noun is the event's argument
            return
    gov = cand.clause.governor
    if gov is not None and gov.i in cands:
        _apply_governor(cand, cands[gov.i])
    else:
        stopper = _terminated_by(cand)
        if stopper is not None:
            _apply_termination(cand)
            # The stopping verb's clause gives the status: "may halt aid" is hypothetical.
            cand.clause = analyse_clause(stopper, set(cands) - {stopper.i})
            cand.status = clause_status(cand.clause, stopper)
            if stopper.i in cands:
                cands[stopper.i].dropped = True


def _apply_governor(cand: Candidate, gov: Candidate) -> None:
    """Adjust an embedded trigger from the trigger that governs it."""
    role = gov.trigger.role
    direct = cand.clause.verb.head == gov.token and cand.clause.verb.dep_ in (
        "xcomp",
        "ccomp",
        "advcl",
    )
    if role == "deny" and cand.type == "REQUEST" and cand.trigger.pos == "N":
        gov.status = "occurred"  # "denied the family's request": a request was made, refused
    elif role == "deny":
        cand.status, cand.denied, gov.dropped = "negated", True, True
    elif gov.type == cand.type:
        cand.dropped = True  # "signed an agreement", "killed in an attack": one event
        gov.mode = gov.mode or cand.mode
        if cand.trigger.weight > gov.trigger.weight:  # "blocked roads in protest"
            gov.trigger = replace(gov.trigger, weight=cand.trigger.weight)
    elif gov.token.lemma_.lower() in REPORTING_ACCUSERS and cand.clause.verb.dep_ == "ccomp":
        gov.dropped = True  # the accusation reports the act, as "said" would
    elif role == "govern":
        cand.status = "negated" if gov.type == "REJECT" else "hypothetical"
        cand.factor = 0.35
    elif role == "intent":
        if cand.status == "occurred":
            cand.status = "future"
        cand.factor = 0.35
        # "vowed to attack" is a threat; "pledged aid, after X warned ..." is not.
        hostile = cand.type in HOSTILE_TYPES and _is_complement(cand.clause.verb)
        if direct and hostile and gov.token.lemma_.lower() != "agree":
            gov.type, gov.mode = "THREATEN", None
    else:
        cand.factor = 0.5


def _will_not(verb: Token) -> bool:
    """ "will not negotiate", "won't withdraw", "cannot accept": refusing, not reporting."""
    kids = list(verb.children)
    return any(c.dep_ == "neg" for c in kids) and any(
        c.dep_ == "aux" and c.lower_ in REFUSAL_AUX for c in kids)


def _is_complement(verb: Token) -> bool:
    """A complement clause: xcomp/ccomp, or an infinitive the parser attached as advcl."""
    if verb.dep_ in ("xcomp", "ccomp"):
        return True
    kids = list(verb.children)
    to_inf = any(c.dep_ == "aux" and c.lower_ == "to" for c in kids)
    return verb.dep_ == "advcl" and to_inf and not any(c.dep_ == "mark" for c in kids)


def _terminated_by(cand: Candidate) -> Token | None:
    """The stopping verb directly governing the trigger: "suspended aid", "called off"."""
    tok = cand.token
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
        tok = tok.head  # "ended mediation efforts"
    if tok.dep_ in ("dobj", "xcomp", "nsubjpass") and tok.head.lemma_.lower() in TERMINATE_VERBS:
        if tok.lemma_.lower() in GATHERINGS and tok.head.lemma_.lower() in CONCLUDE_VERBS:
            return None  # "ended a two-day summit": it took place and finished
        return tok.head
    if tok.dep_ == "dobj" and any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.head.children):
        return tok.head  # "called off the strike", "broke off talks"
    return None


def _apply_termination(cand: Candidate) -> None:
    if cand.type in COOPERATIVE_TYPES or cand.type == "AGREE":
        cand.type, cand.mode = "SANCTION", "suspend"
    elif cand.type in ("ASSAULT", "MOBILIZE", "COERCE"):
        cand.type, cand.mode = "RETREAT", None
    elif cand.type in ("PROTEST", "THREATEN", "SANCTION"):
        cand.type, cand.mode = "CONCEDE", None


def _apply_clause_rules(cand: Candidate) -> None:
    """Refusals, intents and obligations of the trigger's own clause."""
    verb = cand.clause.verb
    recode_by_object(cand)
    if not cand.dropped:
        recode_by_sense(cand)
    refusal = cand.status == "negated" and not cand.denied and cand.factor == 1.0
    if refusal and (cand.type in REFUSABLE_TYPES or (
            cand.type in WILL_NOT_TYPES and _will_not(verb))):
        # "will not negotiate with terrorists", "would not withdraw": a refusal
        cand.type, cand.status, cand.mode, cand.factor = "REJECT", "occurred", None, 0.8
        return
    if cand.factor < 1.0 or cand.clause.governor is not None or is_condition(verb):
        return
    if is_deontic(verb) and _has_speaker(cand.clause):
        cand.type, cand.mode, cand.status = "REQUEST", None, "occurred"
        cand.request_by_speaker, cand.factor = True, DEONTIC_WEIGHT / cand.trigger.weight
    elif cand.trigger.words[0] in BREACH_VERBS and cand.clause.speech is not None:
        # "Russia said Turkey was violating the U.N. Charter": the speaker accuses
        cand.type, cand.mode, cand.status = "ACCUSE", None, "occurred"
        cand.request_by_speaker = True
    elif cand.status in ("future", "hypothetical") and not _scheduled(cand.clause, cand.type):
        if cand.type == "PROTEST" and not has_unless(verb):
            return  # "will hold a rally on Friday": a protest planned, coded with its status
        if has_unless(verb) or cand.type in HOSTILE_TYPES:
            cand.type, cand.mode = "THREATEN", None
        elif cand.type in COOPERATIVE_TYPES:
            cand.type, cand.mode = "AGREE", None
        else:
            return
        # The announced intent is clause-level evidence, stronger than a weak verb alone.
        cand.factor = max(1.0, INTENT_WEIGHT / cand.trigger.weight)


def _scheduled(clause: Clause, etype: str) -> bool:
    """A decided or scheduled act ("decided to allow") is coded as the act, not an intent;
    so is a planned meeting ("plans to meet X tomorrow", "is due to visit")."""
    gov = clause.future_governor
    if gov is None:
        return False
    lemma = gov.lemma_.lower()
    return lemma in ("decide", "schedule", "set") or (
        etype == "CONSULT" and lemma in ("plan", "due", "expect")
    )


def _has_speaker(clause: Clause) -> bool:
    return clause.speech is not None or clause.reporter is not None


def _add_deontic_requests(sent: Span, cands: dict[int, Candidate]) -> None:
    """Obligations with no trigger word: "X said Y must ensure security" -> REQUEST."""
    ids = set(cands)
    for tok in sent:
        if tok.i in cands or tok.pos_ not in ("VERB", "AUX") or not is_deontic(tok):
            continue
        if any(c.clause.verb == tok for c in cands.values() if not c.dropped):
            continue
        clause = analyse_clause(tok, ids)
        if not _has_speaker(clause) or is_condition(tok):
            continue
        trig = Trigger((tok.lemma_.lower(),), "V", "REQUEST", None, DEONTIC_WEIGHT, "govern")
        cands[tok.i] = Candidate(tok, trig, "REQUEST", None, clause, "occurred",
                                 request_by_speaker=True)  # fmt: skip
