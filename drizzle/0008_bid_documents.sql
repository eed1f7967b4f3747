CREATE TABLE "bid_documents" (
	"bid_id" uuid NOT NULL,
	"part" text NOT NULL,
	"blob" text NOT NULL,
	"sha256" text NOT NULL,
	"bytes" bigint NOT NULL,
	"stored_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bid_documents_bid_id_part_pk" PRIMARY KEY("bid_id","part")
);
--> statement-breakpoint
ALTER TABLE "bids" DROP CONSTRAINT "bids_status_check";--> statement-breakpoint
ALTER TABLE "bids" ALTER COLUMN "receipt" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "manifest" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "documents" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "bid_documents" ADD CONSTRAINT "bid_documents_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_receipt_check" CHECK ("bids"."status" in ('uploading','withdrawn') or "bids"."receipt" is not null);--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_status_check" CHECK ("bids"."status" in ('uploading','submitted','replaced','withdrawn'));