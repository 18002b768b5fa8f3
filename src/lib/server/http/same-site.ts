/**
 * Where to send someone after signing in or reading a warning (`?next=`): only ever a path on this
 * site. The value is read the way a browser will read the Location header it ends up in (tabs and
 * new lines dropped, `\` as `/`), so "/\t/evil.com" or "/\\evil.com", which a browser turns into
 * "//evil.com", another site, are refused as well as "https://…" and "//…".
 */
const HERE = 'https://together.invalid';

export function sameSitePath(value: string | null | undefined, fallback = '/'): string {
	if (!value || !value.startsWith('/')) return fallback;
	let url: URL;
	try {
		url = new URL(value, HERE);
	} catch {
		return fallback;
	}
	if (url.origin !== HERE) return fallback;
	return url.pathname + url.search + url.hash;
}
