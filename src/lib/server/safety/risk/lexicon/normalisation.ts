/**
 * Data for the normalisation step (see ../normalise.ts for what happens in which order).
 *
 * To extend: add entries here; no code change is needed. Keys of EXPANSIONS are written as
 * people type them (lowercase, no apostrophes); repeated letters are collapsed on load, so
 * "kmsss" and "kms" both hit the "kms" entry.
 */

/** Leetspeak digits and symbols, applied only inside tokens that also contain letters. */
export const LEET: Readonly<Record<string, string>> = {
	'0': 'o',
	'1': 'i',
	'3': 'e',
	'4': 'a',
	'5': 's',
	'7': 't',
	'8': 'b',
	'9': 'g',
	'@': 'a',
	$: 's',
	'!': 'i',
	'|': 'l',
	'+': 't'
};

/** Tokens with digits that are NOT leetspeak: times, ordinals, units ("4am", "2nd", "20mg"). */
export const NOT_LEET =
	/^\d+(?:am|pm|st|nd|rd|th|mg|g|kg|k|s|x|ml|km|yrs?|hrs?|mins?|days?|kcal|cals?|lbs?|m)$/;

/** Look-alike letters from other scripts that NFKC leaves alone (Cyrillic, Greek). */
export const CONFUSABLES: Readonly<Record<string, string>> = {
	а: 'a',
	е: 'e',
	і: 'i',
	о: 'o',
	р: 'p',
	с: 'c',
	у: 'y',
	х: 'x',
	ѕ: 's',
	ј: 'j',
	к: 'k',
	м: 'm',
	т: 't',
	н: 'h',
	в: 'b',
	ι: 'i',
	ο: 'o',
	α: 'a',
	ε: 'e',
	κ: 'k',
	ν: 'v',
	τ: 't'
};

/**
 * Emoji become words so that rules can use them: "i want to 🪦" reads as "i want to
 * e_grave", and 💀/😂 count as laughter. Unlisted emoji are dropped.
 */
export const EMOJI: Readonly<Record<string, string>> = {
	'🔪': 'e_knife',
	'🗡': 'e_knife',
	'💊': 'e_pills',
	'🪦': 'e_grave',
	'⚰': 'e_coffin',
	'⚱': 'e_coffin',
	'🩸': 'e_blood',
	'🪢': 'e_rope',
	'🔫': 'e_gun',
	'🌉': 'e_bridge',
	'🚆': 'e_train',
	'🚂': 'e_train',
	'💀': 'e_skull',
	'☠': 'e_skull',
	'😂': 'e_lol',
	'🤣': 'e_lol',
	'😹': 'e_lol',
	'😆': 'e_lol',
	'😭': 'e_sob',
	'😢': 'e_sad',
	'😞': 'e_sad',
	'😔': 'e_sad',
	'💔': 'e_sad',
	'🥀': 'e_sad',
	'👋': 'e_wave',
	'🫂': 'e_hug',
	'❤': 'e_love',
	'💛': 'e_love',
	'💕': 'e_love',
	'💜': 'e_love',
	'💙': 'e_love',
	'💚': 'e_love',
	'🖤': 'e_love',
	'🤍': 'e_love',
	'🧡': 'e_love',
	'💪': 'e_strong',
	'🎉': 'e_party',
	'🥳': 'e_party'
};

/**
 * Abbreviations, euphemisms and common misspellings, expanded to the words the rules use.
 * Expansion happens per token, after leetspeak and after collapsing repeated letters.
 */
export const EXPANSIONS: Readonly<Record<string, string>> = {
	// self-harm / suicide shorthand
	kms: 'kill myself',
	kmsl: 'kill myself',
	ctb: 'kill myself',
	kys: 'kill yourself',
	kyss: 'kill yourself',
	killmyself: 'kill myself',
	killurself: 'kill yourself',
	killyourself: 'kill yourself',
	iwanttodie: 'i want to die',
	wanttodie: 'want to die',
	sh: 'self harm',
	shd: 'self harmed',
	shing: 'self harming',
	selfharm: 'self harm',
	selfharming: 'self harming',
	selfharmed: 'self harmed',
	sewerslide: 'suicide',
	suicde: 'suicide',
	sucide: 'suicide',
	suiside: 'suicide',
	suacide: 'suicide',
	sucidal: 'suicidal',
	suicidle: 'suicidal',
	suisidal: 'suicidal',
	sucidle: 'suicidal',
	// common text speak
	u: 'you',
	ur: 'your',
	urself: 'yourself',
	ya: 'you',
	yh: 'yeah',
	wanna: 'want to',
	wana: 'want to',
	wannna: 'want to',
	gonna: 'going to',
	gona: 'going to',
	gunna: 'going to',
	finna: 'going to',
	tryna: 'trying to',
	gotta: 'got to',
	cuz: 'because',
	coz: 'because',
	cos: 'because',
	bc: 'because',
	dnt: 'dont',
	dun: 'dont',
	cnt: 'cant',
	idk: 'i dont know',
	idc: 'i dont care',
	idek: 'i dont even know',
	ik: 'i know',
	iykyk: 'if you know you know',
	ngl: 'not going to lie',
	tbh: 'to be honest',
	fr: 'for real',
	frfr: 'for real',
	tn: 'tonight',
	tonite: 'tonight',
	'2nite': 'tonight',
	'2night': 'tonight',
	tmrw: 'tomorrow',
	tmr: 'tomorrow',
	tmoz: 'tomorrow',
	tomoz: 'tomorrow',
	'2moro': 'tomorrow',
	'2morrow': 'tomorrow',
	'2day': 'today',
	tday: 'today',
	b4: 'before',
	pls: 'please',
	plz: 'please',
	plez: 'please',
	msg: 'message',
	msgs: 'messages',
	bf: 'boyfriend',
	gf: 'girlfriend',
	bsf: 'best friend',
	bff: 'best friend',
	bestie: 'best friend',
	no1: 'no one',
	cannot: 'cant',
	noone: 'no one',
	every1: 'everyone',
	any1: 'anyone',
	some1: 'someone',
	ppl: 'people',
	abt: 'about',
	bout: 'about',
	wiv: 'with',
	wid: 'with',
	w: 'with',
	nuffin: 'nothing',
	nothin: 'nothing',
	nomore: 'no more',
	evry: 'every',
	ded: 'dead',
	dieee: 'die',
	lmfao: 'lmao',
	lolol: 'lol',
	nudez: 'nudes',
	paracetomol: 'paracetamol',
	paracetemol: 'paracetamol',
	parecetamol: 'paracetamol',
	paracetamols: 'paracetamol',
	laxies: 'laxatives',
	// London / multicultural slang that matters to the rules
	ching: 'knife',
	chings: 'knives',
	nank: 'knife',
	bora: 'stab',
	borad: 'stabbed',
	merk: 'kill',
	merked: 'killed'
};

/**
 * Single letters spaced out ("k y s", "k.m.s") are joined when the joined form is one of
 * these, so spacing does not hide them.
 */
export const SPACED_OUT = ['kys', 'kms', 'sh', 'ctb'];
