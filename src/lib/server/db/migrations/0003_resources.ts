/**
 * Resources (issue 3): the multilingual theme taxonomy (seeded with the eight themes),
 * resources with their immutable versions, and translation requests. JSON columns are
 * text on both engines so rows read the same on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against whatever schema existed before them, not today's Database type
type AnyDb = Kysely<any>;

const SEED_AT = '2026-01-01T00:00:00.000Z';

/** The eight starting themes, labelled in the three interface languages. */
const THEMES: [key: string, en: string, ar: string, fr: string][] = [
	['group-process', 'Group process', 'عمل المجموعة وديناميكيتها', 'Dynamique de groupe'],
	['leadership', 'Leadership', 'القيادة', 'Leadership'],
	[
		'what-is-community-mobilization',
		'What is community mobilization?',
		'ما هي التعبئة المجتمعية؟',
		'Qu’est-ce que la mobilisation communautaire ?'
	],
	['who-is-my-community', 'Who is my community?', 'من هو مجتمعي؟', 'Qui est ma communauté ?'],
	['selecting-a-problem', 'Selecting a problem', 'اختيار مشكلة', 'Choisir un problème'],
	[
		'varieties-of-community-mobilization',
		'Varieties of community mobilization',
		'أشكال التعبئة المجتمعية',
		'Les formes de la mobilisation communautaire'
	],
	['mobilizing-your-resources', 'Mobilizing your resources', 'حشد مواردك', 'Mobiliser vos ressources'],
	['assessing-a-situation', 'Assessing a situation', 'تقييم الوضع', 'Évaluer une situation']
];

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('themes')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('key', 'varchar(64)', (c) => c.notNull().unique())
		.addColumn('created_by', 'varchar(36)', (c) => c.references('accounts.id').onDelete('set null'))
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('theme_labels')
		.addColumn('theme_id', 'varchar(36)', (c) => c.notNull().references('themes.id').onDelete('cascade'))
		.addColumn('locale', 'varchar(35)', (c) => c.notNull())
		.addColumn('label', 'varchar(200)', (c) => c.notNull())
		.addPrimaryKeyConstraint('theme_labels_pk', ['theme_id', 'locale'])
		.execute();

	await db.schema
		.createTable('resources')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('library_id', 'varchar(36)', (c) => c.notNull().references('libraries.id').onDelete('cascade'))
		.addColumn('key', 'varchar(128)')
		.addColumn('language', 'varchar(35)', (c) => c.notNull())
		.addColumn('translation_group', 'varchar(36)', (c) => c.notNull())
		.addColumn('translation_of', 'varchar(36)')
		.addColumn('translated_from_version', 'varchar(36)')
		.addColumn('derived_from_version', 'varchar(36)')
		.addColumn('current_version_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('published_version_id', 'varchar(36)')
		.addColumn('created_by', 'varchar(36)', (c) => c.references('accounts.id').onDelete('set null'))
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
		.execute();
	// Both engines let several NULL keys coexist under a unique index.
	await db.schema
		.createIndex('resources_library_key')
		.on('resources')
		.columns(['library_id', 'key'])
		.unique()
		.execute();
	await db.schema
		.createIndex('resources_library_updated')
		.on('resources')
		.columns(['library_id', 'updated_at'])
		.execute();
	await db.schema
		.createIndex('resources_translation_group')
		.on('resources')
		.column('translation_group')
		.execute();
	await db.schema.createIndex('resources_translation_of').on('resources').column('translation_of').execute();

	await db.schema
		.createTable('resource_versions')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('resource_id', 'varchar(36)', (c) =>
			c.notNull().references('resources.id').onDelete('cascade')
		)
		.addColumn('number', 'integer', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('summary', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('type', 'varchar(32)', (c) => c.notNull())
		.addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('audience', 'text')
		.addColumn('duration_minutes', 'integer')
		.addColumn('region', 'text')
		.addColumn('sdg', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('accessibility', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('license', 'varchar(64)', (c) => c.notNull())
		.addColumn('authors', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('source_url', 'text')
		.addColumn('change_note', 'text')
		.addColumn('change_log', 'text')
		// What an adaptation credits: the source's title, authors, URL, licence and version (JSON).
		.addColumn('attribution', 'text')
		.addColumn('author_id', 'varchar(36)', (c) => c.references('accounts.id').onDelete('set null'))
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('state', 'varchar(16)', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('resource_versions_number')
		.on('resource_versions')
		.columns(['resource_id', 'number'])
		.unique()
		.execute();

	await db.schema
		.createTable('translation_requests')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('resource_id', 'varchar(36)', (c) =>
			c.notNull().references('resources.id').onDelete('cascade')
		)
		.addColumn('language', 'varchar(35)', (c) => c.notNull())
		.addColumn('requested_by', 'varchar(36)', (c) => c.references('accounts.id').onDelete('set null'))
		.addColumn('claimed_by', 'varchar(36)', (c) => c.references('accounts.id').onDelete('set null'))
		.addColumn('claimed_at', 'varchar(32)')
		.addColumn('status', 'varchar(16)', (c) => c.notNull())
		.addColumn('translation_id', 'varchar(36)')
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('closed_at', 'varchar(32)')
		// Set while the request is not done, null after: a unique index on it allows one open
		// request per resource and language on both engines (no partial indexes needed).
		.addColumn('open_key', 'varchar(80)', (c) => c.unique())
		.execute();
	await db.schema
		.createIndex('translation_requests_language')
		.on('translation_requests')
		.columns(['language', 'status'])
		.execute();
	await db.schema
		.createIndex('translation_requests_resource')
		.on('translation_requests')
		.column('resource_id')
		.execute();

	for (const [i, [key, en, ar, fr]] of THEMES.entries()) {
		// Fixed ids so every instance (and every test database) names the seeded themes alike.
		const id = `00000000-0000-7000-8000-00000000000${i + 1}`;
		await db.insertInto('themes').values({ id, key, created_by: null, created_at: SEED_AT }).execute();
		await db
			.insertInto('theme_labels')
			.values([
				{ theme_id: id, locale: 'en', label: en },
				{ theme_id: id, locale: 'ar', label: ar },
				{ theme_id: id, locale: 'fr', label: fr }
			])
			.execute();
	}
}

export async function down(db: AnyDb): Promise<void> {
	for (const t of ['translation_requests', 'resource_versions', 'resources', 'theme_labels', 'themes']) {
		await db.schema.dropTable(t).execute();
	}
}
