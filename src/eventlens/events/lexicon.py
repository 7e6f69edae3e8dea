"""Word lists of the events stage: the vocabulary its rules look words up in.

Kept apart from the rules so that extending a list never means reading an algorithm.
Trigger phrases themselves live in data files (``events.triggers`` loads them).
Closed-class grammar (prepositions, auxiliaries, pronouns), dependency labels, PLOVER
type groupings used by one rule, and numeric weights stay with the rule they serve.
"""

from __future__ import annotations

# --- PLOVER types ------------------------------------------------------------------------

# The 16 PLOVER event types (current manual names).
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

# PLOVER 0.5 names still found in older data, mapped to current names (see docs/plover-cameo.md).
LEGACY_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

# Hostile acts: announced or vowed, they are threats; in a warning's that-clause, a threat.
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "PROTEST"})

# --- Clause analysis ---------------------------------------------------------------------

# Verbs that carry a nominal trigger ("held talks", "launched an attack") without being one.
LIGHT_VERBS = frozenset(
    "hold launch carry conduct stage make issue reach impose mount begin start continue "
    "resume open take give have announce hold unleash wage lodge file express voice "
    "step intensify escalate declare conclude reimpose extend tighten enforce renew order "
    "institute introduce implement enact undertake bring deliver sign ink".split()
)

# Verbs that only report speech; never events themselves, but their subject reports the event.
SPEECH_VERBS = frozenset(
    "say tell state add announce report note claim declare explain confirm reiterate "
    "comment assert insist stress affirm write quote acknowledge admit disclose reveal "
    "indicate suggest believe think know argue predict estimate conclude".split()
)

# Verbs of saying that a refusal governs: "declined to comment" rejects nobody.
NO_COMMENT = frozenset({"comment", "elaborate", "speculate", "specify", "discuss", "say"})

# Verbs whose embedded clause describes a planned (future) act: "plans to visit".
FUTURE_GOVERNORS = frozenset(
    "plan intend prepare expect aim schedule decide set hope want seek "
    "propose consider mean ready willing prepared determined poised eager".split()
)

# Verbs that say an embedded act did not happen: "failed to reach agreement".
FAIL_GOVERNORS = frozenset({"fail", "neglect"})

# Verbs that stop an act: stopping cooperation is a sanction, stopping hostility a concession.
TERMINATE_VERBS = frozenset(
    "end halt suspend cancel stop freeze cut reduce terminate scrap abandon prohibit "
    "discontinue".split()
)

# Verbs a subject noun trigger reports through: "the attack killed", "talks resumed".
NOUN_SUBJECT_VERBS = frozenset(
    "take occur begin end continue resume break erupt happen kill wound injure leave "
    "claim hit target destroy damage go be".split()
)

# Medical care: whoever is "treated and released" or "released from hospital" is a patient.
CARE_VERBS = frozenset({"treat", "examine", "evaluate", "hospitalize", "hospitalise"})
CARE_PLACES = frozenset({"hospital", "clinic", "care", "infirmary"})
# Verbs of harm done by what their subject names: "the strike killed", "the blast wounded".
HARM_VERBS = frozenset("kill wound injure hit destroy damage level flatten".split())

# Verbs by which a conflict noun breaks out: "fighting erupted", "clashes broke out".
OUTBREAK_VERBS = frozenset("erupt break flare rage intensify escalate".split())

# Time words that put the verb they modify in the future: "next week", "tomorrow".
FUTURE_TIME_WORDS = frozenset({"tomorrow", "next", "upcoming", "later", "soon", "coming"})

# Verbs after which "from doing" names an act that was stopped.
PREVENTING_VERBS = frozenset(
    "ban bar prevent stop prohibit block forbid deter dissuade restrict keep exclude".split()
)

# --- Which words are triggers (events.rules) ---------------------------------------------

