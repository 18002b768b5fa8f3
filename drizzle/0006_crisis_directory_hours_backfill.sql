-- Structured opening hours and text links for the directory as first seeded, from the same
-- reference (docs of the services themselves, checked 2026-11-01).
-- Services open 24/7 are always open. Where the hours are not known, opening_hours stays NULL:
-- the entry is still listed on /help, but never shown as "open now".
UPDATE "crisis_services" SET "opening_hours" = '{"kind":"always"}'::jsonb
	WHERE "opening_hours" IS NULL AND ("hours" = '24/7' OR '24/7' = ANY ("tags"));
--> statement-breakpoint
-- Text links: the number and, where the service asks for one, the word to send. The old free-text
-- instructions are cleared only where they still say exactly what was seeded (an admin's own
-- wording is kept as a note).
UPDATE "crisis_services" SET "sms_number" = '85258', "sms_keyword" = 'SHOUT',
	"text_instructions" = CASE WHEN "text_instructions" = 'Text SHOUT to 85258' THEN NULL ELSE "text_instructions" END
	WHERE "slug" = 'shout' AND "sms_number" IS NULL;
--> statement-breakpoint
UPDATE "crisis_services" SET "sms_number" = '85258', "sms_keyword" = 'THEMIX',
	"text_instructions" = CASE WHEN "text_instructions" = 'Text THEMIX to 85258' THEN NULL ELSE "text_instructions" END
	WHERE "slug" = 'the-mix' AND "sms_number" IS NULL;
--> statement-breakpoint
UPDATE "crisis_services" SET "sms_number" = '07860 039967',
	"text_instructions" = CASE WHEN "text_instructions" = 'Text 07860 039967' THEN NULL ELSE "text_instructions" END
	WHERE "slug" = 'papyrus' AND "sms_number" IS NULL;
--> statement-breakpoint
-- Who a service is especially for drives the /help filters. Papyrus is for people up to 35,
-- so young people too.
UPDATE "crisis_services" SET "tags" = array_append("tags", 'young people')
	WHERE "slug" = 'papyrus' AND NOT ('young people' = ANY ("tags"));
--> statement-breakpoint
-- Entries from the reference that the first seed left out. The Runaway Helpline's number is
-- confirmed but its hours are not, so it is shown with hours unknown. The Muslim Youth Helpline's
-- and Switchboard's numbers are not confirmed: they start hidden until an admin checks them.
INSERT INTO "crisis_services" ("slug", "name", "description", "phone", "sms_number", "email", "url", "hours", "opening_hours", "who_for", "tags", "emergency", "visible", "position", "last_checked_on")
SELECT v.slug, v.name, v.description, v.phone, v.sms_number, NULL, NULL, v.hours, NULL, v.who_for, v.tags, false, v.visible,
	(SELECT coalesce(max("position"), 0) FROM "crisis_services") + v.n, '2026-11-01'
FROM (VALUES
	(1, 'runaway-helpline', 'Runaway Helpline', 'Help if you are under 18 and have run away, or are thinking about it. You can call or text.', '116 000', '116 000', 'Hours not confirmed: check with the Runaway Helpline', 'Under 18s who have run away or are thinking of it', '{call,text,under 18}'::text[], true),
	(2, 'muslim-youth-helpline', 'Muslim Youth Helpline', 'Faith and culturally sensitive support for young Muslims, by phone, email and webchat. Check the number and hours before showing this entry.', NULL, NULL, 'About six hours a day (to be checked)', 'Young Muslims', '{faith,young people}'::text[], false),
	(3, 'switchboard', 'Switchboard LGBT+', 'Support for LGBTQ+ people. Free 0800 number since March 2023: check the number before showing this entry.', NULL, NULL, 'See the Switchboard website', 'LGBTQ+ people', '{lgbtq}'::text[], false)
) AS v (n, slug, name, description, phone, sms_number, hours, who_for, tags, visible)
ON CONFLICT ("slug") DO NOTHING;
