import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from '../../platform/db/columns.ts';
import { keyOf } from '../../platform/db/foreign-key.ts';

export const users = pgTable(
  'users',
  {
    id: id(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['user', 'staff', 'admin'] })
      .notNull()
      .default('user'),
    /**
     * Membership: written only by the orgs module's changeMembership (certification approval, an accepted
     * invitation, staff assignment, leaving or removal), never by a profile update.
     */
    organizationId: uuid('organization_id').references(() => keyOf('organizations')),
    organizationRole: text('organization_role', { enum: ['member', 'admin'] }),
    department: text('department'),
    title: text('title'),
    locale: text('locale', { enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: instant('locked_until'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    uniqueIndex('users_phone_key').on(t.phone),
    // A member has a role and a role belongs to a member: no half-written membership.
    check('users_membership_role_check', sql`(${t.organizationId} IS NULL) = (${t.organizationRole} IS NULL)`),
  ],
);

/** One-time reset codes; only a hash is stored and a code dies after a few wrong tries. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);
