/**
 * Context modifiers: the words around a risk phrase that change what it means.
 * ../engine.ts applies them in this order (see docs/safety-screening.md):
 *
 *   who it is about (me / someone else / "you" in general) → quoted or reported speech →
 *   negation → past or recovered → accidental → figurative or joking → supportive advice
 *
 * Cue patterns use the language in ../pattern.ts; a cue "near" a phrase means in the same
 * sentence unless said otherwise. To extend, add words or patterns here.
 */

/** Negation words, looked for inside a phrase's gaps and in the 3 words before it. */
export const NEGATIONS = [
	'not',
	'dont',
	'never',
	'wont',
	'wouldnt',
	'isnt',
	'didnt',
	'doesnt',
	'aint',
	'cannot',
	'shouldnt',
	'mustnt',
	'wasnt',
	'arent',
	'nah'
];

/** After a negation these make it a hedge, not a denial: "i dont think i want to be alive". */
export const HEDGES = [
	'think',
	'know',
	'reckon',
	'believe',
	'even',
	'really',
	'mind',
	'care',
	'see',
	'feel'
];

/** Words that end the scope of a negation or a reporting verb looking forward. */
export const CLAUSE_BREAKS = [
	'.',
	',',
	'"',
	'but',
	'and',
	'because',
	'so',
	'then',
	'though',
	'although',
	'when',
	'while'
];

/** Nearest of these, looking back from a phrase in its sentence, says who it is about. */
export const SUBJECTS = {
	self: ['i', 'im', 'ive', 'id', 'ill', 'me', 'my', 'myself', 'mine', 'meself'],
	second: ['you', 'your', 'youre', 'yourself', 'youd', 'youll', 'youve', 'yall', 'ye'],
	other: [
		'he',
		'she',
		'they',
		'hes',
		'shes',
		'theyre',
		'him',
		'her',
		'them',
		'his',
		'their',
		'friend',
		'friends',
		'mate',
		'mates',
		'sister',
		'brother',
		'sis',
		'cousin',
		'boyfriend',
		'girlfriend',
		'someone',
		'somebody',
		'classmate',
		'character',
		'man',
		'woman',
		'girl',
		'boy',
		'kid'
	],
	generic: [
		'anyone',
		'anybody',
		'people',
		'everyone',
		'everybody',
		'those',
		'whoever',
		'teens',
		'teenagers',
		'students'
	]
};

/**
 * Cue patterns by kind. The engine finds them once per message, only when a risk phrase
 * was found.
 */
