/**
 * The labelled TUNING set for assessRisk (the held-out set is risk-cases-holdout.ts).
 *
 * Written before the rules, in the way young people in the UK actually write: lowercase,
 * no punctuation, typos, slang, emoji, leetspeak. Labels are what a careful youth worker
 * would decide, not what the rules happen to say. Labelling choices for the hard cases:
 *
 * - Idioms about death/killing with no self-directed intent are `none`: "this homework is
 *   killing me", "i'd die for those trainers", "i'm dead 😂" (laughing), "my phone died",
 *   "my mum is gonna kill me", gaming ("i killed it", "got killed in cod"), "to die for".
 * - "kill me now" and "i'm so bored i could die" next to something trivial (a long lesson,
 *   a queue) are `none`: a request/hyperbole, not a wish to die.
 * - An EXPLICIT first-person death wish or "kms" next to something trivial ("kms i forgot my
 *   pe kit 😂", "i want to die 💀 my mum read my texts out") is `concern`, not `none`: we
 *   cannot tell the joke from the masked cry, and concern only flags it for staff and shows
 *   a gentle signpost. It never goes to `none` silently.
 * - "i want to die of embarrassment" (a set idiom) is `none`.
 * - Supportive/advice framing ("if you ever feel suicidal call samaritans") is `none`.
 * - Recovery ("2 years clean", "i was suicidal but therapy helped") is `none`; a bare past
 *   disclosure ("i used to cut") is `concern` (history matters, nothing current).
 * - Past ABUSE stays `high`: a first disclosure of historic abuse needs the safeguarding lead.
 * - Someone else at risk (quoted or reported: "my mate said 'i want to die'") is one level
 *   lower than if the writer said it, never below `concern`: a friend's imminent risk is
 *   `high` for us, a friend's suicidal thoughts or self-harm are `concern`.
 * - Negated risk ("i'm not going to hurt myself") is `concern`; hedges are not negation:
 *   "i dont think i want to be alive" is `high`.
 * - Self-harm with a time ("gonna cut tonight") is `high`; self-harm is `imminent` only when
 *   it is a medical emergency (bleeding that won't stop, an overdose taken).
 * - Lyrics, films, games and school lessons about suicide/violence are `none` (and drill
 *   lyrics are not threats: treating them as threats is a known racial bias we refuse).
 * - "kys"/"kill yourself" aimed at someone is `none` with `bullying: true`; being TOLD to kys
 *   ("people keep telling me to kys") is `concern` (the writer is being hurt).
 */
import type { RiskCase } from './risk-case-types';

