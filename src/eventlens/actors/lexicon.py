"""Word lists of the actors stage: the vocabulary its phrase, coreference and country
rules look words up in.

Kept apart from the rules so that extending a list never means reading an algorithm.
The actor dictionary itself (countries, organisations, role and modifier words with
their sectors) is data (``data/actors.tsv``, read by ``actors.dictionary``).
Closed-class grammar (prepositions, pronouns, quantifiers), dependency labels,
dictionary entry types and sector codes stay with the rule they serve.
"""

from __future__ import annotations

# --- Heads and modifiers of actor phrases (actors.phrase, actors.coding) ----------------

# Heads with a weak sector of their own: a sector-bearing modifier wins ("security forces").
GENERIC_ROLES = frozenset(
    "official officials leader leaders chief head force forces spokesman spokeswoman "
    "spokesperson commander officer officers delegation envoy authorities agent agents "
    "candidate candidates politician politicians council commission agency agencies".split()
)
# Government titles whose sector only yields to coercive/political modifiers: a "health
# minister" or "education officials" are government, "security officials" are police.
GOV_TITLES = frozenset(
    "official officials authorities delegation envoy council commission minister ministry "
    "secretary department cabinet government administration president premier chancellor "
    "governor mayor".split()
)
# Modifiers that make an office-holder a former one ("ousted president"): PLOVER elites.
FORMER_WORDS = frozenset({"former", "ousted", "ex", "deposed", "exiled", "toppled"})
# Modifiers of a media head that mark state media, coded as the government's voice.
STATE_MEDIA_WORDS = frozenset(
    {"state-run", "state-owned", "state-controlled", "government-run", "official", "state"}
)
# Heads with no sector of their own that still name an actor when an entity modifies them.
GROUP_HEADS = frozenset(
    "group groups movement organisation organization network faction factions wing members "
    "member personnel unit units representative representatives supporters loyalists "
    "followers leadership side camp coalition alliance".split()
)
# People nouns with no sector of their own: civilians when a country, people or sector
# word modifies them ("Iraqi children", "displaced families").
PEOPLE_HEADS = frozenset(
    {"children", "women", "men", "families", "family", "youths", "boys", "girls", "persons"}
)
# Verbs done to people: an unlabelled proper noun they take as patient (passive subject
# or object) names a person ("Taleh Habibzade was arrested", "police charged Ruiz"),
# when the model tagged it as no entity at all.
PERSON_PATIENT_VERBS = frozenset(
    "arrest detain charge convict sentence jail imprison indict release free kill murder "
    "shoot stab wound injure kidnap abduct deport extradite question interrogate execute "
    "acquit hang behead torture assault rape".split()
)
# Honorifics before a name ("Gen.", "Mr"), with the sector they give ("" for none).
HONORIFICS = {
    "gen": "MIL", "general": "MIL", "lt": "MIL", "col": "MIL", "maj": "MIL", "capt": "MIL",
    "sgt": "MIL", "adm": "MIL", "brig": "MIL", "marshal": "MIL",
    "sen": "LEG", "rep": "LEG", "gov": "GOV",
    "mr": "", "mrs": "", "ms": "", "dr": "", "sheikh": "", "prince": "GOV", "princess": "",
    "lord": "", "sir": "", "dame": "",
}  # fmt: skip
# Words of a title rather than a name ("Prime", "Defence", "acting"), beyond the
# dictionary's role and modifier words.
TITLE_WORDS = frozenset(
    "prime vice deputy foreign interior finance defence defense home justice trade senior "
    "former acting interim top chief state secretary-general ousted deposed toppled new "
    "late supreme then exiled opposition rebel".split()
)
# Civil offices titled "... General" ("Attorney General", "Auditor General"): no general.
CIVIL_GENERALS = frozenset(
    "attorney solicitor auditor inspector surgeon postmaster director accountant".split()
)
# The word that names a sector in a generic actor name ("Iraq military").
SECTOR_WORDS = {
    "GOV": "government", "MIL": "military", "REB": "rebels", "OPP": "opposition",
    "COP": "police", "JUD": "judiciary", "LEG": "legislature", "BUS": "business",
    "MED": "media", "HLH": "health", "EDU": "education", "REF": "refugees",
    "CVL": "civilians", "LAB": "labour", "AGR": "agriculture", "CRM": "criminals",
    "REL": "religious", "PTY": "party", "ELI": "elites", "SPY": "intelligence",
    "NGO": "NGO", "IGO": "IGO",
}  # fmt: skip

