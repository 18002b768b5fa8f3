/**
 * Finds contact details and identifying information in member content: the things a groomer
 * asks for and a young person may share without thinking. Each finding names its kind so the
 * review queue can say why a post is waiting. Staff content is exempt (decided by screen()).
 */

export type PersonalInfoKind =
	'phone' | 'email' | 'social_handle' | 'contact_request' | 'postcode' | 'address' | 'school';

export interface PersonalInfoFinding {
	kind: PersonalInfoKind;
	/** The matched text, for staff only. */
	match: string;
}

const SOCIAL =
	'(?:snap(?:chat)?|sc|insta(?:gram)?|ig|tiktok|tt|discord|whats\\s?app|wa|telegram|tele|kik|signal|facebook|fb|messenger|twitter|x|threads|bereal|roblox|xbox|psn|ps ?name|gamertag|steam|twitch|youtube|yt|email|number|digits)';

const PATTERNS: { kind: PersonalInfoKind; pattern: RegExp }[] = [
	// UK mobiles and landlines, with spaces, dots or dashes: 07700 900123, +44 7700-900-123, (020) 7946 0958
	{
		kind: 'phone',
		pattern: /(?<![\d£$€])(?:\+\s?44\s?\(?0?\)?|\(?0)(?:[\s.)-]{0,2}\d){9,10}(?!\d)/g
	},
	// Emails, including "name at gmail dot com"
	{ kind: 'email', pattern: /\b[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+\b/gi },
	{
		kind: 'email',
		pattern:
			/\b[\w.+-]+\s*(?:\(at\)|\[at\]|\sat\s)\s*[a-z0-9-]+\s*(?:\(dot\)|\[dot\]|\sdot\s|\.)\s*(?:com|co\s*(?:\.|dot)\s*uk|net|org|uk)\b/gi
	},
	// "add me on snap", "my insta is x", "dm me on discord", "text me", "sc: name"
	{
		kind: 'contact_request',
		pattern: new RegExp(
			`\\b(?:add|follow|dm|message|msg|text|snap|hmu|hit me up|find|call|ring|inbox|pm)\\s+(?:me|us)\\s+(?:on|at|up on|thru|through|via)\\s+(?:my\\s+)?${SOCIAL}\\b`,
			'gi'
		)
	},
	{
		kind: 'contact_request',
		pattern: new RegExp(`\\bmy\\s+${SOCIAL}\\s*(?:is|=|:|-|name is|user is|@)\\s*\\S+`, 'gi')
	},
	{ kind: 'contact_request', pattern: new RegExp(`\\b${SOCIAL}\\s*[:=]\\s*@?[\\w.]{3,}`, 'gi') },
	{ kind: 'contact_request', pattern: /\b(?:text|call|ring|whatsapp|message)\s+me\b/gi },
	// @handles (not emails: no word character straight before the @)
	{ kind: 'social_handle', pattern: /(?<![\w.])@[a-z0-9_.]{3,30}\b/gi },
	// UK postcodes: SW1A 1AA, E1 6AN, m1 1ae
	{ kind: 'postcode', pattern: /\b(?:[a-z]{1,2}\d[a-z\d]?)\s*\d[abd-hjlnp-uw-z]{2}\b/gi },
	// "12 Acacia Road", "flat 3, 45 high st" (but not "2 hours drive" or "3 mins walk")
	{
		kind: 'address',
		pattern:
			/\b\d{1,4}[a-z]?,?\s+(?!(?:hours?|hrs?|mins?|minutes?|days?|weeks?|miles?|km|bed|year|yr)s?\b)(?:[a-z'’]+\s){1,3}(?:road|rd|street|st|lane|ln|avenue|ave|close|drive|court|crescent|cres|grove|gardens|gdns|terrace|mews|square|estate|tower|towers)\b/gi
	},
	// "I go to Riverside Academy", "im at st marys school", "year 9 at x high"
	{
		kind: 'school',
		pattern:
			/\b(?:i\s*(?:go|went)\s+to|i'?m\s+at|im\s+at|i\s+study\s+at|i\s+attend|my\s+school\s+is|year\s+\d{1,2}\s+at)\s+(?:[a-z'’.]+\s){0,4}(?:school|academy|college|high|grammar|sixth form|primary|secondary|uni|university|comp)\b/gi
	}
];

/** A year on its own ("in 2024") or a time ("at 10 30") is not a phone number; 10+ digits starting 0/+44 are. */
export function findPersonalInfo(text: string): PersonalInfoFinding[] {
	const findings: PersonalInfoFinding[] = [];
	for (const { kind, pattern } of PATTERNS) {
		pattern.lastIndex = 0;
		for (const match of text.matchAll(pattern)) {
			findings.push({ kind, match: match[0].trim() });
			if (findings.length > 20) return findings;
		}
	}
	return findings;
}
