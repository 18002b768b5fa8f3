/** What each role is called on screen (the role values themselves live in the users schema). */
export const ROLE_LABELS: Record<string, string> = {
	young_person: 'Member (young person)',
	youth_worker: 'Youth worker',
	safeguarding_lead: 'Safeguarding lead',
	coproduction_lead: 'Coproduction lead',
	admin: 'Admin'
};

export function roleLabel(role: string): string {
	return ROLE_LABELS[role] ?? role;
}
