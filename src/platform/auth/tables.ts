import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Accounts. A purchaser, supplier or expert account is bound to its organisation or expert record; the
 * foreign keys to those tables are added by the orgs module's migration, since the platform never names a
 * module's tables.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    status: text('status').notNull().default('active'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    purchaserId: uuid('purchaser_id'),
    supplierId: uuid('supplier_id'),
    expertId: uuid('expert_id'),
    phone: text('phone'),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    check(
      'users_role_check',
      sql`${t.role} in ('admin','agent','director','purchaser','supplier','expert','financeSupervisor','disciplineSupervisor')`,
    ),
    check('users_status_check', sql`${t.status} in ('active','disabled')`),
    check('users_purchaser_binding', sql`(${t.role} = 'purchaser') = (${t.purchaserId} is not null)`),
    check('users_supplier_binding', sql`(${t.role} = 'supplier') = (${t.supplierId} is not null)`),
    check('users_expert_binding', sql`(${t.role} = 'expert') = (${t.expertId} is not null)`),
  ],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Every login attempt, kept for throttling and lockout across all server processes. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    success: boolean('success').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('login_attempts_username_at_idx').on(t.username, t.at),
    index('login_attempts_ip_at_idx').on(t.ip, t.at),
  ],
);

export type UserRow = typeof users.$inferSelect;
