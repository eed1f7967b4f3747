ALTER TABLE "bid_documents" ADD COLUMN "plain_blob" text;--> statement-breakpoint
ALTER TABLE "bid_documents" ADD COLUMN "name" text;--> statement-breakpoint
ALTER TABLE "bid_documents" ADD COLUMN "mime" text;