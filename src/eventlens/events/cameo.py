"""PLOVER -> CAMEO root-code crosswalk (documented in docs/plover-cameo.md).

PLOVER types were defined by regrouping CAMEO's twenty root codes, so most
types map to one root; a few split by mode or trigger word, as the PLOVER
manual's CAMEO notes do (REQUEST covers CAMEO 02 appeals and 10 demands;
ASSAULT covers 18 unconventional violence, 19 fighting and 20 mass violence).
"""

from __future__ import annotations

from eventlens.events.lexicon import ASSAULT_FIGHT_WORDS, ASSAULT_MASS_WORDS, CAMEO_WORD_ROOTS

# Default CAMEO root for each PLOVER type.
CAMEO_ROOT = {
    "AGREE": "03",  # express intent to cooperate (057 sign formal agreement: see below)
    "CONSULT": "04",
    "SUPPORT": "05",
    "COOPERATE": "06",
    "AID": "07",
    "CONCEDE": "08",
    "RETREAT": "08",  # 087 de-escalate military engagement
    "REQUEST": "02",
    "ACCUSE": "11",
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "MOBILIZE": "15",
    "SANCTION": "16",
    "COERCE": "17",
    "ASSAULT": "18",
}

# ASSAULT modes of conventional military force are CAMEO 19 (fight); mass violence 20.
ASSAULT_FIGHT_MODES = frozenset({"firearms", "heavy-weapons", "aerial", "military"})


def cameo_root(event_type: str, mode: str | None, lemma: str, context: str | None) -> str | None:
    """Return the two-digit CAMEO root code for a coded PLOVER event."""
    if event_type == "ACCUSE" and mode == "investigate":
        return "09"
    if event_type == "ASSAULT":
        if lemma in ASSAULT_MASS_WORDS or (context or "").startswith("cbrn"):
            return "20"
        if mode in ASSAULT_FIGHT_MODES or lemma in ASSAULT_FIGHT_WORDS:
            return "19"
        return "18"
    return CAMEO_WORD_ROOTS.get((event_type, lemma), CAMEO_ROOT.get(event_type))