export const riskCases: RiskCase[] = [
	// ───────────── imminent: suicide ─────────────
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'taking all my tablets tonight. sorry everyone'
	},
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'this is my last post. thank you for being nice to me'
	},
	{ level: 'imminent', categories: ['suicide'], text: 'ive written my note and left it on my bed' },
	{
		level: 'imminent',
		categories: ['suicide'],
		text: "i've got 40 paracetamol in my drawer and i'm doing it when mum's asleep"
	},
	{ level: 'imminent', categories: ['suicide'], text: 'goodbye everyone i love you all x' },
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'im gonna jump off the bridge near my school after school tmrw'
	},
	{
		level: 'imminent',
		categories: ['suicide', 'self_harm'],
		text: 'i took like 20 pills about an hour ago and i feel weird'
	},
	{
		level: 'imminent',
		categories: ['suicide'],
		text: "tonight's the night. i cant do this anymore"
	},
	{ level: 'imminent', categories: ['suicide'], text: 'im going to kill myself tonight' },
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'gonna kms tonight fr no one will even notice'
	},
	{ level: 'imminent', categories: ['suicide'], text: 'by the time anyone reads this ill be gone' },
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'ive been saving my meds for weeks and i think this weekend is when i do it'
	},
	{ level: 'imminent', categories: ['suicide'], text: "i'm standing on the train tracks rn" },
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'i want to die and my dads got a rope in the garage, i know how im going to do it'
	},
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'sorted out who gets my stuff. tell my little sister i love her'
	},
	{
		level: 'imminent',
		categories: ['suicide'],
		text: "i'm on the roof of the car park and i'm not coming down"
	},
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'wrote letters to my mum and my best friend. its done now'
	},
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'im ending it tonight. been planning it for ages'
	},
	{
		level: 'imminent',
		categories: ['suicide'],
		text: "i'm going to unalive myself after my exam tomorrow"
	},
	{ level: 'imminent', categories: ['suicide'], text: 'sewerslide tonight 💊💊💊' },
	{
		level: 'imminent',
		categories: ['suicide', 'self_harm'],
		text: 'overdosed just now pls dont tell anyone'
	},
	{
		level: 'imminent',
		categories: ['suicide', 'self_harm'],
		text: "i've taken the whole box of my mums sleeping tablets"
	},
	{
		level: 'imminent',
		categories: ['suicide', 'self_harm'],
		text: 'i have the knife in my hand rn and im going to do it'
	},
	{ level: 'imminent', categories: ['suicide'], text: "this is goodbye. i'm sorry i wasnt enough" },
	{ level: 'imminent', categories: ['suicide'], text: 'k1ll1ng mys3lf 2nite' },
	{
		level: 'imminent',
		categories: ['suicide'],
		text: "i cant go on. i've got the pills lined up on my desk"
	},
	{ level: 'imminent', categories: ['suicide'], text: 'last msg from me. dont try to find me' },
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'plan is to walk into the sea tonight nobody will miss me'
	},
	{
		level: 'imminent',
		categories: ['suicide'],
		text: "i've decided. friday after school i'm going to end it all"
	},
	{ level: 'imminent', categories: ['suicide'], text: 'i want to diiiie 🪦 tonight is the night' },
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'i looked up how many paracetamol it takes and i have enough. doing it when everyone is asleep'
	},
	// imminent: self-harm as a medical emergency
	{
		level: 'imminent',
		categories: ['self_harm'],
		text: 'i cut too deep and it wont stop bleeding what do i do'
	},
	{
		level: 'imminent',
		categories: ['self_harm'],
		text: 'theres so much blood and i feel dizzy i think i went too far'
	},
	{
		level: 'imminent',
		categories: ['suicide', 'self_harm'],
		text: 'i swallowed bleach like 10 mins ago'
	},
	// imminent: harm to others, with means and time
	{
		level: 'imminent',
		categories: ['harm_to_others'],
		text: 'taking my brothers knife to school tomorrow, that boy is getting shanked'
	},
	{
		level: 'imminent',
		categories: ['harm_to_others'],
		text: 'im gonna wet him up tonight i know where he lives'
	},
	{
		level: 'imminent',
		categories: ['harm_to_others'],
		text: "bringing a blade to the park later and he's gonna regret it"
	},
	{
		level: 'imminent',
		categories: ['harm_to_others'],
		text: "i'm going to bring my dad's gun to school"
	},
	// imminent: someone is hurting me right now
	{
		level: 'imminent',
		categories: ['abuse_disclosure'],
		text: 'hes banging on my bedroom door and says hes going to kill me please help'
	},
	{
		level: 'imminent',
		categories: ['abuse_disclosure'],
		text: 'my stepdad is drunk and hitting my mum right now and im hiding in the bathroom'
	},
	{
		level: 'imminent',
		categories: ['abuse_disclosure'],
		text: 'the man from online is outside my house now and says i have to get in his car'
	},

	// ───────────── high: suicide ─────────────
	{ level: 'high', categories: ['suicide'], text: 'i want to die' },
	{ level: 'high', categories: ['suicide'], text: 'i just want to die honestly' },
	{ level: 'high', categories: ['suicide'], text: 'i dont think i want to be alive anymore' },
	{ level: 'high', categories: ['suicide'], text: 'i wanna diiie' },
	{ level: 'high', categories: ['suicide'], text: 'i keep thinking about killing myself' },
	{ level: 'high', categories: ['suicide'], text: 'everyone would be better off without me' },
	{ level: 'high', categories: ['suicide'], text: 'i wish i was dead' },
	{ level: 'high', categories: ['suicide'], text: 'i wish i could go to sleep and not wake up' },
	{ level: 'high', categories: ['suicide'], text: 'sometimes i think about ending it all' },
	{ level: 'high', categories: ['suicide'], text: 'been having suicidal thoughts again' },
	{ level: 'high', categories: ['suicide'], text: "i'm suicidal and i don't know who to tell" },
	{ level: 'high', categories: ['suicide'], text: 'i dont want to be here anymore' },
	{ level: 'high', categories: ['suicide'], text: 'i want to unalive myself' },
	{ level: 'high', categories: ['suicide'], text: "kms fr i'm so done with everything" },
	{ level: 'high', categories: ['suicide'], text: "i've been thinking about sewerslide a lot" },
	{ level: 'high', categories: ['suicide'], text: 'ngl i dont see the point in living' },
	{ level: 'high', categories: ['suicide'], text: 'no one would care if i died' },
	{ level: 'high', categories: ['suicide'], text: 'i feel like killing myself' },
	{ level: 'high', categories: ['suicide'], text: "i wish i wasn't alive" },
	{ level: 'high', categories: ['suicide'], text: 'i want to end my life' },
	{
		level: 'high',
		categories: ['suicide'],
		text: 'i tried to kill myself last year and i feel like that again'
	},
	{ level: 'high', categories: ['suicide'], text: 'i hate my life i want to die 😭' },
	{ level: 'high', categories: ['suicide'], text: 'why am i even alive, i should just die' },
	{ level: 'high', categories: ['suicide'], text: 'i have nothing to live for' },
	{ level: 'high', categories: ['suicide'], text: 'i think about dying every single day' },
	{ level: 'high', categories: ['suicide'], text: 'i dont want to wake up tomorrow' },
	{ level: 'high', categories: ['suicide'], text: 'honestly thinking of just ending it' },
	{ level: 'high', categories: ['suicide'], text: 'i want to k1ll mys3lf' },
	{ level: 'high', categories: ['suicide'], text: 'i cant stop thinking about suicide' },
	{ level: 'high', categories: ['suicide'], text: "i'm so tired of living" },
	{ level: 'high', categories: ['suicide'], text: 'i dont think ill be around much longer' },
	{ level: 'high', categories: ['suicide'], text: 'my family would be better off if i was dead' },
	{ level: 'high', categories: ['suicide'], text: 'wish i could just not exist' },
	{ level: 'high', categories: ['suicide'], text: 'i want to die but im scared' },
	{
		level: 'high',
		categories: ['suicide'],
		text: 'mum says im overreacting but i actually want to die'
	},
	{
		level: 'high',
		categories: ['suicide'],
		text: 'i told my teacher i want to kill myself and she didnt believe me'
	},
	{
		level: 'high',
		categories: ['suicide'],
		text: "i don't want to die i just want the pain to stop"
	},
	{
		level: 'high',
		categories: ['suicide'],
		text: 'i dont want to die but i dont want to live like this either'
	},
	{ level: 'high', categories: ['suicide'], text: "i wouldn't mind if i didn't wake up tomorrow" },
	{ level: 'high', categories: ['suicide'], text: 'PLEASEEEE i just wanna die' },
	{
		level: 'high',
		categories: ['suicide'],
		text: 'thinking about unaliving again. its getting loud in my head'
	},
	{ level: 'high', categories: ['suicide'], text: 'lowkey want to end it all' },

	// ───────────── high: self-harm ─────────────
	{ level: 'high', categories: ['self_harm'], text: 'been cutting again' },
	{ level: 'high', categories: ['self_harm'], text: 'i cut last night' },
	{ level: 'high', categories: ['self_harm'], text: 'i relapsed after 3 months clean' },
	{ level: 'high', categories: ['self_harm'], text: 'i keep hurting myself and i cant stop' },
	{ level: 'high', categories: ['self_harm'], text: 'i burnt myself with a lighter again' },
	{ level: 'high', categories: ['self_harm'], text: "sh'd last night, deep ones this time" },
	{
		level: 'high',
		categories: ['self_harm'],
		text: "i scratch my arms till they bleed when i'm stressed"
	},
	{ level: 'high', categories: ['self_harm'], text: 'i want to cut so bad rn' },
	{ level: 'high', categories: ['self_harm'], text: 'the urges to self harm are so strong today' },
	{ level: 'high', categories: ['self_harm'], text: 'i hit myself when i get angry at myself' },
	{
		level: 'high',
		categories: ['self_harm'],
		text: "i've started cutting my thighs so no one sees"
	},
	{ level: 'high', categories: ['self_harm'], text: 'cut myself again 😔' },
	{
		level: 'high',
		categories: ['self_harm'],
		text: 'im covered in cuts and its summer, how do i hide them'
	},
	{ level: 'high', categories: ['self_harm'], text: 'relapsed again, 47 days gone' },
	{
		level: 'high',
		categories: ['self_harm'],
		text: "i've been self harming since year 8 and nobody knows"
	},
	{ level: 'high', categories: ['self_harm'], text: 'i use the blade from my sharpener' },
	{
		level: 'high',
		categories: ['self_harm', 'eating_disorder'],
		text: 'i starve myself as punishment'
	},
	{ level: 'high', categories: ['self_harm'], text: 'i punch walls until my knuckles bleed' },
	{ level: 'high', categories: ['self_harm'], text: 'i deserve to hurt so i make myself bleed' },
	{ level: 'high', categories: ['self_harm'], text: 'i want to hurt myself' },
	{ level: 'high', categories: ['self_harm'], text: 'gonna cut tonight idc anymore' },
	{
		level: 'high',
		categories: ['self_harm'],
		text: 'got more cat scratches on my arm last night if u know what i mean'
	},
	{ level: 'high', categories: ['self_harm'], text: "i've been thinking about cutting again" },
	{
		level: 'high',
		categories: ['self_harm'],
		text: 'sh is the only thing that helps me feel something'
	},

	// ───────────── high: abuse disclosure (someone is hurting me) ─────────────
	{ level: 'high', categories: ['abuse_disclosure'], text: 'he hits me when mums out' },
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my dad beats me with a belt when i get bad grades'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my uncle touches me and says its our secret'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my boyfriend makes me do stuff i dont want to do'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my stepmum locks me in my room and doesnt let me eat'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'an older guy on snap keeps asking me for pics and said not to tell my mum'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: "this man i met online is 26 and says he loves me, i'm 14. he wants to meet up"
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'they make me hold packages for them and say i owe them money'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'the olders said if i dont do a run to the countryside theyll hurt my little brother'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my brother punches me and my parents dont care'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my mum slaps me and calls me worthless every day'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'im scared to go home because my dad will hurt me'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my ex is threatening to share my nudes if i dont send more'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'someone screenshotted my pics and is blackmailing me'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my family say im going back home in summer to get cut and i dont want to'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: "my parents are forcing me to marry someone i've never met"
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: "my mum's boyfriend comes into my room at night"
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'i was raped at a party last month and i havent told anyone'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'a teacher at my school keeps touching me and messaging me late at night'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my dad said if i tell anyone about what he does hell kill me'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: "my coach said he'd drop me from the team unless i sent him photos"
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my older cousin makes me do sexual things'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my dad kicked me out and im sleeping at random peoples houses'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my brother beat me up again and i have bruises everywhere'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: "if my family find out im gay they'll disown me or worse, my dad already hit me once"
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: "mandem from the next ends keep robbing me and said they'll stab me if i snitch"
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'he chokes me during arguments and says its because he loves me'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: "mum's new partner gives me weed and then wants me to do things for him"
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: "they're taking me to pakistan next week to marry my cousin and i dont want to"
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my older brother takes my money and says hell batter me if i tell'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'the boys at school keep touching me even when i say no'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my uncle used to touch me when i was little and i never told anyone'
	},

	// ───────────── high: harm to others ─────────────
	{
		level: 'high',
		categories: ['harm_to_others'],
		text: 'i genuinely want to kill my stepdad, ive thought about how'
	},
	{
		level: 'high',
		categories: ['harm_to_others'],
		text: "i'm going to stab the boy who keeps bullying me"
	},
	{
		level: 'high',
		categories: ['harm_to_others'],
		text: 'i keep having urges to hurt my little sister and it scares me'
	},
	{
		level: 'high',
		categories: ['harm_to_others'],
		text: 'if he says one more thing im going to smash his head in, i mean it'
	},
	{
		level: 'high',
		categories: ['harm_to_others'],
		text: 'im gonna hurt someone bad, i can feel it'
	},

	// ───────────── high: eating disorder ─────────────
	{ level: 'high', categories: ['eating_disorder'], text: "i haven't eaten in 4 days on purpose" },
	{ level: 'high', categories: ['eating_disorder'], text: 'i make myself sick after every meal' },
	{ level: 'high', categories: ['eating_disorder'], text: "i've been purging again" },
	{
		level: 'high',
		categories: ['eating_disorder'],
		text: 'i take laxatives every day to lose weight'
	},
	{
		level: 'high',
		categories: ['eating_disorder'],
		text: 'only eating 300 calories a day and still feel fat'
	},
	{ level: 'high', categories: ['eating_disorder'], text: "i've been starving myself for weeks" },
	{
		level: 'high',
		categories: ['eating_disorder'],
		text: 'any pro ana tips? need to lose 5kg before summer'
	},
	{
		level: 'high',
		categories: ['eating_disorder'],
		text: 'i binge then throw up, every night this week'
	},
	{
		level: 'high',
		categories: ['eating_disorder'],
		text: 'i fainted at school today because i hadnt eaten and im glad'
	},
	{
		level: 'high',
		categories: ['eating_disorder'],
		text: 'i chew and spit my food so i dont gain weight'
	},

	// ───────────── concern: low mood, hopelessness, self-hatred, distress ─────────────
	{ level: 'concern', categories: ['low_mood'], text: "what's even the point anymore" },
	{ level: 'concern', categories: ['low_mood'], text: 'i hate myself' },
	{ level: 'concern', categories: ['low_mood'], text: 'i cant cope' },
	{ level: 'concern', categories: ['low_mood'], text: 'i feel so empty all the time' },
	{ level: 'concern', categories: ['low_mood'], text: 'nothing ever gets better for me' },
	{ level: 'concern', categories: ['low_mood'], text: "i'm so tired of everything" },
	{ level: 'concern', categories: ['low_mood'], text: 'i feel like a burden to everyone' },
	{ level: 'concern', categories: ['low_mood'], text: 'i cry myself to sleep every night' },
	{ level: 'concern', categories: ['low_mood'], text: "i'm worthless" },
	{ level: 'concern', categories: ['low_mood'], text: 'no one cares about me' },
	{ level: 'concern', categories: ['low_mood', 'suicide'], text: 'i just want to disappear' },
	{ level: 'concern', categories: ['low_mood'], text: 'i wish i was never born' },
	{ level: 'concern', categories: ['low_mood'], text: "i'm not ok" },
	{
		level: 'concern',
		categories: ['low_mood'],
		text: 'everything is falling apart and i cant do this anymore'
	},
	{ level: 'concern', categories: ['low_mood'], text: 'i feel numb' },
	{ level: 'concern', categories: ['low_mood'], text: 'i hate my life' },
	{ level: 'concern', categories: ['low_mood'], text: "i'm such a failure, i ruin everything" },
	{ level: 'concern', categories: ['low_mood'], text: 'i dont see the point in anything' },
	{ level: 'concern', categories: ['low_mood'], text: "i've been really depressed lately" },
	{ level: 'concern', categories: ['low_mood'], text: 'ngl im struggling so bad rn' },
	{ level: 'concern', categories: ['low_mood'], text: 'i feel so alone, even with people around' },
	{
		level: 'concern',
		categories: ['low_mood'],
		text: "i haven't left my room in days, i cant face anyone"
	},
	{ level: 'concern', categories: ['low_mood'], text: "i'm done with everything" },
	{ level: 'concern', categories: ['low_mood'], text: 'i feel hopeless' },
	{
		level: 'concern',
		categories: ['low_mood'],
		text: 'my anxiety is so bad i cant breathe and i cant cope with school'
	},
	{ level: 'concern', categories: ['low_mood'], text: "i'm dead inside" },
	{ level: 'concern', categories: ['low_mood'], text: 'everyone hates me and honestly i get why' },
	{ level: 'concern', categories: ['low_mood'], text: 'i give up' },
	{ level: 'concern', categories: ['low_mood'], text: 'im so lonely its unreal' },
	{
		level: 'concern',
		categories: ['low_mood'],
		text: 'mentally im not there. everything feels heavy'
	},
	{ level: 'concern', categories: ['low_mood'], text: 'i cant take it anymore' },
	{ level: 'concern', categories: ['low_mood'], text: "what's the point of me" },
	{ level: 'concern', categories: ['low_mood'], text: 'life is so pointless' },
	{ level: 'concern', categories: ['low_mood'], text: 'i dont care what happens to me anymore' },
	{ level: 'concern', categories: ['low_mood'], text: "i'm a waste of space" },
	{ level: 'concern', categories: ['low_mood'], text: 'i hate myself so much it hurts' },
	{
		level: 'concern',
		categories: ['low_mood'],
		text: 'i feel like im drowning and nobody notices'
	},
	{ level: 'concern', categories: ['low_mood'], text: 'cant stop crying, i dont even know why' },
	{ level: 'concern', categories: ['low_mood'], text: 'im broken fr' },
	{
		level: 'concern',
		categories: ['low_mood', 'suicide'],
		text: 'sometimes i wonder if anyone would notice if i was gone'
	},
	{
		level: 'concern',
		categories: ['low_mood', 'suicide'],
		text: 'i think about death a lot lately'
	},
	{
		level: 'concern',
		categories: ['low_mood', 'suicide'],
		text: 'is it normal to think about death a lot?'
	},

	// concern: someone else at risk, negated, past, hyperbole with an explicit death wish
	{
		level: 'concern',
		categories: ['suicide'],
		text: "my mate said 'i want to die' and then laughed it off, should i be worried?"
	},
	{ level: 'concern', categories: ['self_harm'], text: 'my friend told me shes been cutting' },
	{
		level: 'concern',
		categories: ['suicide'],
		text: 'i think my best friend is suicidal, what do i do'
	},
	{
		level: 'concern',
		categories: ['suicide'],
		text: 'my sister keeps saying she wants to kill herself'
	},
	{
		level: 'concern',
		categories: ['self_harm'],
		text: "i'm not going to hurt myself, i just need to vent"
	},
	{
		level: 'concern',
		categories: ['suicide', 'low_mood'],
		text: "i'm not suicidal, just really really low"
	},
	{ level: 'concern', categories: ['self_harm'], text: 'i used to cut' },
	{ level: 'concern', categories: ['suicide'], text: 'i attempted when i was 13' },
	{ level: 'concern', categories: ['suicide'], text: 'kms 😂 i forgot my pe kit again' },
	{
		level: 'concern',
		categories: ['suicide'],
		text: 'i want to die 💀 my mum just read my texts out loud at dinner'
	},
	{
		level: 'concern',
		categories: ['suicide', 'abuse_disclosure'],
		text: "my boyfriend says he'll kill himself if i break up with him"
	},
	{
		level: 'concern',
		categories: ['abuse_disclosure'],
		text: "my friend's dad hits her, she showed me the bruises"
	},
	{
		level: 'concern',
		categories: ['self_harm'],
		text: 'i used to self harm and some days i miss it'
	},
	{ level: 'concern', categories: ['self_harm'], text: 'got the urge today but i didnt do it 💪' },
	{
		level: 'concern',
		categories: ['self_harm'],
		text: 'i snap a hair band on my wrist instead of cutting'
	},
	{
		level: 'concern',
		categories: ['self_harm'],
		text: 'how can i support my friend who self harms?'
	},
	{
		level: 'concern',
		categories: ['suicide'],
		text: 'i would never actually kill myself but i think about it'
	},
	{
		level: 'high',
		categories: ['suicide'],
		text: 'my friend is going to kill herself tonight she just messaged me'
	},
	{
		level: 'high',
		categories: ['suicide'],
		text: "my friend posted 'this is my last post' on her story and now shes not answering"
	},

	// concern: eating
	{ level: 'concern', categories: ['eating_disorder'], text: 'i feel so fat and disgusting' },
	{ level: 'concern', categories: ['eating_disorder', 'low_mood'], text: 'i hate my body so much' },
	{ level: 'concern', categories: ['eating_disorder'], text: 'i feel guilty every time i eat' },
	{ level: 'concern', categories: ['eating_disorder'], text: 'been skipping lunch to lose weight' },
	{ level: 'concern', categories: ['eating_disorder'], text: 'i weigh myself like 5 times a day' },
	{
		level: 'concern',
		categories: ['eating_disorder'],
		text: "i'm scared of eating in front of people"
	},
	{
		level: 'concern',
		categories: ['eating_disorder'],
		text: 'ate so much today i feel sick, i need to not eat tomorrow'
	},
	{ level: 'concern', categories: ['eating_disorder'], text: 'thinking of only eating once a day' },
	{ level: 'concern', categories: ['eating_disorder'], text: "i feel like i don't deserve to eat" },
	{
		level: 'concern',
		categories: ['eating_disorder'],
		text: 'am i the only one who counts every calorie'
	},

	// concern: abuse, home, being hurt by others
	{
		level: 'concern',
		categories: ['abuse_disclosure'],
		text: 'my parents argue every night and it gets scary'
	},
	{ level: 'concern', categories: ['abuse_disclosure'], text: 'i dont feel safe at home' },
	{
		level: 'concern',
		categories: ['abuse_disclosure'],
		text: 'my dad shouts at me and calls me stupid all the time'
	},
	{ level: 'concern', categories: ['abuse_disclosure'], text: 'got licks from my mum again lol' },
	{
		level: 'concern',
		categories: ['abuse_disclosure', 'low_mood'],
		text: 'people keep telling me to kys on tiktok'
	},

	// concern: harm to others
	{
		level: 'concern',
		categories: ['harm_to_others'],
		text: 'sometimes i get so angry i want to hurt people'
	},
	{ level: 'concern', categories: ['harm_to_others'], text: 'i feel like punching someone' },
	{
		level: 'concern',
		categories: ['harm_to_others'],
		text: 'i had a dream i stabbed my teacher and it felt good'
	},

	// ───────────── none: figurative, idioms, slang ─────────────
	{ level: 'none', hard: true, text: 'this homework is killing me' },
	{ level: 'none', hard: true, text: "i'd die for those trainers" },
	{ level: 'none', hard: true, text: 'that video was dead funny' },
	{ level: 'none', hard: true, text: 'my phone died halfway through the call' },
	{ level: 'none', hard: true, text: 'im dead 😂😂' },
	{ level: 'none', hard: true, text: "i'm deaddd 💀💀 who made this" },
	{ level: 'none', hard: true, text: 'kill me now this lesson is so long' },
	{ level: 'none', hard: true, text: 'killed it in my exam today!!' },
	{ level: 'none', hard: true, text: 'we killed it at the talent show' },
	{ level: 'none', hard: true, text: 'i killed like 8 people in that fortnite round' },
	{ level: 'none', hard: true, text: 'just got killed by a camper in cod again' },
	{ level: 'none', hard: true, text: 'this song slaps so hard i could die' },
	{ level: 'none', hard: true, text: "i'm dying of laughter" },
	{ level: 'none', hard: true, text: "i'm literally dying its so hot" },
	{ level: 'none', hard: true, text: 'my feet are killing me after that walk' },
	{ level: 'none', hard: true, text: 'ur killing me bro 😂' },
	{ level: 'none', hard: true, text: "i'd kill for a nandos rn" },
	{ level: 'none', hard: true, text: "if my mum sees this i'm dead" },
	{ level: 'none', hard: true, text: 'my mum is gonna kill me i broke her vase' },
	{ level: 'none', hard: true, text: "the teacher will kill us if we're late again" },
	{ level: 'none', hard: true, text: 'dying to see the new spiderman' },
	{ level: 'none', hard: true, text: 'that fit is to die for' },
	{ level: 'none', hard: true, text: 'this traffic is killing me' },
	{ level: 'none', hard: true, text: 'my battery is dead again' },
	{ level: 'none', hard: true, text: 'the party was dead, nobody came' },
	{ level: 'none', hard: true, text: "dead ting, nobody's coming out tonight" },
	{ level: 'none', hard: true, text: 'that joke killed me 💀' },
	{ level: 'none', hard: true, text: "he's gonna murder me in fifa lol" },
	{ level: 'none', hard: true, text: "we're gonna slaughter them in the final" },
	{ level: 'none', hard: true, text: "i'm so bored i could die" },
	{ level: 'none', hard: true, text: 'the mandem are gonna kill me for being late lol' },
	{ level: 'none', hard: true, text: 'my legs are dead after pe' },
	{ level: 'none', hard: true, text: 'the plant died because i forgot to water it' },
	{
		level: 'none',
		hard: true,
		text: 'my grandma died last year and i still think about her every day'
	},
	{ level: 'none', hard: true, text: 'i nearly died when he walked in 😳' },
	{ level: 'none', hard: true, text: 'this maths test is a suicide mission' },
	{ level: 'none', hard: true, text: 'suicide doors on the new lambo are hard' },
	{ level: 'none', hard: true, text: 'suicide squad is on netflix tonight' },
	{ level: 'none', hard: true, text: "'kill this love' by blackpink is on repeat" },
	{ level: 'none', hard: true, text: 'the bars on that track are deadly' },
	{
		level: 'none',
		hard: true,
		text: "that drill song where he says 'ill put you in a box' is hard"
	},
	{ level: 'none', hard: true, text: 'my cat brought in a dead mouse 🤢' },
	{ level: 'none', hard: true, text: 'gonna hang with the mandem later' },
	{ level: 'none', hard: true, text: 'my hair is hanging on by a thread after that bleach job' },
	{ level: 'none', hard: true, text: 'cut my hair short, what do u think' },
	{ level: 'none', hard: true, text: 'i cut myself a massive slice of cake' },
	{ level: 'none', hard: true, text: 'cutting class again lol' },
	{ level: 'none', hard: true, text: 'my dad cut me off, no more pocket money' },
	{ level: 'none', hard: true, text: "i cut my finger cooking, it's fine" },
	{ level: 'none', hard: true, text: 'cut myself shaving and it wont stop bleeding lmao' },
	{ level: 'none', hard: true, text: 'jumping off the top diving board tomorrow, wish me luck' },
	{ level: 'none', hard: true, text: 'i overdosed on caffeine revising 😵' },
	{ level: 'none', hard: true, text: "i'm taking my tablets tonight like the doctor said" },
	{
		level: 'none',
		hard: true,
		text: 'took my last paracetamol for this headache, need to buy more'
	},
	{ level: 'none', hard: true, text: 'last post of the year! thanks for a great 2024 everyone' },
	{ level: 'none', hard: true, text: 'goodbye everyone, see you after the holidays ✌️' },
	{
		level: 'none',
		hard: true,
		text: 'this is my last post for a while, deleting the app for exams'
	},
	{ level: 'none', hard: true, text: 'ive written my notes for biology, anyone want them?' },
	{ level: 'none', hard: true, text: "leaving a note for my mum to say i'm at the cinema" },
	{ level: 'none', hard: true, text: "i've got a plan for tonight: pizza and films" },
	{ level: 'none', hard: true, text: "i'm gonna end it with him tonight, he's been so moody" },
	{ level: 'none', hard: true, text: "i'm so done with this game 😂" },
	{ level: 'none', hard: true, text: "i can't even, i'm screaming" },
	{ level: 'none', hard: true, text: 'ngl i hate myself for eating that whole pizza 😂' },
	{ level: 'none', hard: true, text: 'i hate myself for forgetting her birthday lol' },
	{ level: 'none', hard: true, text: 'i wanted to die of embarrassment when my voice cracked' },
	{ level: 'none', hard: true, text: "i'm gonna kill my brother he ate my chips" },
	{ level: 'none', hard: true, text: "i swear i'll kill him if he spoils the ending" },
	{ level: 'none', hard: true, text: 'my sister is gonna kill me when she sees her top' },
	{ level: 'none', hard: true, text: "she's a killer at netball" },
	{ level: 'none', hard: true, text: 'that was a killer workout' },
	{ level: 'none', hard: true, text: 'my hamster died 😭😭' },
	{ level: 'none', hard: true, text: 'peak, the shop was shut' },
	{ level: 'none', hard: true, text: 'bare people were there it was long' },
	{ level: 'none', hard: true, text: 'allow it bro thats long' },
	{ level: 'none', hard: true, text: "i'm crying 😭😭 this is too funny" },
	{ level: 'none', hard: true, text: 'he hits me up every time he needs something smh' },
	{ level: 'none', hard: true, text: 'my mum beat me at monopoly again' },
	{ level: 'none', hard: true, text: 'that film really touched me' },
	{ level: 'none', hard: true, text: 'lost my snap streak with her after 200 days 😭' },
	{ level: 'none', hard: true, text: 'i could murder a chicken burger rn' },
	{ level: 'none', hard: true, text: 'the way i would die for beyonce' },
	{ level: 'none', hard: true, text: 'shot myself in the foot there lol, shouldve revised' },
	{ level: 'none', hard: true, text: 'hang on let me check' },
	{ level: 'none', hard: true, text: 'the new call of duty is so violent but i love it' },
	{ level: 'none', hard: true, text: 'my brother is gonna strangle me for using his charger' },
	{ level: 'none', hard: true, text: 'that drop was sick, i nearly lost my life' },
	{ level: 'none', hard: true, text: 'the humidity is killing my edges' },
	{ level: 'none', hard: true, text: 'man said he was gonna kill it at the audition and he did' },
	{ level: 'none', hard: true, text: 'my dad fasts all day in ramadan and still goes to work' },
	{ level: 'none', hard: true, text: "i'm not eating till later, saving room for my aunty's food" },
	{ level: 'none', hard: true, text: 'skipped breakfast cause i overslept lol' },
	{
		level: 'none',
		hard: true,
		text: 'need to lose weight for boxing weigh in, coach has a plan for me'
	},
	{ level: 'none', hard: true, text: 'we did a drill on fire safety today' },
	{ level: 'none', hard: true, text: 'the ending of that anime where he dies had me in tears' },
	{
		level: 'none',
		hard: true,
		text: 'in the book the main character kills himself and it was so sad'
	},
	{ level: 'none', hard: true, text: 'RIP to my old phone it died in the bath' },

	// none: supportive, educational, advice
	{
		level: 'none',
		hard: true,
		text: 'if you ever feel suicidal please call samaritans on 116 123'
	},
	{
		level: 'none',
		hard: true,
		text: "you can text SHOUT to 85258 if you're struggling, they helped me"
	},
	{ level: 'none', hard: true, text: "please don't hurt yourself, we're all here for you ❤️" },
	{ level: 'none', hard: true, text: "you're not alone, self harm doesn't make you a bad person" },
	{
		level: 'none',
		hard: true,
		text: "anyone who's feeling like ending it, talk to someone tonight, childline is 0800 1111"
	},
	{
		level: 'none',
		hard: true,
		text: "if your friend tells you they want to die, don't keep it a secret, tell an adult"
	},
	{ level: 'none', hard: true, text: 'sending love to anyone struggling today 💛' },
	{ level: 'none', hard: true, text: 'it gets better, i promise. talk to someone you trust' },
	{ level: 'none', hard: true, text: "there's a suicide prevention talk at school tomorrow" },
	{
		level: 'none',
		hard: true,
		text: "we learned about grooming in pshe today, it's scary how it happens"
	},
	{
		level: 'none',
		hard: true,
		text: 'my essay is on self harm in young people, any good sources?'
	},
	{ level: 'none', hard: true, text: 'world suicide prevention day today, check on your mates 💛' },
	{ level: 'none', hard: true, text: "the samaritans number is 116 123, it's free" },
	{ level: 'none', hard: true, text: "don't kill yourself revising, take breaks!" },
	{ level: 'none', hard: true, text: "you'll kill yourself laughing at this video" },
	{ level: 'none', hard: true, text: "never let anyone make you feel like you're worthless" },
	{ level: 'none', hard: true, text: "if someone hits you, that's not ok, tell someone" },
	{ level: 'none', hard: true, text: 'what should you do if a friend tells you they self harm?' },
	{
		level: 'none',
		hard: true,
		text: 'suicide is the biggest killer of young men in the uk, we need to talk about it'
	},
	{ level: 'none', hard: true, text: 'does anyone know if childline is open at night?' },
	{
		level: 'none',
		hard: true,
		text: 'signs of grooming: gifts, secrets, asking for pics. stay safe everyone'
	},
	{
		level: 'none',
		hard: true,
		text: "remember you don't have to starve yourself to be beautiful 💕"
	},

	// none: recovery and the past, told with distance
	{ level: 'none', hard: true, text: "i used to self-harm but i'm 2 years clean and proud" },
	{ level: 'none', hard: true, text: '1 year clean from sh today 🎉' },
	{
		level: 'none',
		hard: true,
		text: "i was suicidal in year 9 but therapy really helped and i'm doing so much better"
	},
	{
		level: 'none',
		hard: true,
		text: "i had an eating disorder but i'm recovered now and i eat properly"
	},
	{ level: 'none', hard: true, text: 'two years ago i wanted to die, now im at uni and happy' },
	{ level: 'none', hard: true, text: "my scars are fading and i'm proud of how far i've come" },
	{ level: 'none', hard: true, text: "i haven't cut in 6 months!!" },
	{
		level: 'none',
		hard: true,
		text: 'i used to think everyone would be better off without me. i was so wrong'
	},
	{ level: 'none', hard: true, text: 'recovery is hard but im getting there, 100 days sh free' },
	{
		level: 'none',
		hard: true,
		text: 'back in year 7 i hated myself, now i actually like who i am'
	},

	// none + bullying: aimed at someone else
	{ level: 'none', bullying: true, hard: true, text: 'kys' },
	{ level: 'none', bullying: true, hard: true, text: 'kys nobody likes you' },
	{ level: 'none', bullying: true, hard: true, text: 'just kill yourself already' },
	{ level: 'none', bullying: true, hard: true, text: 'go die in a hole' },
	{ level: 'none', bullying: true, hard: true, text: 'you should kill urself fr' },
	{ level: 'none', bullying: true, hard: true, text: 'neck yourself loser' },
	{ level: 'none', bullying: true, hard: true, text: 'do everyone a favour and unalive yourself' },
	{ level: 'none', bullying: true, hard: true, text: 'nobody would miss you if you died' },
	{ level: 'none', bullying: true, hard: true, text: 'hope you die' },
	{ level: 'none', bullying: true, hard: true, text: 'drink bleach 😂' },
	{ level: 'none', bullying: true, hard: true, text: 'go cut yourself emo' },
	{ level: 'none', bullying: true, hard: true, text: 'k y s' },
	{ level: 'none', bullying: true, hard: true, text: 'ur so ugly kys' },

	// none: everyday
	{ level: 'none', text: 'anyone else going to carnival this weekend?' },
	{ level: 'none', text: 'just passed my driving test!!!' },
	{ level: 'none', text: "what's everyone having for dinner" },
	{ level: 'none', text: 'my mum made jollof and it was peng' },
	{ level: 'none', text: 'does anyone know good barbers in croydon' },
	{ level: 'none', text: 'eid mubarak everyone 🌙' },
	{ level: 'none', text: 'i got into sixth form!!' },
	{ level: 'none', text: "who's watching love island tonight" },
	{ level: 'none', hard: true, text: 'exam season is stressful but we move' },
	{ level: 'none', text: "i'm nervous about my interview tomorrow" },
	{ level: 'none', hard: true, text: 'feeling a bit down today but going to see my friends later' },
	{ level: 'none', text: "my parents don't get me sometimes" },
	{ level: 'none', text: 'had a row with my mum but we sorted it' },
	{ level: 'none', text: 'can we have a session about job interviews?' },
	{ level: 'none', text: 'the youth worker was so helpful today, thank you' },
	{ level: 'none', hard: true, text: "i'm so tired, stayed up till 3 revising" },
	{
		level: 'none',
		hard: true,
		text: 'my anxiety was bad today but i used the breathing thing and it helped'
	},
	{ level: 'none', text: 'lol' },
	{ level: 'none', text: '🔥🔥🔥' },
	{ level: 'none', text: 'getting my braids done tomorrow 😍' },
	{ level: 'none', text: 'the bus took so long today' },
	{ level: 'none', text: "i failed my mock but i'll revise harder" },
	{ level: 'none', text: "ramadan is hard with school but i'm managing" },
	{ level: 'none', text: 'how do i tell my parents i want to do art not medicine' },
	{ level: 'none', text: 'does anyone else feel like racism at school gets ignored?' },
	{
		level: 'none',
		text: 'police stopped and searched me again on the way home, third time this month'
	},
	{ level: 'none', text: 'my little brother is so annoying but i love him' },
	{ level: 'none', text: 'who else is doing their dofe expedition next week' },
	{ level: 'none', text: 'can someone explain how student finance works' },
	{ level: 'none', text: 'just started at a new college and made a friend already' },
	{ level: 'none', text: 'my mum says i cant go to the party, so unfair' },
	{ level: 'none', text: 'anyone want to do a study group on zoom' },
	{ level: 'none', text: 'i love how this group is so chill' },
	{ level: 'none', text: 'happy diwali to everyone celebrating 🪔' },
	{ level: 'none', text: "i'm so proud of my little sister she got a distinction" },
	{ level: 'none', text: 'i need advice on what to wear to my cousins wedding' },
	{ level: 'none', text: 'my teacher says i should apply for the scholarship' },
	{ level: 'none', text: 'bro the chicken shop near me shut down 😭' },
	{ level: 'none', text: 'got my first payslip from my saturday job' },
	{ level: 'none', text: "my dad's taking us to ghana in the summer, can't wait" },
	{ level: 'none', text: 'me and the mandem played ball all day' },
	{ level: 'none', text: 'is it normal to feel nervous before results day?' },
	{ level: 'none', text: 'idk what to do after a levels, uni or apprenticeship?' },
	{ level: 'none', text: 'the session on housing rights was actually useful' },
	{ level: 'none', text: 'im bare tired today but the gym was worth it' },
	{ level: 'none', text: 'mad ting happened on the bus today, man fell asleep on my shoulder' },
	{ level: 'none', hard: true, text: 'i hate maths so much' },
	{ level: 'none', hard: true, text: 'i hate mondays' },
	{ level: 'none', hard: true, text: "she's so annoying i can't stand her" },
	{ level: 'none', hard: true, text: 'my knife skills in food tech are getting better' },
	{ level: 'none', hard: true, text: 'bought a rope for the climbing club' },
	{
		level: 'none',
		hard: true,
		text: "we're doing romeo and juliet in english, the ending is so dramatic"
	},
	{
		level: 'none',
		hard: true,
		text: "my mum's tablets for her blood pressure ran out, need to get more from the pharmacy"
	},
	{ level: 'none', hard: true, text: "i'm off to the bridge to meet my friends" },
	{ level: 'none', text: 'saving up for a new phone' },
	{ level: 'none', text: 'who else is revising for the history exam tonight' }
];
