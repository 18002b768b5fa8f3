-- Safeguarding records are evidence: the chronology and the snapshots can be added to, never
-- changed or removed (the same rule as the audit log, with the same function).
CREATE TRIGGER case_entries_no_update_or_delete
	BEFORE UPDATE OR DELETE ON "case_entries"
	FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER case_entries_no_truncate
	BEFORE TRUNCATE ON "case_entries"
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_snapshots_no_update_or_delete
	BEFORE UPDATE OR DELETE ON "evidence_snapshots"
	FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_snapshots_no_truncate
	BEFORE TRUNCATE ON "evidence_snapshots"
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
-- The message the shared function raises names the table it protects.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
	RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Starter watch list: racist, homophobic, transphobic and disability slurs, held for a youth
-- worker to review. Matching undoes spacing, repeated letters and character swaps; a trailing *
-- also matches longer words. Admins edit the list at /admin/watched-words.
INSERT INTO "watched_words" ("pattern", "is_regex", "action", "reason") VALUES
('nigger*', false, 'hold', 'Racist slur (anti-Black)'),
('nigga*', false, 'hold', 'Racial slur (anti-Black); check context'),
('niggah', false, 'hold', 'Racial slur (anti-Black); check context'),
('coon', false, 'hold', 'Racist slur (anti-Black)'),
('coons', false, 'hold', 'Racist slur (anti-Black)'),
('golliwog*', false, 'hold', 'Racist slur (anti-Black)'),
('gollywog*', false, 'hold', 'Racist slur (anti-Black)'),
('sambo', false, 'hold', 'Racist slur (anti-Black)'),
('jigaboo*', false, 'hold', 'Racist slur (anti-Black)'),
('\bjungle\s*bunn(y|ies)\b', true, 'hold', 'Racist slur (anti-Black)'),
('paki', false, 'hold', 'Racist slur (anti-South Asian)'),
('pakis', false, 'hold', 'Racist slur (anti-South Asian)'),
('pakki', false, 'hold', 'Racist slur (anti-South Asian)'),
('\bpaki\s*(bashing|shop)\b', true, 'hold', 'Racist slur (anti-South Asian)'),
('chink', false, 'hold', 'Racist slur (anti-East Asian); check context'),
('chinks', false, 'hold', 'Racist slur (anti-East Asian); check context'),
('chinky', false, 'hold', 'Racist slur (anti-East Asian)'),
('gook*', false, 'hold', 'Racist slur (anti-East Asian)'),
('wog', false, 'hold', 'Racist slur'),
('wogs', false, 'hold', 'Racist slur'),
('raghead*', false, 'hold', 'Racist and anti-Muslim slur'),
('towelhead*', false, 'hold', 'Racist and anti-Muslim slur'),
('\bsand\s*n[i1!]g', true, 'hold', 'Racist slur'),
('kike*', false, 'hold', 'Antisemitic slur'),
('yid', false, 'hold', 'Antisemitic slur; check context'),
('yids', false, 'hold', 'Antisemitic slur; check context'),
('gyppo*', false, 'hold', 'Anti-Gypsy, Roma and Traveller slur'),
('gypo*', false, 'hold', 'Anti-Gypsy, Roma and Traveller slur'),
('pikey*', false, 'hold', 'Anti-Gypsy, Roma and Traveller slur'),
('spic', false, 'hold', 'Racist slur (anti-Latino)'),
('spics', false, 'hold', 'Racist slur (anti-Latino)'),
('\bgo\s+back\s+to\s+(your|ur)\s+(own\s+)?(country|countries)\b', true, 'hold', 'Racist abuse'),
('faggot*', false, 'hold', 'Homophobic slur'),
('tranny', false, 'hold', 'Transphobic slur'),
('trannies', false, 'hold', 'Transphobic slur'),
('retard*', false, 'hold', 'Disability slur'),
('spastic*', false, 'hold', 'Disability slur'),
('spaz', false, 'hold', 'Disability slur'),
('mong', false, 'hold', 'Disability slur'),
('mongs', false, 'hold', 'Disability slur');
