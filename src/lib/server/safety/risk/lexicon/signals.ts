/**
 * Signals (a time, the means, a plan, a goodbye…) and how they raise a risk.
 *
 * A signal alone is not risk: "bought a rope for the climbing club" and "tonight's the night!"
 * stay `none`. With a risk found in the same message, ESCALATIONS decide the new level.
 */
import type { Escalation, SignalRule } from './schema';

export const SIGNALS: SignalRule[] = [
	{
		id: 'time.soon',
		kind: 'time',
		label: 'a time',
		pattern: [
			'(tonight|tomorrow|today|this weekend|this evening|this afternoon|after school|at midnight|in an hour|next week|right now|later tonight)',
			'after (my|the) (exam|exams|test|birthday|party|shift)',
			'(on|this|next) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)',
			'(monday|tuesday|wednesday|thursday|friday|saturday|sunday) (after school|night|morning|evening)',
			'when (everyone|everyones|my mum|my mom|my dad|my parents|mum|dad|mums|dads|they|theyre|the house|my family) (is|are|s|goes|go|gets|get)? (asleep|sleeping|at work|gone|in bed)',
			'when (everyone|everyones|my mum|my mom|my dad|my parents|mum|dad|mums|dads|my family) (is|are|s|goes|go)? out'
		]
	},
	{
		id: 'now.happening',
		kind: 'now',
		label: 'happening now',
		pattern: [
			'(right now|rn|at the moment|as we speak|currently)',
			'(banging on|trying to get into|trying to get in|kicking|breaking down) (my)? (bedroom)? (door|window)',
			'(outside|at) my (house|door|school|flat|window) (now|rn|right now)',
			'(hiding|locked myself|locked) in (the|my) (bathroom|toilet|room|wardrobe|cupboard|bedroom)'
		]
	},
	{
		id: 'means.pills',
		kind: 'means',
		label: 'the means',
		medication: true,
		pattern: ['<pills>', '(overdose|od|e_pills)']
	},
	{
		id: 'means.other',
		kind: 'means',
		label: 'the means',
		pattern: [
			'(rope|noose|ligature|e_rope)',
			'<weapon>',
			'(razor|razors|razor blade)',
			'(bleach|antifreeze|poison|weed killer)',
			'(train tracks|the tracks|railway|the station|next train|e_train)',
			'(the|a|that) (bridge|cliff|roof|multi storey|car park roof|ledge|e_bridge)'
		]
	},
	{
		id: 'plan.made',
		kind: 'plan',
		label: 'a plan',
		pattern: [
			'(know|knw|decided) (how|when|where) (im|i am|ill|i will|i)? (going to|gonna)? (do it|end it|do this|kill myself)',
			'(made|make|have|got|ive got|ive made) (a|my) plan (to|for)? !(for tonight|for the weekend|for today|for tomorrow)',
			'(been|was|am|im) planning (it|this|to end|my death|how)',
			'(decided|made up my mind|ive decided|my mind is made up)',
			'(saving|saved|stockpiling|stockpiled|hoarding|hoarded|collecting) (up)? (my)? <pills>',
			'looked up (how|the best way) (many|much|to)',
			'(have|got|ive got) everything (ready|sorted|planned)',
			'<pills> (lined up|counted|counted out|ready|in front of me|on my desk|saved)',
			'(have|got|holding|ive got) (the|a|my) (knife|blade|razor|rope|pills|tablets|e_knife) (in my hand|ready|right here|here|with me)',
			'(going to|gonna|about to) do it (tonight|now|today|soon|right now|rn|$)',
			'(its|it is) (done|decided) (now)?$',
			'(im|i am) doing it (tonight|today|tomorrow|when|after|this|at|soon|on|right now)',
			'(going to|about to|will|ill) do it (tonight|today|tomorrow|soon|right now|after school|later)'
		]
	},
	{
		id: 'farewell.words',
		kind: 'farewell',
		label: 'a goodbye',
		farewell: true,
		pattern: [
			'(goodbye|bye|farewell) (everyone|everybody|all|guys|yall|you all|friends|forever)',
			'this is goodbye',
			'(tonights|tonight is|today is|tomorrow is|tomorrows) (the night|the day)',
			'(love|luv) (you|u) (all|guys|so much|everyone)? .. (sorry|goodbye|bye|forgive)',
			'(sorry|apologies) for everything',
			'(thank|thanks|thankyou) (you|u)? (all|everyone|guys)? for (everything|trying|being there|being nice)',
			'(sorry|im sorry) i (wasnt|was not|couldnt be) (enough|good enough|better)',
			'tell my .. (i love her|i love him|i love them|i loved|im sorry)',
			'(dont|do not) (try to|come)? (find|look for|save|search for) me',
			'(and|then) (its|it will be|itll be) (all)? over',
			'(left|leaving|wrote|written|writing) (a|this)? (note|letter|letters) (for|to) (my|everyone)',
			'(ill|i will|im going to) be gone (soon|by|tomorrow|tonight|$)',
			'(last|final) (time|day) (youll|you will|anyone will|ever)'
		]
	},
	{
		id: 'emergency.bleeding',
		kind: 'emergency',
		label: 'an injury needing urgent care',
		pattern: [
			'(wont|doesnt|cant|isnt|not|wont stop|cannot) (stop)? bleeding',
			'(so much|loads of|lots of|a lot of|too much) (blood|e_blood)',
			'(feel|feeling|im) (dizzy|faint|lightheaded|like passing out) ',
			'(went|gone|cut) too far',
			'need stitches'
		]
	},
	{
		id: 'grooming.online_stranger',
		kind: 'grooming',
		label: 'signs of grooming',
		pattern: [
			'(met|meet|meeting|talking to|speaking to|chatting to|man|guy|someone|girl|woman|boy) .. (online|on (snap|snapchat|insta|instagram|tiktok|discord|roblox|whatsapp|twitter|omegle|fortnite|xbox|playstation|telegram))',
			'(man|guy|person|boy) from (online|snap|insta|tiktok|discord|roblox)',
			'(older|old) (guy|man|boy|girl|woman|person)',
			'(hes|shes|theyre|he is|she is|is) (#|like #|nearly #|almost #|in his #|in her #)',
			'# (years|yrs) older',
			'(im|i am) (only|just)? # (and|but|hes|shes)',
			'(keep|keeping) (it|this|us|our chats|our chat|us talking) (a)? secret',
			'(said|says|told me|asked me) (not to|to not|dont|never to) tell (anyone|my|your|no one|nobody)',
			'(our|a) (little)? secret',
			'(wants|wanted|asking|asked) (me)? to meet (up|him|her)',
			'(says|said) (he|she) loves me',
			'(get|got|getting) in (his|her|their) car',
			'(bought|buys|buying|sends|sent|gives|gave) me (gifts|presents|money|vapes|trainers|a phone)',
			'(asking|asks|asked|keeps asking|wants) (me)? (for|to send) (pics|photos|pictures)'
		]
	}
];

