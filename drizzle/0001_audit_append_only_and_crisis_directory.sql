-- The audit log is append-only: the database itself refuses to change or remove a record.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
	RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_or_delete
	BEFORE UPDATE OR DELETE ON "audit_log"
	FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate
	BEFORE TRUNCATE ON "audit_log"
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
-- First version of the UK crisis directory (facts from the services' own pages, checked 2026-11-01).
-- Admins edit it later; entries whose details were not verified are left out.
INSERT INTO "crisis_services" ("slug", "name", "description", "phone", "text_instructions", "email", "url", "hours", "who_for", "tags", "emergency", "position", "last_checked_on") VALUES
('emergency', 'Emergency services', 'If you are in immediate danger or have hurt yourself badly, call 999 or go to A&E now.', '999', NULL, NULL, NULL, '24/7', 'Anyone in immediate danger', '{emergency}', true, 0, '2026-11-01'),
('nhs-111', 'NHS 111', 'Call 111 and choose the mental health option to speak to your local NHS crisis team.', '111', NULL, NULL, 'https://111.nhs.uk', '24/7', 'All ages, in England', '{nhs,24/7}', false, 1, '2026-11-01'),
('samaritans', 'Samaritans', 'Talk to someone about anything, whatever you are going through. Free to call.', '116 123', NULL, 'jo@samaritans.org', 'https://www.samaritans.org', '24/7', 'Anyone', '{call,email,24/7}', false, 2, '2026-11-01'),
('shout', 'Shout', 'Free, confidential text support with a trained volunteer.', NULL, 'Text SHOUT to 85258', NULL, 'https://giveusashout.org', '24/7', 'Anyone in the UK', '{text,24/7}', false, 3, '2026-11-01'),
('the-mix', 'The Mix Crisis Messenger', 'Free, confidential text support for young people.', NULL, 'Text THEMIX to 85258', NULL, 'https://www.themix.org.uk', '24/7', 'Young people up to 25', '{text,24/7,young people}', false, 4, '2026-11-01'),
('childline', 'Childline', 'Talk to a counsellor about anything. Free, and it will not show on your phone bill. There is also a 1-2-1 online chat on the Childline site.', '0800 1111', NULL, NULL, 'https://www.childline.org.uk', '24/7', 'Under 19s', '{call,chat,24/7,under 19}', false, 5, '2026-11-01'),
('papyrus', 'Papyrus HOPELINE247', 'Confidential support if you are having thoughts of suicide, or are worried about someone who is.', '0800 068 4141', 'Text 07860 039967', 'pat@papyrus-uk.org', 'https://www.papyrus-uk.org', '24/7', 'People up to 35 with thoughts of suicide, and people worried about them', '{call,text,email,24/7,suicide}', false, 6, '2026-11-01'),
('nspcc', 'NSPCC Helpline', 'For adults who are worried about a child.', '0808 800 5000', NULL, NULL, 'https://www.nspcc.org.uk', 'See the NSPCC website', 'Adults worried about a child', '{call,adults}', false, 7, '2026-11-01'),
('black-minds-matter', 'Black Minds Matter UK', 'Free therapy with Black therapists, through an online referral. Not a crisis service.', NULL, NULL, NULL, 'https://www.blackmindsmatteruk.com', 'Online referral', 'Black individuals and families', '{bme,therapy}', false, 8, '2026-11-01'),
('baatn', 'BAATN (Black, African and Asian Therapy Network)', 'A searchable list of therapists of colour. Not a crisis service.', NULL, NULL, NULL, 'https://www.baatn.org.uk', 'Online directory', 'Black, African, South Asian and Caribbean people', '{bme,therapy}', false, 9, '2026-11-01');