# Accusing verbs used with a that-clause report it ("a group charged that X abused Y").
REPORTING_ACCUSERS = frozenset({"charge", "allege", "claim"})
# Head nouns that keep a compound trigger an event: "mediation efforts", "peace talks".
EVENT_HEADS = frozenset(
    "effort operation campaign process mission plan deal agreement talk talks measure "
    "program programme drive initiative bid move attempt accord pact treaty".split()
)
# Nouns naming participants of an event, not the event: an event only when they act.
AGENT_NOUNS = frozenset(
    "protester protestor demonstrator rioter striker marcher picketer bomber".split()
)
# Verbs by which participants stage their protest: "thousands of protesters gathered".
PROTEST_GATHERING_VERBS = frozenset(
    "gather assemble converge congregate mass throng flock pour rally march".split()
)
# Month names, which the lexicon would read as verbs or nouns ("in March", "since May").
MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
# Verbs that make a noun the topic of speech ("asked about the attack").
TOPIC_VERBS = frozenset({"ask", "question", "speak", "talk", "brief", "inform"})
# Verbs whose object is what is talked about: "met to discuss a prisoner exchange".
DISCUSSION_VERBS = frozenset({"discuss", "debate"})
# Stopping verbs that, for a gathering, mean it finished rather than broke off.
CONCLUDE_VERBS = frozenset({"end", "conclude", "close", "wrap"})
# Gatherings that are concluded, not broken off, when they "end".
GATHERINGS = frozenset("summit meeting visit conference session trip tour congress".split())
# Verbs that move things, and the things that make the move aid.
DELIVERY_VERBS = frozenset(
    "rush ship airlift airdrop fly truck ferry dispatch deliver send bring transport hand".split()
)
AID_GOODS = frozenset(
    "aid supply food medicine medical fuel blanket tent water vaccine surgeon doctor medic "
    "relief wheat grain rice flour humanitarian ration ammunition arms weapon".split()
)
# Refusing to attend: "boycotted the talks", "snubbed the summit" is a rejection.
SNUB_VERBS = frozenset({"boycott", "snub", "shun", "spurn", "skip"})
# Activities that are cooperation when "joint": "joint patrols", "a joint task force".
JOINT_ACTIVITIES = frozenset(
    "drill exercise patrol operation force venture investigation inquiry mission training "
    "manoeuvre maneuver programme program project initiative team commission".split()
)
# Nouns whose "of" phrase names an event only as background.
AFTERMATH = frozenset(
    "victim survivor aftermath wake anniversary memory toll scene site legacy".split()
)

# --- Arguments and scene (events.args, sides, stage, scene, places, reference) -----------

# What a deployment, withdrawal or delivery moves: never its target.
INSTRUMENT_NOUNS = frozenset(
    "troop force soldier unit army police personnel peacekeeper warship ship aircraft jet "
    "plane tank weapon arm aid supply food medicine money fund battalion brigade "
    "division contingent inspector worker staff diplomat envoy observer monitor "
    "ambassador mission delegation reservist reserve conscript recruit marine officer "
    "trooper guard".split()
)
# Nouns for a part of something: "suspended part of the aid programme for X".
PARTITIVE_NOUNS = frozenset(
    "part some most all half rest portion share bulk much round series set couple".split()
)
# Verbs whose object is also the subject of their infinitive: "urged X to leave".
OBJECT_CONTROL = frozenset(
    "urge ask force call persuade tell order press request invite allow encourage warn "
    "compel pressure beg implore".split()
)
# Nouns for the parties of a two-sided conflict: "both sides", "the two neighbours".
SIDE_NOUNS = frozenset(
    "side party country neighbour neighbor nation government camp belligerent".split()
)
# Verbs whose object is something of the source's own, the target in a to/from phrase.
OWN_OBJECT_VERBS = frozenset({"recall", "halt", "suspend", "freeze", "cut", "withdraw"})
# Verbs whose object is who or what is handed over; the target is where it goes.
TRANSFER_VERBS = frozenset({"extradite", "repatriate", "deport", "transfer"})
# Verbs done to someone, which headlines write as a passive without its auxiliary
# ("Man charged with murder", "Two soldiers killed"): their bare subject is the patient.
HEADLINE_PASSIVE_VERBS = frozenset(
    "arrest detain charge convict sentence jail imprison indict release free kill murder "
    "shoot stab wound injure hurt kidnap abduct deport extradite fine ban expel sack fire "
    "oust suspend accuse sue attack target hold".split()
)
# Verbs whose object noun is their subject's own act: "X renewed calls for ...".
RESTATING_VERBS = frozenset(
    "reiterate repeat renew restate voice express step redouble press pursue".split()
)
# Verbs whose nominal object is an act their subject performs, joins or controls:
# "hosted talks", "lifted sanctions", "led the offensive".
SUBJECT_ACT_VERBS = frozenset(
    "maintain keep remove lift ease relax retain uphold attend join lead host organise "
    "organize plan prepare complete finish pursue accept sign end conclude wrap "
    "tweet post show lend pledge send extend reaffirm offer".split()
)
# Time nouns whose "of" phrase is a background: "two days of protests".
TIME_NOUNS = frozenset("day week weekend month year night hour decade season anniversary".split())
# Fighting words for which "X and Y" fought each other.
SYMMETRIC_ASSAULT = frozenset({"clash", "fight", "battle", "fighting", "gunbattle", "firefight"})
# Predicates whose joint subjects act on each other ("Jordan and Britain agreed", "X and Y
# met"); one-sided acts of the same types ("X and Y offered to mediate") are not mutual.
RECIPROCAL_LEMMAS = (
    frozenset(
        "agree agreement meet meeting talk talks negotiate negotiation discuss sign deal accord "
        "treaty cooperate cooperation consult confer summit reconcile ally partner memorandum "
        "pact truce ceasefire contract protocol partnership alliance".split()
    )
    | JOINT_ACTIVITIES
)
# Buildings of a foreign state where protests at that state are held.
DIPLOMATIC_BUILDINGS = frozenset({"embassy", "consulate", "legation", "mission"})
# Words after a place name that make it an administrative area ("Sokoto state").
ADMIN_WORDS = frozenset(
    "state province region district county governorate prefecture department oblast".split()
)
# Nouns for violence in general, with no one author.
GENERIC_ACTS = frozenset(
    "violence fighting clash clashes unrest bloodshed hostility hostilities conflict war".split()
)
# Nouns that name whatever act was just reported: "condemned the move".
ANY_ACT_NOUNS = frozenset({"move", "decision", "step", "action", "measure", "measures"})

