CREATE TABLE "bid_lot_prices" (
	"bid_id" uuid NOT NULL,
	"lot_no" integer NOT NULL,
	"price_fen" bigint NOT NULL,
	"items" jsonb NOT NULL,
	CONSTRAINT "bid_lot_prices_bid_id_lot_no_pk" PRIMARY KEY("bid_id","lot_no")
);
--> statement-breakpoint
CREATE TABLE "bid_openings" (
	"bid_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"declarations" jsonb,
	"failure" text,
	"opened_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bid_openings_status_check" CHECK ("bid_openings"."status" in ('opened','decryptFailed'))
);
--> statement-breakpoint
CREATE TABLE "lot_openings" (
	"project_id" uuid NOT NULL,
	"lot_no" integer NOT NULL,
	"status" text NOT NULL,
	"bid_count" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"record" jsonb,
	CONSTRAINT "lot_openings_project_id_lot_no_pk" PRIMARY KEY("project_id","lot_no"),
	CONSTRAINT "lot_openings_status_check" CHECK ("lot_openings"."status" in ('notOpened','awaitingKeys','opened'))
);
--> statement-breakpoint
CREATE TABLE "opening_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"text" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "opening_shares" (
	"bid_id" uuid NOT NULL,
	"holder" text NOT NULL,
	"share" text NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "opening_shares_bid_id_holder_pk" PRIMARY KEY("bid_id","holder"),
	CONSTRAINT "opening_shares_holder_check" CHECK ("opening_shares"."holder" in ('bidder','centre','supervisor'))
);
--> statement-breakpoint
ALTER TABLE "bid_lot_prices" ADD CONSTRAINT "bid_lot_prices_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_openings" ADD CONSTRAINT "bid_openings_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_openings" ADD CONSTRAINT "lot_openings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_objections" ADD CONSTRAINT "opening_objections_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_objections" ADD CONSTRAINT "opening_objections_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_objections" ADD CONSTRAINT "opening_objections_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_shares" ADD CONSTRAINT "opening_shares_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_shares" ADD CONSTRAINT "opening_shares_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;