/**
 * End-to-end tests in the system Chromium (never a downloaded browser) against the production
 * build (`node server.js`): the main project on PostgreSQL (E2E_DATABASE_URL, made by
 * scripts/e2e.sh), and a smoke project on the embedded default with no DATABASE_URL.
 */
import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const mainPort = Number(process.env.E2E_PORT ?? 4173);
const smokePort = mainPort + 1;
const databaseUrl = process.env.E2E_DATABASE_URL;
export const QUICK_EXIT_URL = 'https://neutral.example/weather';

const common = {
	NODE_ENV: 'production',
	HOST: '127.0.0.1',
	LOG_LEVEL: 'warn',
	SOCKET_RECHECK_SECONDS: '2',
	QUICK_EXIT_URL,
	AUTH_SECRET: 'e2e-only-secret-e2e-only-secret-e2e-only-0123'
};

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 30_000,
	expect: { timeout: 10_000 },
	fullyParallel: true,
	workers: 2,
	retries: process.env.CI ? 1 : 0,
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	use: {
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: chromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--disable-quic',
				'--no-first-run'
			]
		}
	},
	projects: [
		{
			name: 'desktop',
			testIgnore: /smoke\.spec\.ts/,
			use: {
				...devices['Desktop Chrome'],
				baseURL: `http://127.0.0.1:${mainPort}`,
				channel: undefined
			}
		},
		{
			name: 'phone',
			grep: /@phone/,
			testIgnore: /smoke\.spec\.ts/,
			use: { ...devices['Pixel 7'], baseURL: `http://127.0.0.1:${mainPort}` }
		},
		{
			name: 'embedded-smoke',
			testMatch: /smoke\.spec\.ts/,
			use: { ...devices['Desktop Chrome'], baseURL: `http://127.0.0.1:${smokePort}` }
		}
	],
	webServer: [
		{
			command: 'node server.js',
			url: `http://127.0.0.1:${mainPort}/readyz`,
			reuseExistingServer: false,
			timeout: 120_000,
			env: {
				...common,
				PORT: String(mainPort),
				ORIGIN: `http://127.0.0.1:${mainPort}`,
				...(databaseUrl
					? { DATABASE_URL: databaseUrl }
					: { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'together-e2e-')) })
			}
		},
		{
			command: 'node server.js',
			url: `http://127.0.0.1:${smokePort}/readyz`,
			reuseExistingServer: false,
			timeout: 120_000,
			// As a newcomer runs it: no ORIGIN, no AUTH_SECRET, no DATABASE_URL.
			env: {
				NODE_ENV: common.NODE_ENV,
				HOST: common.HOST,
				LOG_LEVEL: common.LOG_LEVEL,
				QUICK_EXIT_URL,
				PORT: String(smokePort),
				DATA_DIR: mkdtempSync(path.join(tmpdir(), 'together-smoke-'))
			}
		}
	]
});
