/**
 * Admins manage the forum's categories at /admin/categories (`admin.categories`): list them in
 * order with how many conversations each holds, add one (its web address made from its name),
 * edit its name, description and whether only staff start conversations there, move it up or
 * down, and delete one that holds no conversations. Every change is audited in the same
 * transaction.
 */
import { asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { forumCategories, forumThreads, type ForumCategory } from '../db/schema';
import { isUniqueViolation } from '../db/errors';
import { ConflictError, NotFoundError, parseOrThrow, ValidationError } from '../errors';
import { authorise, type Actor } from '../policy';

const NOT_ALLOWED = 'Only admins can change the forum’s categories.';
export const CATEGORY_GONE = 'That category no longer exists.';

export const CATEGORY_NAME_MAX = 60;
export const CATEGORY_DESCRIPTION_MAX = 300;

/** Addresses the forum uses itself: /forum/search, /forum/t/… */
const RESERVED_SLUGS = new Set(['search', 't', 'new']);

/** Text as stored: NFC, no control characters, single spaces. */
const tidy = (value: string) =>
	value
		.normalize('NFC')
		// eslint-disable-next-line no-control-regex -- removing control characters is the point
		.replace(/[\u0000-\u001f\u007f]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

const categorySchema = z.object({
	name: z
		.string({ message: 'Enter the category’s name.' })
		.transform(tidy)
		.pipe(
			z
				.string()
				.min(2, 'Enter the category’s name (at least 2 characters).')
				.max(CATEGORY_NAME_MAX, `Keep the name to ${CATEGORY_NAME_MAX} characters or fewer.`)
		),
	description: z
		.string()
		.default('')
		.transform(tidy)
		.pipe(
			z
				.string()
				.max(
					CATEGORY_DESCRIPTION_MAX,
					`Keep the description to ${CATEGORY_DESCRIPTION_MAX} characters or fewer.`
				)
		),
	staffOnlyPosting: z.boolean().default(false)
});

export type CategoryInput = z.input<typeof categorySchema>;

const idSchema = z.number().int().positive().max(2_147_483_647);

/** The web address for a name: lower case letters and numbers (any script) joined by hyphens. */
export function slugFor(name: string): string {
	return name
		.normalize('NFKC')
		.toLowerCase()
		.replace(/['’]/g, '')
		.replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/g, '');
}

export interface AdminCategory {
	id: number;
	slug: string;
	name: string;
	description: string;
	staffOnlyPosting: boolean;
	position: number;
	/** Every conversation in it, whatever its state (a category must be empty to delete). */
	threadCount: number;
}

function listedOrder() {
	return [asc(forumCategories.position), asc(forumCategories.name), asc(forumCategories.id)];
}

export async function listCategoriesForAdmin(db: Database, actor: Actor): Promise<AdminCategory[]> {
	authorise(actor, 'admin.categories', NOT_ALLOWED);
	const rows = await db
		.select({
			id: forumCategories.id,
			slug: forumCategories.slug,
			name: forumCategories.name,
			description: forumCategories.description,
			staffOnlyPosting: forumCategories.staffOnlyPosting,
			position: forumCategories.position,
			threadCount: db.$count(forumThreads, eq(forumThreads.categoryId, forumCategories.id))
		})
		.from(forumCategories)
		.orderBy(...listedOrder());
	return rows.map((r) => ({ ...r, threadCount: Number(r.threadCount) }));
}

export async function getCategoryForAdmin(
	db: Database,
	actor: Actor,
	id: number
): Promise<AdminCategory> {
	authorise(actor, 'admin.categories', NOT_ALLOWED);
	const found = (await listCategoriesForAdmin(db, actor)).find((c) => c.id === id);
	if (!found) throw new NotFoundError(CATEGORY_GONE);
	return found;
}

/** Refuses a name (or the address it makes) that another category already has. */
async function assertNameFree(
	db: Database,
	name: string,
	slug: string | null,
	exceptId: number | null
): Promise<void> {
	const others = await db
		.select({ id: forumCategories.id, name: forumCategories.name, slug: forumCategories.slug })
		.from(forumCategories);
	for (const other of others) {
		if (other.id === exceptId) continue;
		if (other.name.toLocaleLowerCase('en-GB') === name.toLocaleLowerCase('en-GB'))
			throw new ConflictError({ name: `There is already a category called “${other.name}”.` });
		if (slug !== null && other.slug === slug)
			throw new ConflictError({
				name: `That name is too close to “${other.name}” (both would be at /forum/${slug}). Choose a different name.`
			});
	}
}

function clash(name: string) {
	return new ConflictError({
		name: `Another admin has just added a category with a name like “${name}”. Choose a different name.`
	});
}

export async function createCategory(
	db: Database,
	actor: Actor,
	input: CategoryInput
): Promise<ForumCategory> {
	const data = parseOrThrow(categorySchema, input);
	authorise(actor, 'admin.categories', NOT_ALLOWED);
	const slug = slugFor(data.name);
	if (slug === '')
		throw new ValidationError({ name: 'Include at least one letter or number in the name.' });
	if (RESERVED_SLUGS.has(slug))
		throw new ConflictError({
			name: `“${data.name}” would clash with one of the forum’s own pages. Choose a different name.`
		});
	await assertNameFree(db, data.name, slug, null);
	try {
		return await db.transaction(async (tx) => {
			const [last] = await tx
				.select({ position: sql<number>`coalesce(max(${forumCategories.position}), 0)` })
				.from(forumCategories);
			const [created] = await tx
				.insert(forumCategories)
				.values({ ...data, slug, position: Number(last.position) + 1 })
				.returning();
			await recordAudit(tx, {
				actorId: actor.id,
				action: 'forum.category.create',
				targetType: 'forum_category',
				targetId: created.id,
				details: { after: { ...data, slug } }
			});
			return created;
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw clash(data.name);
		throw error;
	}
}

/** Name, description and staff-only posting. The web address stays the same, so links keep working. */
export async function updateCategory(
	db: Database,
	actor: Actor,
	id: number,
	input: CategoryInput
): Promise<ForumCategory> {
	const data = parseOrThrow(categorySchema, input);
	authorise(actor, 'admin.categories', NOT_ALLOWED);
	parseOrThrow(idSchema, id);
	await assertNameFree(db, data.name, null, id);
	return db.transaction(async (tx) => {
		const [before] = await tx
			.select()
			.from(forumCategories)
			.where(eq(forumCategories.id, id))
			.for('update');
		if (!before) throw new NotFoundError(CATEGORY_GONE);
		const [after] = await tx
			.update(forumCategories)
			.set(data)
			.where(eq(forumCategories.id, id))
			.returning();
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'forum.category.update',
			targetType: 'forum_category',
			targetId: id,
			details: {
				before: {
					name: before.name,
					description: before.description,
					staffOnlyPosting: before.staffOnlyPosting
				},
				after: data
			}
		});
		return after;
	});
}

/** One place up or down the list (as /forum shows it). First or last: nothing moves. */
export async function moveCategory(
	db: Database,
	actor: Actor,
	id: number,
	direction: 'up' | 'down'
): Promise<{ name: string; moved: boolean }> {
	const move = parseOrThrow(z.enum(['up', 'down'], { message: 'Choose up or down.' }), direction);
	authorise(actor, 'admin.categories', NOT_ALLOWED);
	parseOrThrow(idSchema, id);
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({
				id: forumCategories.id,
				name: forumCategories.name,
				position: forumCategories.position
			})
			.from(forumCategories)
			.orderBy(...listedOrder())
			.for('update');
		const from = rows.findIndex((r) => r.id === id);
		if (from === -1) throw new NotFoundError(CATEGORY_GONE);
		const to = move === 'up' ? from - 1 : from + 1;
		const name = rows[from].name;
		if (to < 0 || to >= rows.length) return { name, moved: false };
		[rows[from], rows[to]] = [rows[to], rows[from]];
		// Number them 1, 2, 3… so the order never depends on names or ties again.
		for (const [index, row] of rows.entries())
			if (row.position !== index + 1)
				await tx
					.update(forumCategories)
					.set({ position: index + 1 })
					.where(eq(forumCategories.id, row.id));
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'forum.category.move',
			targetType: 'forum_category',
			targetId: id,
			details: { name, direction: move, before: from + 1, after: to + 1 }
		});
		return { name, moved: true };
	});
}

