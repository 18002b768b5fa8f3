-- The organisation's four streams, in the order they are listed at /forum. Admins may rename,
-- reorder or add categories later; re-running never duplicates (slug is unique).
INSERT INTO "forum_categories" ("slug", "name", "description", "position", "staff_only_posting") VALUES
	('physical-health', 'Physical health', 'Bodies, sleep, food, exercise, sexual health and getting the most out of your GP.', 1, false),
	('mental-health', 'Mental health', 'Stress, mood, anxiety, feeling low, and what helps. Be gentle with each other.', 2, false),
	('advice-advocacy', 'Advice & Advocacy', 'Housing, money, school, college and work, racism and discrimination, and knowing your rights.', 3, false),
	('children-young-people', 'Children & young people', 'Family, friends, growing up, and the services that are meant to be there for you.', 4, false)
ON CONFLICT ("slug") DO NOTHING;
