/**
 * HELD-OUT labelled set for assessRisk: written together with the tuning set, before any
 * rule existed, and never used to tune the rules. Same labelling choices as risk-cases.ts
 * (read its header). The evaluation reports these figures separately; if they fall well
 * below the tuning figures, the rules are overfitted.
 */
import type { RiskCase } from './risk-case-types';

export const riskHoldoutCases: RiskCase[] = [
	// imminent
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'i bought the pills today. i am doing it tonight when everyones asleep'
	},
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'this will be my final message. thank u all for trying'
	},
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'i left a note for my mum under her pillow, i cant do this anymore'
	},
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'gonna end my life this weekend, ive made up my mind'
	},
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'at the station now. next train and its over'
	},
	{
		level: 'imminent',
		categories: ['suicide', 'self_harm'],
		text: 'i took a load of my nans tablets and now i feel really sick'
	},
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'going to hang myself tonight i have everything ready'
	},
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'bye guys. i love you. sorry for everything'
	},
	{ level: 'imminent', categories: ['suicide'], text: 'kill myself today. no one can stop me' },
	{
		level: 'imminent',
		categories: ['suicide'],
		text: 'wanna die so bad and i have the blade right here'
	},
	{
		level: 'imminent',
		categories: ['self_harm'],
		text: 'i cut and its really deep i think i need stitches but i cant tell anyone'
	},
	{
		level: 'imminent',
		categories: ['harm_to_others'],
		text: 'got the ching in my bag, when he comes out of school hes getting it'
	},
	{
		level: 'imminent',
		categories: ['abuse_disclosure'],
		text: 'hes hitting me right now im locked in the toilet'
	},

	// high
	{ level: 'high', categories: ['suicide'], text: 'i honestly want to kill myself' },
	{ level: 'high', categories: ['suicide'], text: 'why cant i just die already' },
	{ level: 'high', categories: ['suicide'], text: 'i feel like ending it' },
	{ level: 'high', categories: ['suicide'], text: 'id rather be dead than go back to that school' },
	{
		level: 'high',
		categories: ['suicide'],
		text: 'i keep wishing i wouldnt wake up in the morning'
	},
	{ level: 'high', categories: ['suicide'], text: 'no point living anymore' },
	{ level: 'high', categories: ['suicide'], text: 'suicidal again. great.' },
	{ level: 'high', categories: ['suicide'], text: 'been thinking of sewer slide ngl' },
	{ level: 'high', categories: ['suicide'], text: 'everyone would be happier if i wasnt here' },
	{ level: 'high', categories: ['suicide'], text: 'i want to not be alive' },
	{ level: 'high', categories: ['suicide'], text: 'i genuinely dont want to live anymore' },
	{ level: 'high', categories: ['suicide'], text: 'i want to be dead' },
	{ level: 'high', categories: ['self_harm'], text: 'cut again last night, i hate myself' },
	{ level: 'high', categories: ['self_harm'], text: 'been burning myself with hot water' },
	{ level: 'high', categories: ['self_harm'], text: 'i self harm and i dont want to stop' },
	{ level: 'high', categories: ['self_harm'], text: 'the urge to cut is so strong tonight' },
	{
		level: 'high',
		categories: ['self_harm'],
		text: 'i keep pulling my hair out and scratching my skin until it bleeds'
	},
	{ level: 'high', categories: ['self_harm'], text: 'i hurt myself again' },
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my dad punched me in the face last night'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my stepdad touches me when mum is at work'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'a guy i met on insta wants me to meet him and said to keep it a secret, hes 22'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'they gave me a phone and make me deliver stuff, i cant get out'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my girlfriend hits me when shes angry'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'someone is threatening to post my nudes'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'my mum burns me with a spoon when i misbehave'
	},
	{
		level: 'high',
		categories: ['abuse_disclosure'],
		text: 'i was sexually assaulted and i dont know who to tell'
	},
	{
		level: 'high',
		categories: ['harm_to_others'],
		text: 'i want to kill the boy who did this to my sister'
	},
	{
		level: 'high',
		categories: ['eating_disorder'],
		text: 'i throw up after i eat so i dont gain weight'
	},
	{
		level: 'high',
		categories: ['eating_disorder'],
		text: 'havent eaten properly in a week and i feel proud'
	},

	// concern
	{ level: 'concern', categories: ['low_mood'], text: 'i hate who i am' },
	{ level: 'concern', categories: ['low_mood'], text: 'i cant handle anything anymore' },
	{ level: 'concern', categories: ['low_mood'], text: 'whats the point in trying' },
	{ level: 'concern', categories: ['low_mood'], text: 'i feel like nothing' },
	{ level: 'concern', categories: ['low_mood'], text: 'everything is too much right now' },
	{ level: 'concern', categories: ['low_mood'], text: 'im so useless at everything' },
	{ level: 'concern', categories: ['low_mood'], text: 'i feel empty inside' },
	{
		level: 'concern',
		categories: ['low_mood'],
		text: 'i dont want to do anything anymore, i just lie in bed'
	},
	{ level: 'concern', categories: ['low_mood'], text: 'im so depressed' },
	{ level: 'concern', categories: ['low_mood'], text: 'nobody would care if i disappeared' },
	{ level: 'concern', categories: ['self_harm'], text: 'i used to self harm in year 9' },
	{ level: 'concern', categories: ['suicide'], text: 'my cousin said she wants to die' },
	{
		level: 'concern',
		categories: ['self_harm'],
		text: 'my best mate cuts herself and i dont know how to help'
	},
	{
		level: 'concern',
		categories: ['self_harm'],
		text: 'im not gonna cut, i promise, just having a bad day'
	},
	{ level: 'concern', categories: ['eating_disorder'], text: 'i feel so disgusting after eating' },
	{
		level: 'concern',
		categories: ['eating_disorder'],
		text: 'trying to eat less than 1000 calories a day'
	},
	{
		level: 'concern',
		categories: ['abuse_disclosure'],
		text: 'my parents are always screaming at each other and i hide in my room'
	},
	{
		level: 'concern',
		categories: ['suicide'],
		text: 'kms this lesson is so long 😭 i want to die'
	},

	// none: figurative / slang / everyday
	{ level: 'none', hard: true, text: 'revision is killing me fr' },
	{ level: 'none', hard: true, text: 'im weak 😂😂 he fell off his bike' },
	{ level: 'none', hard: true, text: 'i literally died when she said that 💀' },
	{ level: 'none', hard: true, text: 'my airpods died on the bus' },
	{ level: 'none', hard: true, text: 'that was a killer goal' },
	{ level: 'none', hard: true, text: 'killed the presentation today' },
	{ level: 'none', hard: true, text: 'getting killed in warzone all night' },
	{ level: 'none', hard: true, text: 'i could die for a jamaican patty right now' },
	{ level: 'none', hard: true, text: 'my dad is gonna murder me, i scratched the car' },
	{ level: 'none', hard: true, text: 'i am dead tired after work' },
	{ level: 'none', hard: true, text: 'this heat is killing me' },
	{ level: 'none', hard: true, text: 'kill me now, assembly is going on forever' },
	{ level: 'none', hard: true, text: 'cut the onions for my mum and cried lol' },
	{ level: 'none', hard: true, text: 'we cut our trip short cause of the rain' },
	{ level: 'none', hard: true, text: 'im dying to go to that festival' },
	{ level: 'none', hard: true, text: 'suicide by words is such a good song' },
	{
		level: 'none',
		hard: true,
		text: 'this is my last post before i go on holiday, see u in 2 weeks'
	},
	{ level: 'none', hard: true, text: 'she touched my hair without asking and i was so annoyed' },
	{ level: 'none', hard: true, text: "my mum hits me with the 'we have food at home' every time" },
	{ level: 'none', hard: true, text: 'he beat me in the race by a second' },
	{ level: 'none', hard: true, text: 'that episode where the dad dies broke me' },
	{ level: 'none', hard: true, text: 'the game is dead, no one plays it anymore' },
	{ level: 'none', hard: true, text: 'you are killing it with your art 🔥' },

	// none: supportive / recovery / education
	{
		level: 'none',
		hard: true,
		text: 'if anyone is thinking about suicide please talk to someone, you matter'
	},
	{
		level: 'none',
		hard: true,
		text: 'i used to want to die every day, 3 years later im so glad i stayed'
	},
	{ level: 'none', hard: true, text: '6 months self harm free today!!' },
	{
		level: 'none',
		hard: true,
		text: 'how do i help my friend who feels suicidal? shes getting support already but i want to do more'
	},
	{
		level: 'none',
		hard: true,
		text: 'for anyone struggling with an eating disorder, beat has a helpline'
	},
	{ level: 'none', hard: true, text: 'we did a lesson on county lines and exploitation today' },
	{ level: 'none', hard: true, text: 'its ok to not be ok, reach out ❤️' },
	{ level: 'none', hard: true, text: "i'm recovered from anorexia now and i love food again" },

	// none + bullying
	{ level: 'none', bullying: true, hard: true, text: 'kys you weirdo' },
	{ level: 'none', bullying: true, hard: true, text: 'go kill urself' },
	{ level: 'none', bullying: true, hard: true, text: 'why dont you just die' },
	{
		level: 'none',
		bullying: true,
		hard: true,
		text: 'world would be better without you, go jump off a bridge'
	},

	// none: everyday
	{ level: 'none', text: 'anyone know where to get good suya in peckham' },
	{ level: 'none', text: 'i finally told my mum about my grades and she was chill' },
	{ level: 'none', text: 'my cousin is getting married in lagos next month' },
	{ level: 'none', text: 'first day of my apprenticeship tomorrow, nervous but excited' },
	{ level: 'none', text: 'does anyone want to start a book club' },
	{ level: 'none', text: 'feeling good today for once 😊' },
	{ level: 'none', text: 'the new youth worker is really nice' },
	{ level: 'none', text: 'can someone help me with my personal statement' },
	{ level: 'none', text: 'is it weird that i like revising at night' },
	{ level: 'none', text: 'we won the match 3-1!!' },
	{ level: 'none', text: 'jummah was packed today' },
	{ level: 'none', text: 'me and my sister made puff puff' },
	{ level: 'none', text: 'my phone screen cracked again man' },
	{ level: 'none', hard: true, text: 'the barber cut my line up wrong 😤' },
	{ level: 'none', text: 'when is the next idea session about youth services' },
	{ level: 'none', hard: true, text: 'long day at college, going to sleep early' }
];
