CREATE TABLE "price_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"lot_no" integer NOT NULL,
	"bid_id" uuid NOT NULL,
	"original_fen" bigint NOT NULL,
	"corrected_fen" bigint NOT NULL,
	"input" jsonb NOT NULL,
	"steps" jsonb NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"bidder_decision" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "price_corrections_decision_check" CHECK ("price_corrections"."bidder_decision" is null or "price_corrections"."bidder_decision" in ('confirmed','refused'))
);
--> statement-breakpoint
ALTER TABLE "price_corrections" ADD CONSTRAINT "price_corrections_recorded_by_committee_seats_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."committee_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "price_corrections_bid_idx" ON "price_corrections" USING btree ("project_id","lot_no","bid_id");