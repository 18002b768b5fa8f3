/** Passwords of ten or more characters that appear near the top of breach lists. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
	'1234567890', '12345678910', '123456789a', '1q2w3e4r5t', '1qaz2wsx3edc', '0987654321',
	'1111111111', '0000000000', '123123123123', '147258369a', 'qwertyuiop', 'qwerty1234',
	'qwerty12345', 'qwerty123456', 'qwertyuiop1', 'asdfghjkl1', 'zxcvbnm123', 'password1',
	'password12', 'password123', 'password1234', 'passw0rd123', 'p@ssw0rd123', 'p@ssword123',
	'iloveyou12', 'iloveyou123', 'iloveyou1234', 'football123', 'football12', 'liverpool1',
	'liverpool123', 'arsenal123', 'chelsea123', 'manchester1', 'manutd1234', 'tottenham1',
	'princess12', 'princess123', 'sunshine12', 'sunshine123', 'welcome123', 'welcome1234',
	'letmein123', 'letmein1234', 'monkey1234', 'dragon1234', 'baseball12', 'basketball',
	'basketball1', 'superman12', 'superman123', 'batman1234', 'starwars12', 'pokemon123',
	'minecraft1', 'minecraft12', 'minecraft123', 'fortnite123', 'roblox1234', 'abcdefg123',
	'abc1234567', 'abcd123456', 'aa12345678', 'a123456789', 'computer12', 'internet12',
	'trustno1234', 'whatever12', 'blink18212', 'changeme123', 'secret1234', 'mypassword',
	'mypassword1', 'mypassword123', 'passwordpassword', 'together123', 'together1234',
	'london1234', 'england123', 'unitedkingdom', 'charlie123', 'jessica123', 'michael123',
	'jordan2323', 'hello12345', 'hellokitty1', 'loveyou123', 'babygirl12', 'babygirl123',
	'lovely1234', 'flower1234', 'summer2024', 'summer2025', 'summer2026', 'winter2025',
	'autumn2026', 'spring2026', 'december2025', 'november2026', 'qazwsxedc1', 'zaq12wsx34'
]);
