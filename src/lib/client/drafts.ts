/**
 * Unsent posts kept in this browser's local storage, so a reload or a dropped signal never loses
 * a long post. Kept per account and per form, and forgotten after a week or once posted (this
 * may be a shared device: nothing is kept longer than it is useful).
 */
const PREFIX = 'together:draft:';
const KEEP_MS = 7 * 24 * 60 * 60 * 1000;

type Fields = Record<string, string>;

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null; // storage switched off
	}
}

export function draftKey(userId: number, form: string): string {
	return `${PREFIX}${userId}:${form}`;
}

export function readDraft(key: string, now = Date.now()): Fields | null {
	const store = storage();
	try {
		const raw = store?.getItem(key);
		if (!raw) return null;
		const { at, fields } = JSON.parse(raw) as { at: number; fields: Fields };
		if (typeof at !== 'number' || now - at > KEEP_MS) {
			store?.removeItem(key);
			return null;
		}
		return fields && typeof fields === 'object' ? fields : null;
	} catch {
		return null;
	}
}

export function saveDraft(key: string, fields: Fields): void {
	const store = storage();
	try {
		if (Object.values(fields).every((v) => v.trim() === '')) store?.removeItem(key);
		else store?.setItem(key, JSON.stringify({ at: Date.now(), fields }));
	} catch {
		// Full or switched off: the form itself still holds the words.
	}
}

export function clearDraft(key: string): void {
	try {
		storage()?.removeItem(key);
	} catch {
		// nothing to do
	}
}

/** Drafts older than a week, from any account, are removed whenever a form opens. */
export function forgetOldDrafts(now = Date.now()): void {
	const store = storage();
	if (!store) return;
	try {
		for (let i = store.length - 1; i >= 0; i--) {
			const key = store.key(i);
			if (key?.startsWith(PREFIX)) readDraft(key, now);
		}
	} catch {
		// nothing to do
	}
}

/** Signing out removes every draft on this device, so the next person cannot read them. */
export function forgetAllDrafts(): void {
	const store = storage();
	if (!store) return;
	try {
		for (let i = store.length - 1; i >= 0; i--) {
			const key = store.key(i);
			if (key?.startsWith(PREFIX)) store.removeItem(key);
		}
	} catch {
		// nothing to do
	}
}