/** Applied in order; each may raise a finding once. */
export const ESCALATIONS: Escalation[] = [
	{
		id: 'suicide.high_with_signal',
		from: { categories: ['suicide'], levels: ['high'] },
		signals: ['time', 'means', 'plan', 'farewell'],
		to: 'imminent',
		reason: '{finding} with {signals}'
	},
	{
		id: 'suicide.concern_with_plan_or_goodbye',
		from: { categories: ['suicide', 'low_mood'], levels: ['concern'] },
		signals: ['plan', 'farewell'],
		to: 'imminent',
		reason: '{finding} with {signals}'
	},
	{
		id: 'suicide.concern_with_means',
		from: { categories: ['suicide', 'low_mood'], levels: ['concern'] },
		signals: ['means'],
		to: 'high',
		reason: '{finding} with {signals}'
	},
	{
		id: 'self_harm.emergency',
		from: { categories: ['self_harm'], levels: ['high', 'concern'] },
		signals: ['emergency'],
		to: 'imminent',
		reason: '{finding} with {signals}'
	},
	{
		id: 'harm.with_time_or_weapon',
		from: { categories: ['harm_to_others'], levels: ['high'] },
		signals: ['time', 'means'],
		to: 'imminent',
		reason: '{finding} with {signals}'
	},
	{
		id: 'abuse.happening_now',
		from: { categories: ['abuse_disclosure'], levels: ['high'] },
		signals: ['now'],
		to: 'imminent',
		reason: '{finding}, {signals}'
	},
	{
		id: 'suicide.signals_together',
		from: null,
		signals: ['means', 'plan', 'farewell'],
		minSignals: 2,
		to: 'imminent',
		category: 'suicide',
		reason: 'preparing to end their life: {signals}'
	},
	{
		id: 'self_harm.emergency_signs',
		from: null,
		signals: ['emergency'],
		minSignals: 2,
		to: 'imminent',
		category: 'self_harm',
		reason: 'an injury needing urgent care: {signals}'
	},
	{
		id: 'abuse.grooming_signs',
		from: null,
		signals: ['grooming'],
		minSignals: 2,
		to: 'high',
		category: 'abuse_disclosure',
		reason: 'possible grooming: {signals}'
	},
	{
		id: 'abuse.grooming_now',
		from: { categories: ['abuse_disclosure'], levels: ['high'] },
		signals: ['now'],
		to: 'imminent',
		reason: '{finding}, {signals}'
	}
];
