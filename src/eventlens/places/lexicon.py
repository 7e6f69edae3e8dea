"""Word lists of the places stage, apart from the algorithms that use them.

Gazetteer data the user may extend (extra places, aliases) lives in
src/eventlens/data/*.tsv; these are the fixed English words the finder, the ranking
and the name folding read.
"""

from __future__ import annotations

# Words after a name that make it an administrative area ("Nineveh province").
ADMIN_WORDS = frozenset(
    "province provinces governorate governorates county counties parish state district "
    "region oblast prefecture department canton municipality".split()
)

# Words that, after an area name, make a public body of that area ("Ontario Municipal
# Board", "Georgia Bureau of Investigation", "Kentucky State Police"): the area is the
# story's, though the name is not a place ("Kentucky Derby" is no such cue).
INSTITUTION_WORDS = frozenset(
    "agency assembly attorney authority board bureau circuit city commission council county "
    "court department division fire government guard highway legislature ministry municipal "
    "office parliament police provincial state superior supreme town university".split()
)

# Of those, the words of a town's own bodies ("Concord Police", "Paris City Council"): the
# town is a cue too, though the body's name is not a place.
TOWN_BODY_WORDS = frozenset({"police", "city", "council", "fire", "municipal", "town"})

# Last words of a county's own name, opening its bodies ("Merrimack County Superior Court").
COUNTY_WORDS = frozenset({"County", "Parish", "Borough"})

# County-name endings stripped to give a bare alternate ("Walker County" -> "Walker").
ADMIN2_SUFFIXES = ("County", "Parish", "Borough", "Census Area", "District", "Province", "City")

# Demonym endings and what replaces them ("Minnesotans" -> "Minnesota"); longest first:
# the first suffix whose stem finds an area wins.
DEMONYM_SUFFIXES = (
    ("ians", ""),
    ("ians", "ia"),
    ("ians", "io"),
    ("ians", "a"),
    ("ans", ""),
    ("ans", "a"),
    ("ers", ""),
    ("ese", ""),
    ("ish", ""),
    ("ian", ""),
    ("ian", "ia"),
    ("ian", "a"),
    ("an", ""),
    ("an", "a"),
    ("er", ""),
    ("ns", ""),
    ("n", ""),
    ("i", ""),
    ("s", ""),
)

# Parts of longer place names that are never the place on their own.
GENERIC_WORDS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern eastern "
    "western central upper lower greater inner outer metro city county park lake valley river "
    "mount new old downtown uptown district region state province island islands bay beach "
    "creek hill hills heights harbor harbour point springs falls square sea seas ocean gulf "
    "strait straits channel coast desert mountains peninsula airport international".split()
)

# Titles before a capitalised word: it is a person's name, even where some hamlet bears it.
TITLES = frozenset(
    "mr mrs ms miss dr president minister gen general sen senator rep king "
    "prince queen pope sheikh imam st".split()
)

# Month names: a capitalised "March" or "May" is a date or a name ("the March of Dimes"),
# not the English town, wherever a capitalised run is read as a place.
MONTH_WORDS = frozenset(
    "january february march april may june july august september october november "
    "december".split()
)

# Generational suffixes after a surname ("Tony Servance Jr."), lower case, no period.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# Generic name words abbreviated (or dropped) in folded keys ("Saint" -> "st").
GENERIC_ABBREVIATIONS = {
    "saint": "st",
    "sainte": "ste",
    "mount": "mt",
    "fort": "ft",
    "the": "",
}

# Leading articles of transliterated Arabic (and similar) names, dropped in loose keys.
NAME_ARTICLES = frozenset(
    {"al", "el", "ar", "as", "ash", "at", "ad", "an", "az", "ath", "adh", "ul"}
)

# Prepositions that place an event: "in", "near", "around", "outside" ...
LOCATIVE_PREPS = frozenset(
    "in near around at outside inside across throughout within on into from".split()
)

# Event types whose target is addressed, not reached: a place that is the target of an
# accusation, appeal, sanction or pledge ("Washington accused Beijing", "sanctions on
# Iran") says whom the act concerns, not where it happened (ANNOTATION.md).
ADDRESSED_TYPES = frozenset(
    "ACCUSE REQUEST REJECT SUPPORT THREATEN AGREE CONCEDE SANCTION COOPERATE".split()
)
# Addressed acts whose object's own places are their content ("called for a ceasefire in
# Gaza"): not accusations, whose charges are mostly laid where the crime was.
CONTENT_TYPES = ADDRESSED_TYPES - {"ACCUSE", "SANCTION"}
# Nouns of an occasion whose own place is where a statement was made ("called for a
# ceasefire in Gaza during a visit to Beirut", "told a summit in Riyadh").
OCCASION_NOUNS = frozenset(
    "visit trip tour meeting summit conference speech address".split()
)
# Verbs of movement whose "to" phrase names where the act takes place ("travel to Paris").
MOTION_LEMMAS = frozenset(
    "travel fly go come arrive return head move deploy send dispatch redeploy".split()
)

# Nouns a place name may modify and still be the place ("Paris' iconic boulevard",
# "the Baghdad neighbourhood"); any other noun makes the name a modifier of an actor
# or a thing ("U.S. officials", "Russian parliament"), not where an event happened.
PLACE_HEAD_NOUNS = frozenset(
    "area airport avenue base border boulevard camp capital city coast compound "
    "district town village neighborhood neighbourhood province region road square "
    "state street suburb county countryside outskirts port harbor harbour highway "
    "market mosque church temple school university hospital prison station bridge "
    "embassy consulate headquarters building hotel park beach island islands valley".split()
)

# Last words of facility names: a place name inside one ("Nordland Avenue", "Pinelake
# Health Center") names the facility, not the place it lies in.
FACILITY_WORDS = frozenset(
    "avenue street road boulevard lane drive court hall church cathedral chapel mosque "
    "synagogue school college university hospital stadium arena mall center centre "
    "building tower plaza".split()
)
# Street words written short after a name ("20E Nordland Ave.", "Main St"): only read
# right after a place name, where "St." cannot be a saint.
STREET_ABBREVIATIONS = frozenset("ave st rd blvd hwy pkwy ln".split())
