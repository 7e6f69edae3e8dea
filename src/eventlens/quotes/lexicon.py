"""Word lists of the quotes stage, apart from the attribution logic that uses them."""

from __future__ import annotations

# Titles that NER often includes in a PERSON span but that are not part of the name.
TITLES = frozenset(
    """mr mrs ms dr prof gen general lt col colonel maj major capt captain sgt adm admiral
    sen senator rep gov governor president prime minister sheikh king queen prince pope
    judge justice rev father brig councillor councilman councilwoman mayor chancellor
    ambassador envoy commissioner chief deputy chairman chairwoman spokesman spokeswoman
    secretary attorney bishop imam cardinal ayatollah emir mp mep""".split()
)

# Lemmas of the verbs that attribute speech ("said", "told", "tweeted").
SPEECH_LEMMAS = frozenset(
    """say tell add state announce declare insist warn explain note claim argue write ask
    reply respond continue admit acknowledge vow promise urge stress tweet comment recall
    suggest describe call conclude complain concede boast predict pledge assert maintain
    observe remark testify joke shout chant confirm deny emphasise emphasize caution
    quote reiterate cry exclaim murmur whisper mutter rule post blog""".split()
)

# Verb inflections and what restores the lemma ("called" -> "call", "denies" -> "deny").
INFLECTION_SUFFIXES = (
    ("ied", "y"),
    ("ies", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("es", ""),
    ("s", ""),
    ("ing", ""),
)

# Pronouns standing for a speaker named earlier ("he said").
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
