/** How safeguarding terms are shown to staff (the values live in the safety schema). */
export const LEVEL_LABELS: Record<string, string> = {
	imminent: 'Imminent risk',
	high: 'High risk',
	concern: 'Concern'
};

export const SOURCE_LABELS: Record<string, string> = {
	screening: 'Automatic screening',
	report: 'Report from a member',
	staff: 'Raised by staff'
};

export const CASE_STATUS_LABELS: Record<string, string> = {
	open: 'Open',
	assessing: 'Assessing',
	referred: 'Referred',
	monitoring: 'Monitoring',
	closed: 'Closed'
};

export const ENTRY_KIND_LABELS: Record<string, string> = {
	note: 'Note',
	action: 'Action',
	contact: 'Contact',
	status_change: 'Status change',
	referral: 'Referral',
	assignment: 'Assignment',
	evidence: 'Evidence'
};

export const label = (labels: Record<string, string>, value: string) => labels[value] ?? value;
