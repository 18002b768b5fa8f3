/**
 * Reusable word lists for patterns: `<want_to>` in a pattern stands for the list below.
 * Macros may use other macros. Words are written normally (collapsed on load).
 */
export const MACROS: Readonly<Record<string, string>> = {
	// who
	self_subject: 'i|im|ive|id|ill|i am|me',
	third_person:
		'he|she|they|hes|shes|theyre|his|her|their|him|them|someone|somebody|friend|mate|best friend|sister|brother|cousin|boyfriend|girlfriend|sis|bro',
	family:
		'dad|mum|mom|mam|father|mother|stepdad|stepmum|stepmom|step dad|step mum|uncle|aunt|aunty|auntie|brother|sister|cousin|grandad|grandpa|grandma|nan|nana|gran|parents|parent|carer|foster carer|family|brothers|sisters|cousins|uncles',
	partner: 'boyfriend|girlfriend|ex|partner|husband|wife|man|fiance',
	abuser:
		'he|she|they|hes|shes|theyre|them|<family>|<partner>|mums boyfriend|mums partner|dads girlfriend|dads partner|teacher|coach|tutor|imam|pastor|man|guy|men|boys|boy|girls|olders|someone|somebody|people|lads|mandem|gang|stepdad|stepmum',

	// wanting, intending
	want_to:
		'want to|wanted to|wanting to|wish to|wish i could|would like to|d like to|need to|just want to|really want to|ready to|going to|about to|trying to|try to|tried to|plan to|planning to|planning on|gonna',
	thinking_of:
		'think about|thinking about|thought about|thinking of|thought of|thoughts of|thoughts about|keep thinking about|considering|contemplating|fantasise about|fantasize about|dream about|dreaming about',
	die: 'die|be dead|be gone|e_grave|e_coffin|not be alive|stop existing|not exist',
	self_kill_verb:
		'kill|killing|killed|unalive|unaliving|unalived|end|ending|ended|top|topping|topped|hang|hanging|hanged|hung|drown|drowning|shoot|shooting|poison|poisoning|suffocate|suffocating',
	myself: 'myself|meself|my self|myslf|mself',
	suicide_word: 'suicide|sewer slide|sewer side|suicidal',
	self_harm_word:
		'self harm|self harming|self harmed|self harms|self injury|self injure|self injuring',
	body_part:
		'arm|arms|wrist|wrists|thigh|thighs|leg|legs|skin|stomach|hip|hips|body|ankles|ankle|belly|chest|shoulder|shoulders|hand|hands',
	cut_verb: 'cut|cuts|cutting|cuting|slice|slicing|slit|slitting|carve|carving|scratch|scratching',

	// means, times
	pills:
		'pills|tablets|paracetamol|painkillers|pain killers|meds|medication|medicine|sleeping pills|sleeping tablets|antidepressants|ibuprofen|aspirin|co codamol|codeine|e_pills|insulin',
	weapon: 'knife|knives|blade|blades|machete|shank|zombie knife|gun|e_knife|e_gun|burner|nank',
	high_place:
		'bridge|roof|building|cliff|car park|multi storey|balcony|block|tower|flyover|window|ledge|e_bridge',
	quantity:
		'all|all my|all of my|all the|the whole|a whole|a load of|loads of|lots of|a lot of|a bunch of|a handful of|a packet of|a box of|a bottle of|the rest of|like #|about #|over #|#',
	time_soon:
		'tonight|tomorrow|today|this weekend|this evening|this afternoon|after school|after my exam|after the exam|later|at midnight|soon|in an hour|this week|on monday|on tuesday|on wednesday|on thursday|on friday|on saturday|on sunday|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week|right now|when everyone is asleep|when everyones asleep'
};