# --- Coreference (actors.coref) ----------------------------------------------------------

# Title words grouped into concepts so that "Pentagon chief" ~ "Defense Secretary".
CONCEPTS = {
    "defence": "defence", "defense": "defence", "pentagon": "defence", "war": "defence",
    "foreign": "foreign", "state": "foreign", "diplomacy": "foreign",
    "interior": "interior", "home": "interior",
    "finance": "finance", "treasury": "finance",
    "justice": "justice",
    "prime": "pm", "premier": "pm",
    "president": "president", "vice": "vice", "deputy": "deputy",
    "king": "monarch", "queen": "monarch", "emir": "monarch", "monarch": "monarch",
    "sultan": "monarch",
    "chancellor": "chancellor",
    "secretary": "minister", "minister": "minister",
    "army": "army", "military": "army", "police": "police",
    "gen": "army", "general": "army", "commander": "army",
    "spokesman": "spokes", "spokeswoman": "spokes", "spokesperson": "spokes",
    "ambassador": "ambassador", "envoy": "envoy", "governor": "governor", "mayor": "mayor",
    "secretary-general": "secgen", "rebel": "rebel", "opposition": "opposition",
}  # fmt: skip
# Concepts implied by others (a "Defense Secretary" is also a minister).
IMPLIES = {
    "pm": {"minister"},
    "chancellor": {"minister"},
    "defence": {"minister"},
    "foreign": {"minister"},
    "interior": {"minister"},
    "finance": {"minister"},
}

# --- Countries of actors (actors.country) ------------------------------------------------

# Verbs whose object forces belong to the subject: "X deployed troops", "X pulled its
# soldiers out". Attacking, fighting or meeting troops says nothing of whose they are.
OWN_FORCE_VERBS = frozenset(
    "deploy send dispatch station withdraw pull mobilize mobilise move redeploy commit "
    "recall order reinforce position mass amass".split()
)
# Plurals of institutions each state has one of.
PLURAL_STATE_HEADS = frozenset(
    "governments administrations regimes parliaments legislatures armies militaries "
    "countries nations states donors".split()
)
# Plural offices each state has one holder of: "foreign ministers", "prime ministers".
OFFICE_HEADS = frozenset({"minister", "secretary"})
OFFICE_WORDS = frozenset(
    "foreign defence defense finance interior prime trade agriculture health justice "
    "economy energy environment education home".split()
)
# Collectives of several states: "ministers from the coalition", "envoys of member states".
MULTI_STATE_NOUNS = frozenset(
    "coalition alliance bloc union countries nations states governments members partners "
    "allies community".split()
)

# --- Organisations (actors.stage) --------------------------------------------------------

# Descriptions that refer back to the organisation last named ("the bloc").
# Pronouns that name the public when a phrase restricts them: "Anyone with information
# is asked to call police", "anybody who saw the crash". Bare, they name no one.
PUBLIC_PRONOUNS = frozenset({"anyone", "anybody"})

ORGANISATION_DESCRIPTIONS = frozenset(
    {"bloc", "alliance", "body", "grouping", "organisation", "organization"}
)
# Capitals that stand for the organisation they host when the story names it.
ORGANISATION_SEATS = {"brussels": "European Union"}
# Heads that speak for, lead or belong to the collective named in their "of"/"for" phrase.
ABSORBING_HEADS = frozenset(
    "spokesman spokeswoman spokesperson leader leaders head chief member members official "
    "officials representative representatives supporters envoy delegation ministers".split()
)
# Capitalised words after a town's name that make a local body of that town ("Athens
# Police Department", "Paris City Council"): the town's, not its namesake capital's state.
LOCAL_BODY_WORDS = frozenset({"police", "city", "county", "town", "fire", "sheriff", "municipal"})
