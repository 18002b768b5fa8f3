/**
 * The optional alert sound: off unless the worker turns it on (on /staff/duty, remembered in
 * this browser), made with WebAudio so there is no audio file to load.
 */
const KEY = 'together:alert-sound';

export function alertSoundEnabled(): boolean {
	try {
		return localStorage.getItem(KEY) === 'on';
	} catch {
		return false;
	}
}

export function setAlertSound(on: boolean): void {
	try {
		if (on) localStorage.setItem(KEY, 'on');
		else localStorage.removeItem(KEY);
	} catch {
		// Storage blocked (private mode): the setting lasts for this page only.
	}
}

let context: AudioContext | null = null;

/** Two short rising tones, about half a second in all. Quietly does nothing if audio is blocked. */
export function playAlertSound(): void {
	try {
		context ??= new AudioContext();
		// Browsers start audio suspended until the person has interacted with the page.
		if (context.state === 'suspended') void context.resume();
		const start = context.currentTime + 0.05;
		[660, 880].forEach((frequency, i) => {
			const at = start + i * 0.22;
			const tone = context!.createOscillator();
			const volume = context!.createGain();
			tone.type = 'sine';
			tone.frequency.value = frequency;
			volume.gain.setValueAtTime(0.0001, at);
			volume.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
			volume.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
			tone.connect(volume).connect(context!.destination);
			tone.start(at);
			tone.stop(at + 0.2);
		});
	} catch {
		// No WebAudio here: the banner and the page title still say there is an alert.
	}
}