# --- What an object or complement makes an act (events.objects) ------------------------

# What a withdrawal of is a sanction rather than a military retreat (CAMEO 16).
NON_MILITARY_PRESENCE = frozenset(
    "ambassador envoy diplomat inspector worker staff aid support recognition observer "
    "monitor peacekeeper mission embassy delegation personnel investment funding".split()
)
# Verbs of harm that accidents also cause, and the accidents.
HARM_VERBS = frozenset({"kill", "injure", "wound", "hurt"})
# Damage done by a blast, fire or storm: no one's coercion ("a fire destroyed the roof").
DAMAGE_VERBS = frozenset({"destroy", "damage", "raze", "gut", "level", "flatten"})
# Event nouns that can be the subject of damage: the attack itself, coded on its own.
BLAST_NOUNS = frozenset({"blast", "explosion", "bomb", "bombing", "shelling", "airstrike"})
# Verbs of an accident: harm in a clause of one is no one's attack.
ACCIDENT_VERBS = frozenset(
    "crash collide overturn capsize derail flip plunge skid sink swerve".split()
)
ACCIDENTS = frozenset(
    "crash accident collision fire flood earthquake storm landslide avalanche stampede "
    "derailment quake hurricane typhoon cyclone tornado mudslide leak".split()
)
# Verbs that mobilise only when what is gathered is a force: "amassed troops" (not
# "amassed 150 charges"), and the forces.
GATHERING_VERBS = frozenset({"amass", "mass"})
FORCE_NOUNS = frozenset(
    "troop troops soldier soldiers force forces army armies tank tanks fighter fighters "
    "militia militiamen unit units warship warships ship ships artillery missile missiles "
    "weapon weapons reservist reservists police officer officers men division divisions "
    "battalion battalions brigade brigades vehicle vehicles jet jets aircraft".split()
)
# Views one may agree with (support) rather than agree to (an undertaking).
OPINION_NOUNS = frozenset(
    "conclusion conclusions assessment assessments view views finding findings analysis "
    "position opinion assertion claim claims argument verdict".split()
)
# Beating a rival in a contest, and the words that name the contest (an election, a
# race, a match): "narrowly beat Clinton in Wisconsin", "beating the Republican challenger".
CONTEST_VERBS = frozenset({"beat"})
CONTEST_WORDS = frozenset(
    "election elections vote votes voter voters race primary primaries challenger incumbent "
    "candidate nomination poll polls ballot seat runoff recount campaign match game final "
    "tournament championship title league".split()
)
# "Attacks" of the body, not of anyone: "a heart attack", "an asthma attack".
ATTACK_NOUNS = frozenset({"attack", "seizure", "stroke"})
MEDICAL_WORDS = frozenset({"heart", "asthma", "panic", "anxiety", "allergy", "cardiac"})
# What "return" may have as object without giving anything back: "returned fire" (an
# attack), "returned an indictment", "returned the favour".
NOT_GIVEN_BACK = frozenset("fire verdict indictment favor favour serve shot".split())
# What is "released" or "returned" when nobody concedes anything.
INFORMATION_NOUNS = frozenset(
    "name identity detail information statement report figure data result video footage "
    "image photo message call email letter list finding text record document story account "
    "testimony update explanation version".split()
)
# People whom "fire" dismisses rather than shoots at ("fired the police chief").
DISMISSABLE_NOUNS = frozenset(
    "official chief minister director judge employee worker staff coach manager "
    "commissioner commander prosecutor head secretary officer aide adviser advisor "
    "executive president".split()
)
# Trigger nouns that, without "to"/"against", name a group rather than an act
# ("the opposition has stepped up pressure").
GROUP_TRIGGER_NOUNS = frozenset({"opposition", "resistance"})
# Plans and deals: what "killed" or "torpedoed" means ended, not attacked.
PLAN_NOUNS = frozenset(
    "deal agreement accord treaty pact bill law plan proposal project initiative talks "
    "negotiations chance chances hope hopes idea measure reform bid effort".split()
)
# What is said, decided or proposed: attacking one is criticism, not violence ("attacked
# the proposal", "slammed his remarks").
UTTERANCE_NOUNS = PLAN_NOUNS | frozenset(
    "remark remarks comment comments statement speech policy policies decision record "
    "stance position claim claims report view views rhetoric tweet approach handling "
    "budget response proposal".split()
)
# Utterance nouns that are also ground held in a fight: a stance only when someone's or
# on something ("his position on X"); "attacked army positions" is an armed attack.
STANCE_OR_GROUND_NOUNS = frozenset({"position"})
# Verbs of getting in touch: "X is urged to call police" is the police's appeal to X.
CONTACT_VERBS = frozenset({"call", "contact", "phone", "ring", "email", "telephone"})
# Verbs of physical attack that also take utterances as objects.
VERBAL_ATTACK_VERBS = frozenset({"attack", "blast", "slam", "hit", "lash", "assail"})
# Words opening an indirect question ("asked whether", "asked him what he found").
QUESTION_WORDS = frozenset("if whether what why how who whom which when where".split())
# What reporters request of the people they write about ("requests for comment").
PRESS_REQUESTS = frozenset({"comment", "interview", "clarification", "reaction"})
# Verbs of an anonymous source's request ("asked not to be named").
ANONYMITY_VERBS = frozenset({"name", "identify", "quote", "cite"})
# Weapons police use on crowds: firing them is repression, not an armed attack.
CROWD_CONTROL_WORDS = frozenset(
    "teargas tear-gas cannon cannons pepper rubber baton batons truncheons stun-grenades".split()
)
# A warning that someone "would face consequences" or "be met with force" is a threat.
RESPONSE_NOUNS = frozenset(
    "consequence force retaliation reprisal response countermeasure punishment measure step".split()
)
# Meetings whose boycott is a rejection, not the meeting (the verbs: SNUB_VERBS).
MEETING_NOUNS = frozenset(
    "talk talks negotiation meeting summit conference session dialogue consultation".split()
)
# Things that arrive somewhere without visiting anyone.
GOODS_NOUNS = frozenset(
    "consignment shipment cargo convoy delivery aid supply batch load flight".split()
)
# What a government blocks when it vetoes rather than obstructs.
DECISION_NOUNS = frozenset(
    "package resolution deal bill decision proposal plan sanction bid accession agreement "
    "measure motion law treaty budget statement declaration".split()
)
# What a lender approves: approving it is aid, not an agreement.
FUNDING_NOUNS = frozenset("loan grant aid assistance funding credit package fund".split())
# Objects that make a pledge a threat.
HOSTILE_PLEDGES = frozenset(
    "war revenge retaliation reprisal vengeance attack strike retribution punishment "
    "consequence".split()
)
# Verbs of fighting that also take policies as objects ("fight corruption").
FIGHT_VERBS = frozenset({"fight", "combat", "tackle", "battle"})
# Nouns for someone one fights: people, forces, armed groups.
OPPONENT_NOUNS = frozenset(
    "rebel militant insurgent fighter troop soldier force army militia group gang guerrilla "
    "terrorist jihadist enemy police guard attacker gunman separatist extremist "
    "pirate smuggler trafficker cartel regime".split()
)
# What is said or written: sending one is speech, not aid.
MESSAGE_NOUNS = frozenset(
    "ultimatum message letter warning note speech statement greeting congratulation "
    "invitation request demand proposal reply response signal".split()
)
# Objects of a ban that make it a trade or travel sanction rather than domestic coercion.
TRADE_NOUNS = frozenset(
    "import export trade good product flight travel visa investment shipment sale "
    "purchase transit overflight fishing".split()
)
# Orders that send a unit somewhere, and the units.
SENDING_ORDERS = frozenset({"order", "direct", "dispatch"})
MILITARY_UNITS = frozenset(
    "troop force group unit battalion brigade division carrier warship ship destroyer "
    "frigate jet fighter bomber submarine soldier marine reservist tank vessel fleet".split()
)

