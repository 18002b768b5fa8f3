/**
 * npm run --silent risk — the risk assessment from the command line.
 *
 *   echo '{"text": "i want to die"}' | npm run --silent risk
 *   npm run --silent risk -- "some text"
 *
 * Reads JSON lines {"text": "..."} on standard input and writes one JSON line per input line,
 * in order: {"level": "...", "categories": [...], "reasons": [...]}. A line that is not valid
 * JSON, or has no string "text", gives {"error": "..."} instead; the run goes on. Blank lines
 * are skipped. With arguments, assesses them (joined by spaces) as one text. Prints nothing
 * else: no logs.
 */
import { createInterface } from 'node:readline';
import { assessRiskSafe } from '../src/lib/server/safety/risk';

function assessLine(text: string): string {
	const { level, categories, reasons } = assessRiskSafe(text);
	return JSON.stringify({ level, categories, reasons });
}

function handleLine(line: string): string | null {
	if (line.trim() === '') return null;
	let input: unknown;
	try {
		input = JSON.parse(line);
	} catch (error) {
		return JSON.stringify({ error: `invalid JSON: ${(error as Error).message}` });
	}
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		return JSON.stringify({ error: 'expected an object like {"text": "..."}' });
	}
	const text = (input as { text?: unknown }).text;
	if (typeof text !== 'string') {
		return JSON.stringify({ error: 'missing "text" (a string)' });
	}
	return assessLine(text);
}

async function main() {
	const args = process.argv.slice(2);
	if (args.length > 0) {
		process.stdout.write(`${assessLine(args.join(' '))}\n`);
		return;
	}
	const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
	for await (const line of lines) {
		const out = handleLine(line);
		if (out !== null && !process.stdout.write(`${out}\n`)) {
			await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
		}
	}
}

main().catch((error) => {
	process.stdout.write(
		`${JSON.stringify({ error: `risk CLI failed: ${(error as Error).message}` })}\n`
	);
	process.exitCode = 1;
});
