import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/tables.ts';

/** Content-addressed blobs: the name is the digest of the bytes, so a blob is stored once however often sent. */
export const files = pgTable('files', {
  hash: text('hash').primaryKey(),
  hashAlg: text('hash_alg').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  mime: text('mime').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Who sent which blob under which name; records elsewhere reference the blob by `hash`. */
export const fileUploads = pgTable(
  'file_uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hash: text('hash')
      .notNull()
      .references(() => files.hash),
    name: text('name').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('file_uploads_hash_idx').on(t.hash), index('file_uploads_user_idx').on(t.uploadedBy)],
);

export type FileRow = typeof files.$inferSelect;
