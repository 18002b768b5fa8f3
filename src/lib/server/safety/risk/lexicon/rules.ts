/**
 * Risk phrases. Each rule gives the level when the writer says it plainly about themselves,
 * now; the context modifiers (lexicon/context.ts) then lower it (negated, past, someone
 * else, a joke about homework…) and ESCALATIONS (lexicon/signals.ts) raise it (a time, the
 * means, a goodbye).
 *
 * To add a phrase: find the rule with the same meaning and add a pattern, or add a rule.
 * Add a labelled example to tests/unit/safety/risk-cases.ts, and a figurative look-alike
 * to make sure it stays `none`. Patterns: see ../pattern.ts; word lists: macros.ts.
 */
import type { RiskRule } from './schema';

export const RISK_RULES: RiskRule[] = [
	// ───────────────────────────── suicide ─────────────────────────────
	{
		id: 'suicide.wish_to_die',
		category: 'suicide',
		level: 'high',
		reason: 'wish to die',
		pattern: [
			'<want_to> (just|really|actually|honestly|literally|lowkey|genuinely)? <die> !(of|for|in|on|laughing|from|inside|trying|when|if)',
			'(wanna|want|wish|wishing|just) (just|really|to)? die !(of|for|in|on|laughing|from|inside|trying|when|if)',
			'(rather|sooner) (be dead|die) !(than|of|for)',
			'(rather|sooner) (be dead|die) than (go|going|live|living|be|being|face|deal)',
			'why (cant|wont) i (just)? die',
			'i (should|shud) (just)? die',
			'cant wait to die',
			'(hope|hoping|praying|pray) (that)? (i|ill) die'
		]
	},
	{
		id: 'suicide.wish_dead',
		category: 'suicide',
		level: 'high',
		reason: 'wish to be dead',
		pattern: [
			'(wish|wished|wishing) (that)? i (was|were|could be|would be|was just) dead',
			'(wish|wished|wishing) (that)? i (wasnt|werent|was not|were not|didnt exist|did not exist) (alive|here|around|existing)?',
			'(wish|wished|wishing) i could (just)? (not exist|stop existing|disappear forever)',
			'(want|wanna|wish) to (just)? (not be|stop being) (alive|here|around)',
			'(better|happier) off dead',
			'(just)? (not exist|stop existing) (anymore)?$'
		]
	},
	{
		id: 'suicide.kill_myself',
		category: 'suicide',
		level: 'high',
		reason: 'thoughts of killing themself',
		about: 'self',
		pattern: [
			'<self_kill_verb> <myself> !(a|an|some|laughing|with laughter|revising|working|trying|in the foot|in the leg)',
			'(take|taking|took|end|ending) my (own)? life',
			'(commit|committing|committed) <suicide_word>'
		]
	},
	{
		id: 'suicide.unalive',
		category: 'suicide',
		level: 'high',
		reason: 'thoughts of killing themself',
		pattern: [
			'<thinking_of> (unaliving|unalive|being unalive)',
			'(unaliving|unalive) (again|thoughts)'
		]
	},
	{
		id: 'suicide.suicidal',
		category: 'suicide',
		level: 'high',
		reason: 'suicidal thoughts',
		pattern: [
			'suicidal !(doors|door|squad|mission|tendencies in|tendency in)',
			'<thinking_of> (suicide|sewer slide|sewer side|dying|being dead|my death|ending it|ending my life|ending things|not being here|not being alive|my funeral)',
			'cant stop (thinking about|thinking of) (suicide|dying|death|killing myself|ending it)',
			'suicide (thoughts|ideation|plan|plans|attempt|attempts)',
			'(considering|contemplating|planning|attempting|attempt|attempted) (suicide|sewer slide)'
		]
	},
	{
		id: 'suicide.attempt_before',
		category: 'suicide',
		level: 'high',
		reason: 'a suicide attempt',
		pattern: [
			'i (attempted|tried) (before|suicide|when|at|last|in|a|#)',
			'my (last|first|second|previous) (attempt|overdose)',
			'(survived|after) my (attempt|overdose)'
		]
	},
	{
		id: 'suicide.end_it',
		category: 'suicide',
		level: 'high',
		reason: 'thoughts of ending their life',
		pattern: [
			'(end|ending|ended) (it all|it|everything|things|my life|all of this|all this) !(with|for|here|there|at|early|off|on|between|in|by|the)',
			'(want|wanna|going to|gonna) it (all)? to (end|be over|stop)$',
			'(want|wanna) (the pain|this pain|it all|everything|all of this|all this) to (stop|end|be over)',
			'(just)? (be|get) it (all)? over with$'
		]
	},
	{
		id: 'suicide.not_want_to_live',
		category: 'suicide',
		level: 'high',
		reason: 'does not want to be alive',
		negated: true,
		pattern: [
			'(dont|do not|dont even|dont really|dont think i) (want|wanna) (to)? (be alive|live|exist|be here anymore|be here no more|be here any longer|be around anymore) !(in|with|at|near|there|abroad|on|like that|for)',
			'(dont|do not) (want|wanna) to live like (this|that) (anymore)?',
			'(dont|do not|cant) see (the|a|any) point (in|of) (living|being alive|life|going on|being here|existing)',
			'(no|nothing) (point|reason) (in|of|to)? (living|live|being alive|go on|going on|being here|existing|stay alive|staying alive)',
			'(whats|what is|is there) (even)? (the|any) point (in|of) (living|being alive|life|going on|being here|existing)',
			'nothing (left)? to live for',
			'(dont know|dont even know|not sure|unsure|idk) (if|whether) i (even|still|really)? (want|wanna) (to)? (live|be alive|be here|exist|stay alive|carry on living) (anymore|any more|$)',
			'(do|should) i (even|still|really)? (want|wanna) (to)? (live|be alive|be here|exist) (anymore|any more|$)',
			'why am i (even|still)? (alive|here|living|breathing)',
			'(wont|will not|not going to|dont think ill|wont be|will not be) be (around|here|alive) (much)? (longer|for long|anymore|tomorrow|by)',
			'(tired|sick) of (living|being alive|life|existing)'
		]
	},
	{
		id: 'suicide.passive_wish',
		category: 'suicide',
		level: 'high',
		reason: 'wishes not to wake up',
		passive: true,
		negated: true,
		pattern: [
			'(wish|hope|hoping|wishing|pray|praying) .. (didnt|wouldnt|dont|never|not|wont|will not) wake up',
			'(wouldnt|would not|dont|do not) mind if i (died|didnt wake up|never woke up|was dead|wasnt here|got hit)',
			'(sleep|slep) and (never|not) wake up',
			'(sleep|slep) forever',
			'(dont|do not) (want|wanna) (to)? wake up !(early|at|for|before)'
		]
	},
	{
		id: 'suicide.burden_better_without_me',
		category: 'suicide',
		level: 'high',
		reason: 'believes others would be better off without them',
		about: 'self',
		negated: true,
		pattern: [
			'(better|happier|easier) (off)? without me',
			'(better|happier|easier) (off)? if i (was|were|wasnt|werent) (dead|gone|here|around|alive|born)',
			'(better|happier|easier) (off)? if i (died|disappeared forever|killed myself|didnt exist)',
			'(no one|nobody|noone) (would|will|wud|is going to|even)? (care|notice|miss me|cry) .. if i (died|was dead|were dead|killed myself|wasnt alive|disappeared forever)',
			'(no one|nobody) (would|will)? (come to|go to) my funeral'
		]
	},
	{
		id: 'suicide.third_person',
		category: 'suicide',
		level: 'high',
		reason: 'someone else is suicidal',
		about: 'other',
		pattern: [
			'(kill|killing|killed|unalive|hang|hanging|hurt|hurting|end) (himself|herself|themselves|themself|theirself|hisself)',
			'<third_person> .. (wants|wanted|keeps wanting|want|is going|was going|is gonna|says .. wants) to (die|be dead|end it|end her life|end his life|end their life) !(of|for|in|on|laughing|from|inside)',
			'(shes|hes|theyre|she is|he is|they are|is) (being)? suicidal'
		]
	},

	// ─────────────────────────── self-harm ───────────────────────────
	{
		id: 'self_harm.cutting',
		category: 'self_harm',
		level: 'high',
		reason: 'cutting themself',
		pattern: [
			'<cut_verb> (myself|me) !(a|an|some|off|short|out|free|slack|loose|shaving|on|by|accidentally)',
			'<cut_verb> my <body_part>',
			'<cut_verb> (again|deeper)',
			'i (cut|cuts|sliced) (last night|yesterday|today|this morning|earlier|again|tonight|and|deep|every)',
			'(want|wanna|need|going|gonna|about|urge|urges|itching|thinking about|thinking of) to? <cut_verb> !(my hair|it|the|class|school|lessons|down|back|off|out|him|her|them|you|ties|a|some|my fringe|my nails|your|class|in|corners|carbs|sugar|people)',
			'(started|start|starting|been) (cutting|cuting) (again|myself|my|$)',
			'(cuts|scars|scratches) on my <body_part>',
			'covered in (cuts|scars|scratches)',
			'(hide|hiding|cover|covering) (my|the) (cuts|scars|wrists|arms|thighs)',
			'(use|used|using) (the|a|my) (blade|blades|razor blade) (from|out of|to)?',
			'blade (from|out of) (my|a) sharpener',
			'cat scratches .. (if you know|you know what i mean|wink|lol|iykyk)',
			'(used to|use to) (cut|self harm)'
		]
	},
	{
		id: 'self_harm.self_harm',
		category: 'self_harm',
		level: 'high',
		reason: 'self-harm',
		pattern: [
			'<self_harm_word> !(awareness|prevention|in young|in teens|statistics|is a|doesnt make|is not|isnt|charity|helpline|free|clean)',
			'self harm free !(for|since|today)'
		]
	},
	{
		id: 'self_harm.hurting_myself',
		category: 'self_harm',
		level: 'high',
		reason: 'hurting themself on purpose',
		about: 'self',
		pattern: [
			'(hurt|hurting|harm|harming|burn|burnt|burned|burning|hit|hitting|punch|punching|bruise|bruising|punish|punishing|bite|biting|stab|stabbing) <myself> !(on|by|accidentally|playing|at|in pe|laughing)',
			'(make|made|making) myself (bleed|bled|bleeding|hurt|suffer)',
			'(scratch|scratching|scratched|pick|picking|pull|pulling|dig|digging) .. (till|until|til|untill|so) (it|they|my skin)? (bleeds|bleed|bled|bleeding)',
			'(punch|punching|punched|hit|hitting|smash|smashing) (the|my)? (wall|walls|mirror|door|doors) .. (until|till|til|so) .. (bleed|bleeds|bled|bleeding|break|broke|bruised)',
			'(deserve|deserved) (to|the)? (hurt|pain|be hurt|suffer|feel pain|bleed)'
		]
	},
	{
		id: 'self_harm.urges',
		category: 'self_harm',
		level: 'high',
		reason: 'self-harm urges',
		pattern: [
			'(self harm|sh|cutting|cut) urges',
			'(urge|urges) to (self harm|hurt myself|cut|sh|burn myself)',
			'(thinking|thought|thinking about|keep thinking) (about|of) (cutting|self harming|hurting myself|self harm)'
		]
	},
	{
		id: 'self_harm.urge_resisted',
		category: 'self_harm',
		level: 'concern',
		reason: 'resisted a self-harm urge',
		pattern: [
			'(urge|urges) .. (but|and) i (didnt|did not|resisted|held off|didnt do it|managed not to)',
			'(snap|snapping|ping) (a|the|my)? (hair band|hairband|elastic band|rubber band|band)',
			'instead of (cutting|self harming|hurting myself)'
		]
	},
	{
		id: 'self_harm.relapse',
		category: 'self_harm',
		level: 'high',
		reason: 'relapse',
		current: true,
		pattern: [
			'relapse (again|last night|today|yesterday)',
			'relapsed !(on|with|into (smoking|vaping|drinking))',
			'(broke|lost|ended|ruined) my (sh|self harm|clean) streak'
		]
	},
	{
		id: 'self_harm.third_person',
		category: 'self_harm',
		level: 'high',
		reason: 'someone else self-harms',
		about: 'other',
		pattern: [
			'(cuts|cut|hurts|hurt|burns|burnt) (herself|himself|themselves|themself)',
			'(shes|hes|theyre|she is|he is|has been|have been|been) (cutting|self harming) !(class|school|lessons|her hair|his hair)',
			'(she|he|they) (self harm|self harms)'
		]
	},
	{
		id: 'self_harm.poison',
		category: 'self_harm',
		level: 'imminent',
		reason: 'has swallowed something dangerous',
		about: 'self',
		pattern: [
			'(i|ive|just|have) (drank|drunk|swallowed|had|downed|necked) (some|a bottle of|the)? (bleach|cleaning stuff|antifreeze|poison|weed killer|detergent)'
		]
	},
	{
		id: 'self_harm.emergency',
		category: 'self_harm',
		level: 'imminent',
		reason: 'a self-harm injury that may need urgent care',
		pattern: [
			'(cut|cuts|went|gone|cutting|sliced) .. (too|really|so|very|way too) deep',
			'(cut|cuts|cutting) .. (need|needs|needed) stitches'
		]
	},

	// ─────────────── overdose, means in hand, goodbyes (suicide, imminent) ───────────────
	{
		id: 'suicide.overdose_taken',
		category: 'suicide',
		level: 'imminent',
		reason: 'an overdose, taken or about to be',
		about: 'self',
		medication: true,
		pattern: [
			'(took|taken|swallowed|downed|necked|had|take|taking|swallow|swallowing) <quantity> ... <pills>',
			'overdosed !(on (caffeine|coffee|sugar|redbull|red bull|energy drinks|monster|tiktok|netflix|chocolate|sweets|love|music))',
			'(i|ive|just|have|already|had) od (on|last|just|an hour|earlier|tonight)',
			'overdosed (on|with) (<pills>|my|pills)'
		]
	},
	{
		id: 'suicide.last_post',
		category: 'suicide',
		level: 'imminent',
		reason: 'a goodbye message',
		farewell: true,
		pattern: [
			'(this is|this will be|thisll be|heres|here is|this be) (my)? (last|final) (post|message|text|goodbye|time posting|words)',
			'(last|final) (post|message|text|words) (from me|ever)',
			'this is (goodbye|the end) (forever|everyone|guys|all|$)',
			'(goodbye|bye) (forever|world|cruel world)',
			'(goodbye|bye) (everyone|everybody|all|guys|yall|world|friends) .. (love (you|u)|ily|sorry|thank you|thanks)',
			'by the time (you|anyone|someone|people|yall|u|you all|my mum|my family) (read|reads|see|sees|find|finds) this'
		]
	},
	{
		id: 'suicide.note',
		category: 'suicide',
		level: 'imminent',
		reason: 'has written a suicide note',
		about: 'self',
		pattern: [
			'(written|wrote|writing|finished|left|leaving) my (suicide|goodbye)? note !(s|book|books)',
			'(suicide|goodbye) (note|notes|letter|letters)',
			'(sorted|sorting|decided|deciding|written down) (out)? who (gets|should get|can have) my (stuff|things|clothes|phone)',
			'(giving|gave|give) away (all)? my (stuff|things|clothes|belongings)'
		]
	},
	{
		id: 'suicide.at_the_place',
		category: 'suicide',
		level: 'imminent',
		reason: 'at a dangerous place',
		about: 'self',
		pattern: [
			'(standing|stood|sat|sitting|im|i am|lying|laying|waiting) (on|at|by|near) (the)? (train tracks|tracks|railway|railway line|edge of the <high_place>|ledge|edge|top of the <high_place>)',
			'(on|at) (the)? (roof|top|edge) (of)? (the)? (<high_place>)? .. not coming (down|back)',
			'(next|the next) train (and|then) (its|it is|ill be|im) (over|gone|done)'
		]
	},
	{
		id: 'suicide.method_intent',
		category: 'suicide',
		level: 'high',
		reason: 'thoughts of a method of suicide',
		pattern: [
			'(jump|jumping|throw myself|step|stepping) (off|of|from|in front of|infront of) (a|the|this|that|my)? (<high_place>|train|trains|bus|lorry|car|cars|e_train|traffic)',
			'(walk|walking|swim|swimming) (into|in to|out into) (the)? (sea|river|ocean|canal|thames|lake|traffic)',
			'(hang|hanging) myself'
		]
	},

	// ───────────────────────── abuse disclosure ─────────────────────────
	{
		id: 'abuse.physical',
		category: 'abuse_disclosure',
		level: 'high',
		reason: 'someone is physically hurting them',
		about: 'self',
		pattern: [
			'<abuser> (always|keeps|kept|still|also|even|sometimes|then|just|already|literally|again|is|was|has been|started|keeps on)? (hits|hit|hitting|punches|punched|punching|slaps|slapped|slapping|kicks|kicked|kicking|chokes|choked|choking|strangles|strangled|strangling|batters|battered|battering|whips|whipped|whipping|attacks|attacked|attacking|burns|burnt|burned|burning|headbutted|bit|bites|pushes|pushed|shoves|shoved|smacks|smacked|strikes|throttles) me !(up|with the|with that|with a text|back|in fifa|in fortnite|at|on snap|on insta|to it|by)',
			'<abuser> (always|keeps|still|also|sometimes|then|just|already|literally|again)? (beats|beat|beating) me !(at|in|to|by|on)',
			'<abuser> (always|keeps|still|sometimes|then|just|already|literally|again)? (beat|beats|beating) me up',
			'<abuser> ... (hits|hit|beats|beat|punches|slaps|kicks|whips|batters|hurts) me (with|when|if|every|all|and|for|because|cause|till|until|so|$)',
			'<abuser> (used to|use to|would|always used to) (hit|beat|punch|slap|kick|whip|batter|hurt|burn|choke|touch|abuse|rape) me',
			'(got|get|getting|been) (beaten|beat|battered|hit|punched|slapped|whipped|attacked) (up)? (by) <abuser>',
			'(bruises|marks|bruise) (from|where) <abuser>',
			'<abuser> (locks|locked|lock) me (in|out)',
			'(doesnt|dont|wont|doesn|never) (let|lets) me (eat|have food|out of my room|leave)'
		]
	},
	{
		id: 'abuse.household_violence',
		category: 'abuse_disclosure',
		level: 'high',
		reason: 'violence at home',
		about: 'self',
		pattern: [
			'<abuser> ... (hitting|beating|punching|hurting|attacking|strangling|choking|battering) (my mum|my mom|my dad|my sister|my brother|us|my little sister|my little brother|my nan)',
			'<abuser> (hits|hit|beats|beat|punches|punched|chokes|choked|attacks|attacked) (my mum|my mom|my sister|my brother|us|my little sister|my little brother)'
		]
	},
	{
		id: 'abuse.threat',
		category: 'abuse_disclosure',
		level: 'high',
		reason: 'someone has threatened to hurt them',
		about: 'self',
		pattern: [
			'(will|ill|hell|shell|theyll|theyd|hed|shed|going to|gonna|would|is going to|are going to|threatened to|threatening to|threatens to|wants to|said .. (will|would|going to)) (hurt|stab|shank|batter|beat|hit|jump|wet|merk|bang|shoot|rape|burn|smash) me !(in|at|if (i|you) (lose|win|beat))',
			'if i (tell|told|snitch|snitched|say) (anyone|anything|someone|my|the|on)? .. (hurt|kill|stab|shank|batter|beat|hit|jump|wet|merk|shoot) (me|my)',
			'if i (dont|wont|refuse to|say no|stop|do not|try to leave|leave) ... (theyll|hell|shell|they will|he will|she will|theyre going to|hes going to|shes going to|theyd|hed|shed|they would|he would) (hurt|kill|stab|shank|batter|beat|hit|jump|wet|merk|shoot|do something to) (me|my|us)',
			'(keep|keeps|kept|always) (robbing|jumping|beating up|battering|threatening|following|stalking) me',
			'(said|says|threatened|threatening) .. (theyll|hell|shell|they will|he will|she will|going to) (hurt|kill|stab|shank|batter|beat|hit|wet|merk|shoot|bang) (my|me)',
			'(scared|afraid|frightened|terrified) (of|to go|of going) home (because|cause|cos|coz|as)'
		]
	},
	{
		id: 'abuse.threat_to_kill',
		category: 'abuse_disclosure',
		level: 'high',
		reason: 'someone has threatened to kill them',
		about: 'self',
		idiom: true,
		pattern: [
			'(will|ill|hell|shell|theyll|theyd|hed|shed|going to|would|threatened to|threatening to|threatens to|wants to|trying to|tried to) kill me !(in|at|if (i|you) (lose|win|beat))'
		]
	},
	{
		id: 'abuse.sexual',
		category: 'abuse_disclosure',
		level: 'high',
		reason: 'sexual abuse or assault',
		about: 'self',
		pattern: [
			'<abuser> ... (touch|touches|touched|touching|groped|gropes|groping|molested|molests|molesting|raped|rapes|rape|fingered|feels) me !(up)',
			'<abuser> (keeps|keep|kept|always|still)? (touching|groping|feeling) me',
			'(i was|i got|ive been|i have been|been|was|got) (raped|sexually assaulted|assaulted|molested|abused|groped|spiked|touched up|sexually abused|trafficked)',
			'(makes|made|make|forces|forced|force|pressures|pressured|pressuring|forcing) me (to)? (do|have|send|watch|touch) .. (stuff|things|sex|sexual|pics|photos|nudes|it|him|her)',
			'(wants|want) me to (do)? (things|stuff|sexual things) (for|to|with) (him|her|them)',
			'(comes|came|coming|sneaks) (into|in to|in) my (room|bed|bedroom) (at night|when|while)',
			'(rape|raped|assault|assaulted|abuse|abused) me'
		]
	},
	{
		id: 'abuse.grooming_images',
		category: 'abuse_disclosure',
		level: 'high',
		reason: 'pressured for images or blackmailed',
		about: 'self',
		pattern: [
			'(threatening|threatened|threatens|going to|gonna|will|said .. will) (to)? (share|post|leak|send|expose|put out|spread) my (nudes|pics|photos|pictures|videos|nude)',
			'(blackmail|blackmailing|blackmailed|sextort|sextorting|sextortion) (me|us)?',
			'unless i (send|sent|sending) (him|her|them)? (pics|photos|nudes|pictures|videos)',
			'(asking|asks|asked|keeps asking|wants|wanted|begging|pressuring) me (for|to send) (pics|photos|nudes|pictures|nude pics|videos|sexy pics)'
		]
	},
	{
		id: 'abuse.exploitation',
		category: 'abuse_disclosure',
		level: 'high',
		reason: 'criminal exploitation',
		about: 'self',
		pattern: [
			'(make|makes|made|forcing|forced|force|got|get|getting) (me|us) (to)? (hold|deliver|sell|carry|run|move|drop|stash|shot|shotting|cotch) .. (packages|parcels|stuff|food|bags|drugs|things|for them|for him|lines)?',
			'(i|we) (owe|still owe) (them|him|the olders|the older boys|the gang|money)',
			'(do|doing|did) (a|the)? (run|runs|drop|drops) (to|for|out)',
			'(county lines|trap house|going country|going ots|cuckooed|cuckooing)',
			'(gave|give|given) me (a|the) (phone|burner) (and|to)',
			'cant (get out|escape|get away) (of it|of this|from them|from him|$)'
		]
	},
	{
		id: 'abuse.forced_marriage_fgm',
		category: 'abuse_disclosure',
		level: 'high',
		reason: 'forced marriage or FGM',
		about: 'self',
		pattern: [
			'(forcing|forced|force|making|make|makes|pressuring) me (to)? (marry|get married)',
			'(taking|sending|send|take|takes|sent) me (back)? .. (to)? (marry|get married|be married|get cut|be cut)',
			'(going|go|taking me|sending me|take me) back home .. (to)? (get|be) (cut|married)',
			'(fgm|female circumcision|cutting ceremony|get circumcised|be circumcised)',
			'(marry|married to) (my cousin|a man|an old man|someone) .. (dont want|do not want|never met|against)'
		]
	},
	{
		id: 'abuse.partner_control',
		category: 'abuse_disclosure',
		level: 'high',
		reason: 'controlling or violent relationship',
		about: 'self',
		pattern: [
			'<partner> .. (chokes|choked|strangles|strangled) me',
			'(says|said) .. because (he|she) loves me'
		]
	},
	{
		id: 'abuse.kicked_out',
		category: 'abuse_disclosure',
		level: 'high',
		reason: 'has nowhere safe to stay',
		about: 'self',
		pattern: [
			'(kicked|threw|thrown|chucked) me out !(of (the|my|our) (group|gc|chat|class|lesson|game|team|server|club|shop|match|party))',
			'(sleeping|staying|living) (at|in|on) (random|strangers|the street|the streets|a park|peoples houses|a car)',
			'(nowhere|no where) (safe)? to (sleep|stay|go) (tonight)?'
		]
	},
	{
		id: 'abuse.home_unsafe',
		category: 'abuse_disclosure',
		level: 'concern',
		reason: 'does not feel safe at home',
		about: 'self',
		pattern: [
			'(dont|do not|never) feel safe (at home|in my (house|home|room)|at my (dads|mums|house))',
			'(scared|afraid|frightened|terrified) (to go|of going|to be|of being) (home|at home)',
			'(argue|arguing|argues|fight|fighting|fights|screaming|shouting|yelling) ... (scary|scared|scares me|hide|hiding|afraid|frightening|terrified)',
			'(shouts|shouting|yells|yelling|screams|screaming|swears) at me .. (calls|calling|called) me',
			'(calls|calling|called) me (stupid|worthless|useless|a failure|a mistake|fat|ugly|a waste) (all the time|every day|everyday|constantly)',
			'(licks|lickings|beatings|a beating|whooping|a whooping|the belt|slipper|the slipper) from (my)? <family>',
			'(got|get|getting) (licks|a beating|the belt|beaten) (again|from|when|if|for)'
		]
	},
	{
		id: 'abuse.told_to_kill_myself',
		category: 'abuse_disclosure',
		level: 'concern',
		reason: 'is being told to kill themself (bullied)',
		about: 'self',
		negated: true,
		pattern: [
			'(told|telling|tell|tells|said|saying|say|says|keep telling|keeps telling) me to (kill myself|kill yourself|die|go die|cut myself|unalive myself|hang myself|neck myself)'
		]
	},
	{
		id: 'abuse.third_person',
		category: 'abuse_disclosure',
		level: 'high',
		reason: 'someone else is being abused',
		about: 'other',
		pattern: [
			'<abuser> (hits|hit|beats|beat|punches|punched|slaps|slapped|kicks|kicked|touches|touched|abuses|abused|rapes|raped|hurts) (her|him|them) !(up|back)',
			'(she|he|they) (was|were|got|has been|have been) (raped|abused|groped|molested|sexually assaulted|beaten up)'
		]
	},

	// ───────────────────────── harm to others ─────────────────────────
	{
		id: 'harm.weapon_intent',
		category: 'harm_to_others',
		level: 'high',
		reason: 'intends to use a weapon on someone',
		pattern: [
			'(stab|stabbing|shank|shanking|wet|wetting|bora|poke|shoot|shooting|blast|bang|merk|merking) (him|her|them|that|the|someone|somebody|people|this|my|up|man|dem|him up|her up|them up)',
			'(taking|take|bringing|bring|brought|carrying|carry|got|have|ive got|im taking) (my|a|the|my brothers|my dads|my cousins)? .. (knife|blade|shank|gun|machete|zombie knife|e_knife|e_gun) (to|in|on|with|into) (school|college|the park|the party|me|my bag|my waistband|the estate|his|her|their|ends)',
			'(is|hes|shes|theyre|is gonna be|is going to be|hes gonna be|is getting) (getting|get)? (shanked|stabbed|wet|wet up|merked|shot|bora|boraed|blasted)',
			'(hes|shes|theyre|hes gonna be|hes going to be) getting it',
			'(smash|cave|kick) (his|her|their|your) (head|face|skull) in'
		]
	},
	{
		id: 'harm.want_to_kill',
		category: 'harm_to_others',
		level: 'high',
		reason: 'wants to kill or seriously hurt someone',
		idiom: true,
		pattern: [
			'(want|wanna|wanted|wish i could|going to|gonna|ill|will|im going to|swear ill|actually) (to)? (kill|murder|strangle|batter) (him|her|them|my|that|the|this|everyone|someone|somebody|people)',
			'(urges|urge|thoughts|thinking) (to|of|about) (hurt|hurting|kill|killing|stab|stabbing) (my|him|her|them|someone|people|somebody)',
			'(going to|gonna|will|ill) (hurt|kill) (someone|somebody) (bad|badly|for real|$)'
		]
	},
	{
		id: 'harm.urge_to_hurt',
		category: 'harm_to_others',
		level: 'concern',
		reason: 'urges to hurt someone',
		pattern: [
			'(want|wanna|feel like|felt like|wanted) (to)? (hurt|punch|hit|batter|attack|stab|smack|kill|hurting|punching|hitting|battering|attacking|stabbing|smacking|killing) (someone|somebody|people|everyone|anyone)',
			'(dream|dreamt|dreamed) .. (stabbed|killed|hurt|shot) (my|a|the|someone)'
		]
	},

	// ───────────────────────── eating disorder ─────────────────────────
	{
		id: 'eating.restriction',
		category: 'eating_disorder',
		level: 'high',
		reason: 'not eating on purpose',
		pattern: [
			'(havent|have not|hasnt|not|didnt|did not) (eaten|ate|eat|had food|had anything) (anything|properly|proper food|a meal)? (in|for) (#|a|like|about|over|nearly|almost|two|three|four|five|six|days|a week|weeks)',
			'(starve|starving|starved) (myself|me)',
			'(only|just) (eating|eat|ate|having|had|allowing myself) (#|like #|under #) (calories|cals|cal|kcal)',
			'(fainted|passed out|blacked out) ... (hadnt|havent|not|didnt) (eaten|eat|ate)',
			'(chew and spit|chewing and spitting)',
			'(not|havent|stopped) (eating|eaten) .. (on purpose|and im proud|and i feel proud|to lose weight|proud)',
			'(eating|eaten|ate) properly in (a|#|over) .. (and)? (i)? (feel|am|im) proud',
			'(havent|have not) eaten properly (in|for)'
		]
	},
	{
		id: 'eating.purging',
		category: 'eating_disorder',
		level: 'high',
		reason: 'making themself sick or misusing laxatives',
		pattern: [
			'(make|made|making|makes) (myself|me) (sick|throw up|vomit|puke)',
			'(purge|purging|purged|purges)',
			'(throw|throwing|threw) up after (i eat|eating|meals|every meal|i ate|dinner|lunch|food)',
			'(binge|binged|bingeing|binging) .. (throw up|threw up|purge|make myself sick|sick)',
			'(throw|throwing|threw) up (so|to) (i|not) .. (gain|put on|weight)',
			'(laxatives|diet pills|laxies|laxative) !(for constipation)'
		]
	},
	{
		id: 'eating.pro_ana',
		category: 'eating_disorder',
		level: 'high',
		reason: 'seeking pro-eating-disorder content',
		pattern: [
			'(pro ana|proana|pro mia|promia|thinspo|meanspo|bonespo|ana tips|mia tips|ana buddy|ana coach)'
		]
	},
	{
		id: 'eating.concern',
		category: 'eating_disorder',
		level: 'concern',
		reason: 'disordered eating thoughts',
		pattern: [
			'(feel|feeling|felt|im|i am|so|look) (so|really|super|too|just)? (fat|disgusting|gross|huge|massive) (and|after|when|every|$)',
			'(hate|hating|disgusted by|disgusted with) my (body|weight|stomach|thighs|belly)',
			'(guilty|disgusting|gross|like a pig) .. (eat|eating|ate|food)',
			'(skip|skipping|skipped) (lunch|meals|breakfast|dinner|food) .. (lose weight|to be skinny|so i|to get thin|to get skinny|weight)',
			'weigh myself',
			'(scared|afraid|terrified|fear) (of|to) (eating|eat|food|gaining weight|gain weight)',
			'(need|have|going|gonna) to (not eat|starve|fast|skip) (tomorrow|all day|for)',
			'(eating|eat) (once|one meal) a day',
			'(dont|do not) deserve (to eat|food|to have food)',
			'(count|counting|counts) (every)? (calorie|calories)',
			'(less than|under|below|max) # (calories|cals|kcal)'
		]
	},

	// ───────────────────────── low mood ─────────────────────────
	{
		id: 'low_mood.self_hatred',
		category: 'low_mood',
		level: 'concern',
		reason: 'self-hatred',
		about: 'self',
		idiom: true,
		pattern: [
			'(hate|hating|despise|loathe) (myself|my self|who i am|my life|me)',
			'(im|i am|feel like|feel|im such) (a|such a|the)? (worthless|useless|failure|burden|waste of space|mistake|disappointment|waste of oxygen|waste of air)',
			'i (ruin|ruined|mess up) everything',
			'(everyone|everybody) hates me',
			'(no one|nobody|noone) (cares|likes|loves|wants) (about)? me',
			'(wish|wished) i (was|were|had) never (been)? born'
		]
	},
	{
		id: 'low_mood.hopeless',
		category: 'low_mood',
		level: 'concern',
		reason: 'hopelessness',
		idiom: true,
		pattern: [
			'(whats|what is|what even is|wats) (even)? the point (anymore|of me|of anything|of trying|in trying|in anything|of it all|of life|$)',
			'(dont|do not|cant) see (the|a|any) point (in|of) (anything|trying|it all)',
			'(feel|feeling|im|i am|so|just|completely) (so|really|just|completely|totally)? (hopeless|empty|numb|dead inside|broken|lost|alone|lonely|worthless|useless|like nothing|like a burden|like im drowning|like giving up)',
			'(nothing|it never|it wont|it will never|things never|things wont|it doesnt|nothing will) (ever)? (gets|get|will get|is going to get|going to get|is getting) better',
			'life is (so)? (pointless|meaningless|hopeless|not worth it)',
			'(give|giving|gave) up (on everything|on life|on myself|$)',
			'(im|i am) (done|finished) with (everything|life|it all|everyone|all of this)',
			'(dont|do not) care (what happens to me|if i live|if i die|about anything anymore)',
			'(want|wanna|wish i could) (to)? (disappear|vanish|run away forever)',
			'(im|i am) (so)? (unhappy|miserable|depressed|sad all the time)',
			'(been|feel|feeling|im|i am|getting) (really|so|super|very)? depressed',
			'(think|thinking|thought) about death'
		]
	},
	{
		id: 'low_mood.would_anyone_notice',
		category: 'low_mood',
		level: 'concern',
		reason: 'wonders if anyone would notice they were gone',
		about: 'self',
		pattern: [
			'(would|will) (anyone|people|someone|anybody) (even)? (notice|care|miss me) if i (was|were|wasnt|disappeared|left|wasnt here|was gone)',
			'(anyone|people|someone|anybody) (would|will) (even)? (notice|care|miss me) if i (was|were|wasnt|disappeared|left|wasnt here|was gone)',
			'(no one|nobody|noone) (would|will)? (even)? (notice|care|miss me) if i (disappeared|was gone|left|ran away)'
		]
	},
	{
		id: 'low_mood.not_coping',
		category: 'low_mood',
		level: 'concern',
		reason: 'not coping',
		idiom: true,
		negated: true,
		pattern: [
			'(cant|cant even) (cope|take it|take this|take any more|take anymore|handle (it|this|anything|life|everything)|do this|go on|carry on|keep going) (anymore|no more|any longer|$|with)?',
			'(im|i am) not (ok|okay|alright|fine|coping)',
			'(im|i am|been) (really|so)? (struggling|not coping)',
			'(everything|life|my life) (is|feels) (falling apart|too much|so heavy|heavy|pointless)',
			'(cry|crying|cried) (myself)? to sleep',
			'cant stop crying',
			'(havent|have not) left my (room|bed|house) (in|for)',
			'cant face (anyone|people|the world|anything)',
			'(dont|do not) want to do anything (anymore)?',
			'(drowning|sinking) and (nobody|no one|noone) (notices|cares)',
			'(mentally|emotionally) (im|i am)? (not there|not ok|exhausted|drained|gone)',
			'(everything|it) (feels|is) (too much|so heavy|heavy) (right now|rn|$)',
			'(im|i am) (so)? tired of (everything|it all|everyone|trying)'
		]
	},
	{
		id: 'low_mood.kill_me',
		category: 'low_mood',
		level: 'concern',
		reason: 'asks to be killed',
		idiom: true,
		pattern: [
			'(just|pls|please|someone|somebody|can someone|could someone|would someone|somebody please|someone please) (kill|shoot|end) me',
			'(kill|shoot|end) me (now|already|pls|please)'
		]
	}
];