# --- Modes and CAMEO codes (events.context, events.cameo) --------------------------------

# Cue words that fix the mode of a generic trigger ("attacked" by jets -> aerial), in the
# order they are tried; ASSAULT's second entry ("aerial") is also read by position.
MODE_CUES = {
    "ASSAULT": (
        ("suicide-attack", frozenset({"suicide"})),
        ("aerial", frozenset(
            "jet warplane aircraft airstrike helicopter drone air plane bomber gunship".split()
        )),
        ("heavy-weapons", frozenset(
            "artillery tank mortar rocket missile shell howitzer shelling grenade".split()
        )),
        ("explosives", frozenset(
            "bomb explosive ied mine explosion blast landmine dynamite".split()
        )),
        ("firearms", frozenset(
            "gun gunman gunmen rifle sniper bullet gunfire pistol shoot shot".split()
        )),
        ("primitive", frozenset({"knife", "machete", "axe", "stone", "stab", "club"})),
    ),
    "CONSULT": (("phone", frozenset({"phone", "telephone"})),),
}  # fmt: skip

# Words that place an event in a neighbouring CAMEO root: (PLOVER type, lemma) -> root.
CAMEO_WORD_ROOTS = {
    ("AGREE", "sign"): "05",
    ("AGREE", "ratify"): "05",
    ("AGREE", "agreement"): "05",
    ("AGREE", "treaty"): "05",
    ("AGREE", "accord"): "05",
    ("AGREE", "pact"): "05",
    ("REQUEST", "demand"): "10",
    ("REQUEST", "insist"): "10",
    ("REQUEST", "ultimatum"): "10",
}
# Assault words of conventional fighting (CAMEO 19) and of mass violence (CAMEO 20).
ASSAULT_FIGHT_WORDS = frozenset(
    "clash fight battle fighting invade invasion occupy shell shelling bombard bombardment "
    "airstrike offensive capture recapture retake overrun incursion gunbattle firefight".split()
)
ASSAULT_MASS_WORDS = frozenset({"massacre", "slaughter"})