export const CUES = {
	/** Someone else said it: "my mate said", "she told me". The writer reporting themself ("i told my mum") does not count. */
	reported: [
		'(he|she|they|friend|mate|best friend|sister|brother|cousin|boyfriend|girlfriend|someone|somebody|sis|bro|classmate|he|she) (just)? (said|says|saying|told me|tells me|texted|texted me|messaged|messaged me|posted|wrote|was like|goes|keeps saying|keep saying|kept saying|always says|put on her story|put on his story|on her story|on his story)',
		'(said|says|saying|told me|texted me|messaged me|posted) (that)? (she|he|they)'
	],
	/** Helping someone, or advice to anyone: "if you ever feel", "call samaritans". */
	supportive: [
		'if (you|your|anyone|someone|ur|a friend|your friend|u) ',
		'(anyone|for anyone|everyone) (who|whos|that|struggling|going through|feeling)',
		'(you are|youre|ur) not alone',
		'(here for|there for) (you|anyone|each other|u)',
		'(reach out|talk to someone|speak to someone|tell an adult|tell someone|tell a teacher|talk to an adult|ask for help)',
		'(samaritans|childline|shout|papyrus|hopeline|hopelineuk|mind|beat helpline|kooth|the mix|111|999|116 123|85258|0800 1111)',
		'(please|pls) (dont|do not|stay|talk|reach)',
		'(you|u) (matter|are loved|deserve)',
		'it gets better',
		'(sending|send) (love|hugs|e_love|e_hug)',
		'check on (your|ur) (mates|friends|people)',
		'(how|what) (can|do|should|could) (i|you|we) (help|support|do)',
		'(signs of|warning signs)',
		'stay safe',
		'(you|u) (dont|do not) have to',
		'its (ok|okay) (to not|not to) be (ok|okay)',
		'(never let|dont let) anyone',
		'(is|are) (not|never) (ok|okay|your fault)'
	],
	/** The person someone is worried about already has help. */
	supported: [
		'(getting|gets|got|has|having|receiving|in) (support|help|therapy|counselling|treatment|camhs)',
		'(seeing|sees) (a|someone|a therapist|a counsellor|camhs)'
	],
	/** Lessons, essays, lyrics, films, books, games, news. */
	media: [
		'(song|songs|lyrics|lyric|track|tune|bars|verse|chorus|album|rapper|drill|film|movie|show|series|episode|book|novel|character|anime|manga|netflix|documentary|play|poem|story line|storyline)',
		'(pshe|assembly|lesson|lessons|learned|learnt|essay|project|research|article|awareness|prevention|statistics|stats|sources|campaign|biggest killer|news|podcast|talk)',
		'(on repeat|by (blackpink|logic|nf|juice|xxxtentacion|lil peep))'
	],
	/** Long ago or over. */
	past: [
		'(used to|use to)',
		'when i was (little|younger|a kid|small|#|in year #|in primary|at primary)',
		'(in|back in) year #',
		'(last year|years ago|year ago|months ago|a while ago|back then|in the past|as a kid|growing up|when i was younger|before i moved)',
		'(#|two|three|four|five|a few|few|couple of) (years|yrs) (ago|later)',
		'at # (years old|yrs old)?$',
		'(back in|in) (primary|year #|secondary)'
	],
	/** Happening now or again: cancels `past` and `recovery` in the same sentence. */
	current: [
		'(again|still|lately|recently|these days|last night|yesterday|this morning|this week|this month|right now|at the moment|currently|every day|everyday|every night|rn|anymore)',
		'(feel|feeling) like (that|it) again',
		'(started|starting) (again|to)',
		'(relapse|relapsed|relapsing)',
		'since (year|#|i was)'
	],
	/** Doing better, clean, recovered: told with distance. */
	recovery: [
		'(#|one|two|three|four|five|six|a|few) (day|days|week|weeks|month|months|year|years) (clean|free|sh free|self harm free|without)',
		'(clean|free) (for|since|from) ',
		'(im|i am) (recovered|in recovery|doing (so much)? better|better now|ok now|okay now|safe now|in a good place)',
		'(now|finally) (im|i am)? (happy|at uni|better|recovered|safe|ok|okay|doing well|in a good place|so much better)',
		'(recovery|recovered|recovering)',
		'(so|really)? proud of (myself|how far|me)',
		'(therapy|counselling|medication|support|camhs|talking) (really)? (helped|has helped|helps|saved me)',
		'(got|getting|get) (help|support|better)',
		'i was (so)? wrong',
		'glad i (stayed|didnt|am still here|held on)',
		'(scars|scar) (are|is) fading',
		'(like|love) (who i am|myself now|food again)',
		'(eat|eating) properly',
		'(havent|have not|not) (cut|self harmed|sh|harmed myself|hurt myself) (in|for|since)',
		'(helped|it helped|that helped)'
	],
	/** Trivial targets of hyperbole that lower an explicit phrase on their own ("kms this lesson"). */
	trivial: [
		'(homework|lesson|lessons|assembly|class|maths|math|pe kit|detention|queue|traffic|wifi|wi fi|battery|charger|group chat|search history|voice cracked|embarrassing|embarrassed|embarrassment|cringe|cringey|awkward|spoiler|spoils|spoiled|spoilt)',
		'(read|reads|saw|sees|seen|found) my (texts|messages|search|history|diary|chats)',
		'(out loud|in front of everyone|at dinner)',
		'(forgot|forget|forgetting|left) my (pe kit|homework|keys|lunch|phone|charger|bag)',
		'is (so)? (long|boring|dead|peak|never ending)'
	],
	/** Everyday things that lower an explicit phrase only together with a laugh. */
	everyday: [
		'(school|teacher|exam|exams|test|revision|revising|game|fifa|fortnite|cod|match|song|tiktok|video|meme|outfit|trainers|hair|pizza|chips|food|burger|nandos|late|monday|mondays|concert|tickets|crush|team|bus|phone|birthday|forgot|forgetting|forget|ate|eating|top|vase|car)',
		'(forgot|forgetting|forget)'
	],
	/** Laughing or joking. */
	laughter: [
		'(lol|lmao|lmfao|haha|hahaha|ha ha|hehe|e_lol|e_skull|jk|jokes|joking|im joking|only joking|rofl|xd|ctfu|im weak|im dead|dead)'
	],
	/** An accident, not self-harm. */
	accident: [
		'(by accident|accidentally|accidently|shaving|cooking|chopping|on a (can|glass|tin|knife)|paper cut|fell over|fell off|fell down the|tripped|at football|in pe|doing the dishes|washing up|at work)'
	],
	/** Leaving the app or a chat, not life. */
	departure: [
		'(for a while|see (you|yall|everyone|ya)|back (in|soon|next|after)|after the holidays|after exams|deleting (the|this) app|on holiday|going on holiday|holiday|break from|taking a break|for exams|new account|of the year|new year|till next|until next|see you all|catch you|ttyl|talk later|going offline|logging off)'
	],
	/** Ordinary medicine-taking. */
	medication: [
		'(like|as) (the)? (doctor|gp|nurse|pharmacist) (said|told me|says|prescribed)',
		'(prescribed|prescription|pharmacy|antibiotics|inhaler|chemist)',
		'for (my|the|a|this) (headache|asthma|period|periods|cold|flu|blood pressure|migraine|acne|allergies|hayfever|hay fever|pain|cramps|tooth)',
		'(need to buy more|ran out|run out|need more)'
	],
	/** Hypothetical: a dream, a what-if. */
	hypothetical: [
		'(dream|dreamt|dreamed|nightmare|what if|would you rather|hypothetically|in a game|in the game)'
	],
	/** Means it: lifts an idiom ("gonna kill him") back to its own level. */
	serious: [
		'(genuinely|actually|seriously|i mean it|not joking|im not joking|no joke|thought about how|thought of how|deadass|for real for real)'
	]
};

export type CueKind = keyof typeof CUES;