/** Only an empty category can go: its conversations must be moved elsewhere first. */
export async function deleteCategory(
	db: Database,
	actor: Actor,
	id: number
): Promise<{ name: string }> {
	authorise(actor, 'admin.categories', NOT_ALLOWED);
	parseOrThrow(idSchema, id);
	return db.transaction(async (tx) => {
		const [category] = await tx
			.select()
			.from(forumCategories)
			.where(eq(forumCategories.id, id))
			.for('update');
		if (!category) throw new NotFoundError(CATEGORY_GONE);
		// Holding the category row: a conversation started meanwhile waits for this to finish, and
		// then finds the category gone.
		const [{ n }] = await tx
			.select({ n: count() })
			.from(forumThreads)
			.where(eq(forumThreads.categoryId, id));
		if (n > 0)
			throw new ConflictError({
				form: `“${category.name}” still has ${n === 1 ? '1 conversation' : `${n} conversations`} (counting hidden and removed ones). Move ${n === 1 ? 'it' : 'them'} to another category first (a youth worker can, with “Thread tools” on each conversation), then delete the category.`
			});
		await tx.delete(forumCategories).where(eq(forumCategories.id, id));
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'forum.category.delete',
			targetType: 'forum_category',
			targetId: id,
			details: {
				before: {
					slug: category.slug,
					name: category.name,
					description: category.description,
					staffOnlyPosting: category.staffOnlyPosting,
					position: category.position
				}
			}
		});
		return { name: category.name };
	});
}