# --- One record per event (events.merge) and the scene of domestic acts (events.domestic)
# Words that govern the subject matter of a charge: "charged with assault", "a count of
# murder", "accused of kidnapping", "pleaded guilty to robbery", "found guilty of fraud"
# name what the charge is about, not another event.
CHARGE_NOUNS = frozenset(
    "charge count accusation allegation accuse indictment indict conviction convict "
    "suspicion suspect plead guilty".split()
)
# Determiners by which a noun refers back to something already told ("the attack").
REFERRING_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# Words by which a noun points back to something told before (event coreference): the
# referring determiners and the possessives "its", "their".
BACK_WORDS = REFERRING_DETERMINERS | {"its", "their"}
# Adverbs that add a further act: "Police also arrested X" is another arrest.
ADDITIVE_WORDS = frozenset({"also", "too", "further", "additionally"})
# Acts only the state's law enforcement or courts perform: an agentless "X was arrested"
# is by the police of the place, "X was charged" by its prosecutors, "X was sentenced" by
# its courts. Lemma -> (implied actor, PLOVER sector).
IMPLIED_STATE_AGENTS = {
    "arrest": ("police", "COP"),
    "detain": ("police", "COP"),
    "custody": ("police", "COP"),
    "handcuff": ("police", "COP"),
    "apprehend": ("police", "COP"),
    "book": ("police", "COP"),
    "hold": ("police", "COP"),
    "take": ("police", "COP"),
    "charge": ("prosecutors", "JUD"),
    "count": ("prosecutors", "JUD"),
    "indict": ("prosecutors", "JUD"),
    "indictment": ("prosecutors", "JUD"),
    "investigate": ("police", "COP"),
    "investigation": ("police", "COP"),
    "prosecute": ("prosecutors", "JUD"),
    "arraign": ("court", "JUD"),
    "remand": ("court", "JUD"),
    "fine": ("court", "JUD"),
    "convict": ("court", "JUD"),
    "sentence": ("court", "JUD"),
    "jail": ("court", "JUD"),
    "imprison": ("court", "JUD"),
}
# Subjects that deny the event: "no one was injured", "nobody was hurt".
NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "noone", "no-one", "nothing", "neither"})
# Verbs that report casualties of an attack already told ("ten people were killed").
CASUALTY_VERBS = frozenset({"kill", "injure", "wound", "hurt", "die", "dead"})
# Nouns of news-making, not acts: "a news release", "a press release".
MEDIA_WORDS = frozenset({"news", "press", "media"})
# Words that mark a mention as a further event, not the one told before.
DISTINCT_MARKERS = frozenset(
    "another second third fourth separate new other further fresh latest".split()
)
# Verbs that deny an assertion when their object is one (events.objects): PLOVER and the
# annotation guide do not code denials as events.
DENIAL_VERBS = frozenset({"deny", "dismiss", "refute", "reject", "rebut"})
# Nouns naming an assertion someone can deny ("denied the allegations").
ASSERTION_NOUNS = frozenset(
    "claim allegation accusation charge report involvement responsibility wrongdoing "
    "suggestion rumour rumor story assertion link knowledge".split()
)
# Charges told inside an arrest (events.legal): "on charges of", "on two counts of".
CHARGE_HEADS = frozenset({"charge", "count", "indictment"})
CHARGE_PREPS = frozenset({"on", "for"})
# Verbs whose object is charges someone faces: "X faces child rape charges".
CHARGE_HOLDING_VERBS = frozenset({"face"})
# A plea of innocence is a denial, not an event: "pleaded not guilty", "pleaded innocent".
PLEA_WORDS = frozenset({"plead", "plea"})
INNOCENCE_WORDS = frozenset({"innocent", "innocence"})
# Verbs that name what someone or something is: "called the vote rigged", "described X as".
NAMING_VERBS = frozenset(
    {"call", "describe", "label", "term", "dub", "characterize", "characterise", "deem"}
)
# Sectors of armed state agents: when they "come under fire", it is gunfire, not criticism.
ARMED_SECTORS = frozenset({"MIL", "COP"})
# Who can be praised by a judgement ("she is a hero"; not "the weather was wonderful"):
# a name of these entity labels, or a personal pronoun.
JUDGED_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "we", "you"})

