// npm run demo: the product on the embedded database (DATA_DIR, default ./data) with sample
// accounts for every role, whose sign-ins are printed at start. Nothing to install.
process.env.DEMO = '1';
if (process.env.DATABASE_URL) {
	console.log('npm run demo uses the embedded database; ignoring DATABASE_URL.');
	delete process.env.DATABASE_URL;
}
await import('../server.js');
