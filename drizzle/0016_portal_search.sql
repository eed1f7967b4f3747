-- The search lexemes are computed in TypeScript (CJK bigrams, src/modules/disclosure/portal/tokenize.ts), not in
-- SQL: notices published before this migration keep a null vector until the server starts, when
-- backfillNoticeSearch fills them in batches (idempotent: only null rows).
ALTER TABLE "notices" ADD COLUMN "search" "tsvector";--> statement-breakpoint
CREATE INDEX "notices_kind_published_idx" ON "notices" USING btree ("kind","published_at");--> statement-breakpoint
CREATE INDEX "notices_search_idx" ON "notices" USING gin ("search");