# --- Everyday senses of trigger words (events.senses)
# Subjects whose intransitive "strike" is a labour strike, not an attack.
LABOUR_WORDS = frozenset(
    "worker union crew staff employee pilot teacher doctor nurse driver miner member "
    "dockworker controller attendant guard".split()
)
# What a forecaster warns of: weather, not a threat by anyone.
WEATHER_WORDS = frozenset(
    "weather fog mist rain snow storm wind gale ice frost heat cold flooding flood "
    "thunderstorm hail drought tornado hurricane".split()
)
# Whom police "seek" when they look for them, not ask them for anything.
SOUGHT_PEOPLE = frozenset(
    "suspect man woman teen teenager boy girl gunman robber driver person people "
    "witness fugitive inmate child".split()
)
# Directions of a vehicle's "backing" ("backed into a car"), not support.
BACKING_DIRECTIONS = frozenset({"into", "out", "up", "over", "away", "off", "onto"})
# What someone declines that is no refusal of anyone: care after an accident.
CARE_NOUNS = frozenset({"treatment", "attention", "care", "transport", "transportation"})
# Nouns of a standing arrangement that "have" holds rather than makes ("has a deal").
STANDING_NOUNS = frozenset({"agreement", "deal", "accord", "treaty", "pact", "contract"})
# What one "receives" without hosting anyone: a call, a letter, a trial, money.
RECEIVED_THINGS = frozenset(
    "call letter trial sentence award grant funding money donation support treatment "
    "complaint report tip request message email visit".split()
)
# Holders of a view: "supporters of a smoking ban" name people, not a ban imposed.
VIEW_HOLDERS = frozenset(
    "supporter opponent critic advocate proponent foe backer champion defender".split()
)
# Subjects of "call for" that are designs, not actors ("Plans call for a hotel").
DESIGN_NOUNS = frozenset(
    "plan proposal budget design project blueprint bill ordinance amendment measure "
    "guideline scheme".split()
)
# What "capture" takes that is no place or person: a share, a gas, a moment.
NOT_CAPTURED = frozenset(
    "carbon dioxide co2 vote percent percentage share attention imagination image "
    "moment market title championship award essence spirit heart".split()
)
# Words of criticism received from no one named ("drew criticism", "came under fire"):
# the critics are implied, and as a rule from the criticised actor's own country.
RECEIVED_CRITICISM = frozenset({"criticism", "fire", "condemnation", "backlash", "outcry"})
# Who raids as law enforcement: a police raid or search is coercion, not an armed attack.
LAW_ENFORCERS = frozenset(
    "police officer officers agent agents detective detectives deputy deputies authorities "
    "fbi investigators prosecutors sheriff troopers drug narcotics customs".split()
)
# Words of war and terror: an attack whose attacker is not named is then no one's crime of
# the scene's people ("two bombs killed six officers", "killed in Afghanistan").
# Word forms, not lemmas: matched against the sentence's words as written.
WAR_WORDS = BLAST_NOUNS | frozenset(
    "bombs explosive airstrikes strike missile missiles rocket rockets shell shells war "
    "troops soldier soldiers army military militant militants insurgent insurgents rebel "
    "rebels terrorist terrorists drone artillery combat".split()
)
# Where a passive act leaves its patient, not what a stative verb relates it to:
# "was stabbed to death", "was sentenced to ten years", "was taken to hospital".
OUTCOME_NOUNS = frozenset(
    "death hospital prison jail custody year years month months life court".split()
)
# Participles that describe a state with a "to" phrase ("is opposed to", "is committed
# to"): their passive subject holds the view. Any other passive with "to" ("was summoned
# to the ministry", "deported to Sudan") is done to its subject.
STATIVE_PARTICIPLES = frozenset(
    "oppose commit dedicate devote attach link tie connect relate entitle accustom "
    "resign reconcile".split()
)
# Objects that are the actor itself: "I blamed myself", "he defended himself".
REFLEXIVE_PRONOUNS = frozenset(
    "myself yourself himself herself itself ourselves yourselves themselves".split()
)
# Nouns of being held: "in custody", "in jail", "under arrest".
DETENTION_NOUNS = frozenset({"custody", "jail", "prison", "detention", "arrest"})

