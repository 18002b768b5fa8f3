/** The `npm run risk` command line, run as a separate process like a person or a script would. */
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function runCli(
	args: string[],
	stdin: string | null
): Promise<{ stdout: string; stderr: string; code: number | null }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/risk.ts', ...args], {
			cwd: root,
			stdio: ['pipe', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ stdout, stderr, code }));
		if (stdin !== null) child.stdin.end(stdin);
		else child.stdin.end();
	});
}

const lines = (out: string) =>
	out
		.split('\n')
		.filter((l) => l !== '')
		.map((l) => JSON.parse(l));

describe('npm run risk', () => {
	it('answers each JSON line in order, with an error line for bad input, and never crashes', async () => {
		const input = [
			JSON.stringify({ text: 'i want to die' }),
			'this is not json',
			'',
			JSON.stringify({ text: 'this homework is killing me' }),
			JSON.stringify({ words: 'no text field' }),
			JSON.stringify(['an', 'array']),
			JSON.stringify({ text: 42 }),
			JSON.stringify({ text: 'kys' }),
			JSON.stringify({ text: 'taking all my tablets tonight' })
		].join('\n');
		const { stdout, code } = await runCli([], `${input}\n`);
		expect(code).toBe(0);
		const out = lines(stdout);
		expect(out).toHaveLength(8); // the blank line is skipped
		expect(out[0]).toMatchObject({ level: 'high', categories: ['suicide'] });
		expect(Object.keys(out[0])).toEqual(['level', 'categories', 'reasons']);
		expect(out[1]).toHaveProperty('error');
		expect(out[2]).toEqual({ level: 'none', categories: [], reasons: [] });
		expect(out[3]).toHaveProperty('error');
		expect(out[4]).toHaveProperty('error');
		expect(out[5]).toHaveProperty('error');
		expect(out[6]).toMatchObject({ level: 'none', categories: ['bullying'] });
		expect(out[7]).toMatchObject({ level: 'imminent' });
	});

	it('handles CRLF line endings and a last line without a newline', async () => {
		const { stdout } = await runCli([], `{"text":"i hate myself"}\r\n{"text":"lol"}`);
		expect(lines(stdout).map((o) => o.level)).toEqual(['concern', 'none']);
	});

	it('assesses its arguments as one text', async () => {
		const { stdout, code } = await runCli(['i', 'want', 'to', 'die', 'tonight'], null);
		expect(code).toBe(0);
		expect(lines(stdout)).toEqual([
			expect.objectContaining({ level: 'imminent', categories: ['suicide'] })
		]);
	});

	it('prints only JSON lines through npm run --silent', async () => {
		const stdout = await new Promise<string>((resolve, reject) => {
			const child = execFile(
				'npm',
				['run', '--silent', 'risk', '--', 'my mate said "i want to die"'],
				{ cwd: root },
				(error, out) => (error ? reject(error) : resolve(out))
			);
			child.stdin?.end();
		});
		const out = stdout.trimEnd().split('\n');
		expect(out).toHaveLength(1);
		expect(JSON.parse(out[0])).toMatchObject({ level: 'concern', categories: ['suicide'] });
	});
});
