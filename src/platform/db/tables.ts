import { pgTable, text } from 'drizzle-orm/pg-core';

/** Installation-wide values every server process must share (cookie and CSRF keys). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