# Verbs that make someone act against their will: "was forced to resign" concedes to
# pressure (PLOVER CONCEDE) where a plain resignation is a RETREAT.
FORCING_VERBS = frozenset({"force", "pressure", "compel", "oblige", "push"})

# Verbs whose subject receives the act its nominal object names: "received support from X",
# "won backing from X" (the "from" phrase acts, the subject is acted on).
RECEIVING_VERBS = frozenset({"receive", "get", "win", "earn", "garner", "attract", "draw"})

# Verbs whose nominal subject comes from its agent: "requests have come from X",
# "criticism poured in from X".
ARRIVAL_VERBS = frozenset({"come", "pour", "flood", "arrive"})

# Count words of a group ("three other drug dealers"): two counts tell two groups apart.
COUNT_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve dozen dozens scores "
    "hundreds thousands".split()
)
# Words that make a group another one than the one told before.
OTHER_GROUP_WORDS = frozenset({"other", "another"})

# Verbs of breaking a rule or deal: reported by someone else ("X said Y violated the
# truce"), the report is the speaker's accusation (PLOVER ACCUSE), not a rejection.
BREACH_VERBS = frozenset({"violate", "breach", "flout"})

# Verbs of setting a bomb, and what is set: "planted a bomb", "left an explosive device".
PLANTING_VERBS = frozenset({"plant", "place", "put", "leave", "hide", "set"})
EXPLOSIVE_NOUNS = frozenset({"bomb", "explosive", "explosives", "ied", "grenade", "landmine"})

# "turned the boats back/around/away": pushed back (REJECT) only when someone is turned.
TURNING_BACK = (("turn", "around"), ("turn", "back"), ("turn", "away"))
# Subjects of a what-if that names no one: "if someone were able to shut it down".
INDEFINITE_PRONOUNS = frozenset({"someone", "somebody", "anyone", "anybody"})
