import { describe, expect, it } from 'vitest';
import {
	assessRisk,
	assessRiskSafe,
	compileLexicon,
	levelRank,
	normalise,
	type RiskLevel
} from '../../../src/lib/server/safety/risk';
import { RISK_RULES } from '../../../src/lib/server/safety/risk/lexicon/rules';
import { SIGNALS } from '../../../src/lib/server/safety/risk/lexicon/signals';
import { BULLYING_RULES } from '../../../src/lib/server/safety/risk/lexicon/bullying';
import { CUES } from '../../../src/lib/server/safety/risk/lexicon/context';

const level = (text: string) => assessRisk(text).level;
const rank = (text: string) => levelRank(level(text));

function expectLevel(text: string, expected: RiskLevel) {
	const result = assessRisk(text);
	expect(result.level, `${JSON.stringify(text)} → ${JSON.stringify(result.reasons)}`).toBe(
		expected
	);
	return result;
}

describe('the lexicon', () => {
	it('compiles every pattern, each with an anchor word', () => {
		expect(compileLexicon().patterns).toBeGreaterThan(250);
	});

	it('has unique rule ids', () => {
		const ids = [...RISK_RULES, ...SIGNALS, ...BULLYING_RULES].map((r) => r.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('has no regular-expression plurals like "urges?" (that means an optional word here)', () => {
		const all = [...RISK_RULES, ...SIGNALS, ...BULLYING_RULES]
			.flatMap((r) => (Array.isArray(r.pattern) ? r.pattern : [r.pattern]))
			.concat(Object.values(CUES).flat());
		for (const p of all) expect(p, p).not.toMatch(/[a-z]s\?/);
	});
});

describe('levels, from the issue', () => {
	it.each(['taking all my tablets tonight', 'this is my last post', "I've written my note"])(
		'imminent: %s',
		(text) => {
			expectLevel(text, 'imminent');
		}
	);

	it.each(['I want to die', 'been cutting again', "he hits me when mum's out"])(
		'high: %s',
		(text) => {
			expectLevel(text, 'high');
		}
	);

	it.each(["what's even the point anymore", 'I hate myself', "can't cope"])(
		'concern: %s',
		(text) => {
			expectLevel(text, 'concern');
		}
	);

	it.each([
		'this homework is killing me',
		"I'd die for those trainers",
		'dead funny',
		'my phone died',
		"I used to self-harm but I'm 2 years clean and proud",
		'if you ever feel suicidal call Samaritans'
	])('none: %s', (text) => {
		expectLevel(text, 'none');
	});
});

describe('categories', () => {
	it('suicide', () => {
		expect(assessRisk('i keep thinking about killing myself').categories).toContain('suicide');
	});
	it('self-harm', () => {
		expect(assessRisk('i burnt myself with a lighter again').categories).toContain('self_harm');
	});
	it('abuse disclosure: physical, sexual, grooming, exploitation, forced marriage', () => {
		for (const text of [
			'my dad beats me with a belt',
			'my uncle touches me and says its our secret',
			'a guy i met on snap is 25 and said not to tell my mum',
			'they make me hold packages and say i owe them',
			'my parents are forcing me to marry my cousin'
		]) {
			const r = expectLevel(text, 'high');
			expect(r.categories, text).toContain('abuse_disclosure');
		}
	});
	it('harm to others', () => {
		expect(assessRisk("i'm going to stab him after school").categories).toContain('harm_to_others');
	});
	it('eating disorder', () => {
		const r = expectLevel('i make myself sick after every meal', 'high');
		expect(r.categories).toContain('eating_disorder');
		expectLevel('i feel so fat and disgusting', 'concern');
	});
	it('low mood', () => {
		expect(assessRisk('i feel so empty all the time').categories).toEqual(['low_mood']);
	});
});

describe('bullying is a separate signal, not self-risk', () => {
	it.each([
		'kys',
		'kys nobody likes you',
		'just kill yourself',
		'go die in a hole',
		'k y s',
		'you should unalive yourself'
	])('%s is bullying with level none', (text) => {
		const r = assessRisk(text);
		expect(r.bullying, text).toBe(true);
		expect(r.categories).toContain('bullying');
		expect(r.level).toBe('none');
	});

	it('is not bullying when it is care or an idiom', () => {
		for (const text of [
			"please don't kill yourself",
			"don't kill yourself revising",
			"you'll kill yourself laughing"
		]) {
			expect(assessRisk(text).bullying, text).toBe(false);
		}
	});

	it('being told to kys is the writer being hurt, not bullying by them', () => {
		const r = expectLevel('people at school keep telling me to kys', 'concern');
		expect(r.bullying).toBe(false);
		expect(r.categories).toContain('abuse_disclosure');
	});

	it('someone at risk who also insults keeps their own risk level', () => {
		const r = assessRisk('kys. i want to die too');
		expect(r.bullying).toBe(true);
		expect(r.level).toBe('high');
	});
});

describe('how young people write', () => {
	it('repeated letters', () => {
		expectLevel('i wanna diiiiie', 'high');
		expectLevel('PLEASEEEE i just want to dieeee', 'high');
	});
	it('leetspeak', () => {
		expectLevel('i want to k1ll mys3lf', 'high');
		expectLevel('su1c1dal again', 'high');
	});
	it('abbreviations and euphemisms', () => {
		expectLevel('gonna kms', 'high');
		expectLevel('thinking about unaliving', 'high');
		expectLevel('been thinking about sewerslide', 'high');
		expectLevel("i don't want to be here anymore", 'high');
		expectLevel('i wish i could go to sleep and not wake up', 'high');
		expectLevel('i just want to end it all', 'high');
		expectLevel("sh'd again last night", 'high');
	});
	it('no punctuation, capitals, curly apostrophes', () => {
		expectLevel('I DONT WANT TO BE ALIVE', 'high');
		expectLevel('i don’t want to live anymore', 'high');
	});
	it('emoji with context, and emoji as laughter', () => {
		expectLevel('i want to 🪦 tonight', 'imminent');
		expectLevel('💊💊💊 tonight. goodbye everyone, sorry for everything', 'imminent');
		expectLevel("i'm dead 💀💀", 'none');
		expectLevel('🔪 emoji is the best emoji', 'none');
	});
	it('UK and multicultural London slang stays none', () => {
		for (const text of [
			'allow it bro thats long',
			'bare people there it was peak',
			'me and the mandem',
			"i'm dead 😂",
			'im weak'
		]) {
			expectLevel(text, 'none');
		}
	});
	it('hidden characters and look-alike letters do not hide risk', () => {
		expectLevel('i want to k\u200bill my\u200bself', 'high');
		expectLevel('ｉ ｗａｎｔ ｔｏ ｄｉｅ', 'high');
		expectLevel('i want to dіе', 'high'); // Cyrillic і and е
	});
});

describe('context modifiers', () => {
	it('negation lowers, but never to none by accident', () => {
		expect(rank("I'm not going to hurt myself")).toBeLessThan(rank("I'm going to hurt myself"));
		expectLevel("I'm not going to hurt myself", 'concern');
		expectLevel("i'm not suicidal, just low", 'concern');
	});
	it('hedges are not negation', () => {
		expectLevel('i dont think i want to be alive', 'high');
		expectLevel("i don't know if i want to live anymore", 'high');
	});
	it('quoting or reporting someone else is at least concern', () => {
		const r = expectLevel("my mate said 'i want to die'", 'concern');
		expect(r.categories).toContain('suicide');
		expectLevel('my sister keeps saying she wants to kill herself', 'concern');
		expectLevel('my friend says shes going to kill herself tonight', 'high');
	});
	it('the writer telling someone is still the writer', () => {
		expectLevel('i told my mum i want to die', 'high');
		expectLevel("my mum says i'm overreacting but i actually want to die", 'high');
	});
	it('past versus present', () => {
		expect(rank('I used to cut')).toBeLessThan(rank('I cut last night'));
		expectLevel('I cut last night', 'high');
		expectLevel('I used to cut', 'concern');
		expectLevel('i used to cut and now i have started again', 'high');
	});
	it('recovery', () => {
		expectLevel('6 months clean from self harm today', 'none');
		expectLevel('i relapsed after 6 months clean', 'high');
	});
	it('supportive and educational framing', () => {
		expectLevel('if anyone is thinking about suicide please talk to someone', 'none');
		expectLevel("we're doing a suicide prevention talk in assembly", 'none');
		expectLevel('how do i help my friend who self harms', 'concern');
	});
	it('figurative and joking', () => {
		expectLevel('kill me now this lesson is so long', 'none');
		expectLevel('i hate myself for forgetting my pe kit lol', 'none');
		expectLevel('killed it in my exam', 'none');
		expectLevel('i killed him in fortnite', 'none');
		expectLevel('my mum is gonna kill me, i broke her vase', 'none');
	});
	it('an explicit death wish said as a joke is concern, never none', () => {
		expectLevel('kms 😂 i forgot my pe kit', 'concern');
		expectLevel('i want to die 💀 my mum read my texts out loud', 'concern');
	});
	it('accidents are not self-harm', () => {
		expectLevel('cut my finger cooking lol', 'none');
		expectLevel('cut myself shaving, it wont stop bleeding', 'none');
	});
	it('leaving the app is not a goodbye', () => {
		expectLevel('this is my last post for a while, deleting the app for exams', 'none');
		expectLevel('goodbye everyone, see you after the holidays', 'none');
	});
	it('ordinary medicine is not an overdose', () => {
		expectLevel("i'm taking all my tablets tonight like the doctor said", 'none');
	});
});

describe('escalation to imminent', () => {
	it('suicidal thoughts with a time, the means, a plan or a goodbye', () => {
		const time = expectLevel('i want to die tonight', 'imminent');
		expect(time.reasons.join(' ')).toMatch(/a time \('tonight'\)/);
		expectLevel('i want to die and i have the pills', 'imminent');
		expectLevel('i want to kill myself, i know how im going to do it', 'imminent');
	});
	it('a passive wish with a day is not raised by the day alone', () => {
		expectLevel("i don't want to wake up tomorrow", 'high');
	});
	it('means and a plan together, with no risk words', () => {
		expectLevel("i've got 40 paracetamol saved up and im doing it when mum's asleep", 'imminent');
	});
	it('self-harm is imminent only as a medical emergency', () => {
		expectLevel('gonna cut tonight', 'high');
		expectLevel('i cut too deep and it wont stop bleeding', 'imminent');
	});
	it('abuse happening right now', () => {
		expectLevel('my stepdad is hitting me right now', 'imminent');
	});
	it('signs of grooming together, and happening now', () => {
		expectLevel('a man i met online is 30 and wants to meet up, says keep it a secret', 'high');
		expectLevel(
			'the guy from snap is outside my house now and wants me to get in his car',
			'imminent'
		);
	});
	it('imminent is never lowered below high by being about a friend', () => {
		expectLevel('my friend just posted "this is my last post"', 'high');
	});
});

describe('results people can read', () => {
	it('give a reason for every level above none, quoting the words', () => {
		const r = assessRisk('i just wanna diiie');
		expect(r.reasons.length).toBeGreaterThan(0);
		expect(r.reasons[0]).toContain('wanna diiie');
	});
	it('list each category once', () => {
		const r = assessRisk('i want to die. i want to die. i want to kill myself');
		expect(new Set(r.categories).size).toBe(r.categories.length);
	});
	it('say none with no reasons for ordinary messages', () => {
		expect(assessRisk('anyone going to carnival?')).toEqual({
			level: 'none',
			categories: [],
			reasons: [],
			bullying: false
		});
	});
});

describe('hostile input never throws', () => {
	const junk: [string, string][] = [
		['empty', ''],
		['whitespace', ' \n\t \r\n '],
		['lone surrogates', '\ud800\udc00\ud800 i want \udfff to die \ud83d'],
		['null bytes and control characters', '\u0000\u0001i\u0000 want to die\u0007\u001b[31m'],
		['binary', String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 65536))],
		['regex metacharacters', '.*+?^${}()|[]\\/ (((( [[[[ **** ????'],
		['one enormous word', 'a'.repeat(50_000)],
		['emoji only', '🔪💊🪦⚰️'.repeat(2000)],
		['right-to-left overrides', '\u202ei want to die\u202c'],
		['combining marks', 'd\u0301\u0302\u0303i\u0304e'.repeat(500)]
	];
	it.each(junk)('%s', (_name, text) => {
		const r = assessRisk(text);
		expect(['none', 'concern', 'high', 'imminent']).toContain(r.level);
		expect(Array.isArray(r.categories)).toBe(true);
		expect(Array.isArray(r.reasons)).toBe(true);
	});

	it('still finds risk behind control characters and broken surrogates', () => {
		expect(level('\u0000\u0001i\u0000 want to die\u0007')).toBe('high');
		expect(level('\ud800 i want to die \udfff')).toBe('high');
	});

	it('caps the work on huge texts, still reading the start and the end', () => {
		const filler = 'just chatting about football and food. '.repeat(10_000); // ~400k characters
		const start = Date.now();
		expect(level(`i want to die. ${filler}`)).toBe('high');
		expect(level(`${filler} i want to die`)).toBe('high');
		expect(level(filler)).toBe('none');
		expect(Date.now() - start).toBeLessThan(5_000);
	});

	it('is quick on repetitive risky text', () => {
		const start = Date.now();
		expect(level('die '.repeat(10_000))).toBe('none');
		expect(level('i want to die '.repeat(2_000))).toBe('high');
		expect(Date.now() - start).toBeLessThan(5_000);
	});

	it('assessRiskSafe accepts anything', () => {
		for (const value of [
			undefined,
			null,
			42,
			{},
			[],
			Symbol('x'),
			{ toString: () => 'i want to die' }
		]) {
			const r = assessRiskSafe(value);
			expect(['none', 'concern', 'high', 'imminent']).toContain(r.level);
		}
		expect(assessRiskSafe({ toString: () => 'i want to die' }).level).toBe('high');
	});
});

describe('normalisation', () => {
	it('produces one canonical spelling', () => {
		expect(normalise("I'm sooo done!!! k1ll mys3lf 2nite").text).toBe(
			' im so done . kil myself tonight '
		);
		expect(normalise('self-harm').tokens).toEqual(['self', 'harm']);
		expect(normalise('line one\nline two').tokens).toEqual(['line', 'one', '.', 'line', 'two']);
	});
	it('keeps times and amounts as they are, not as leetspeak', () => {
		expect(normalise('20 paracetamol at 4am').tokens).toEqual(['20', 'paracetamol', 'at', '4am']);
	});
});
