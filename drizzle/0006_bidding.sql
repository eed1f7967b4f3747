CREATE TABLE "bid_lots" (
	"bid_id" uuid NOT NULL,
	"lot_no" integer NOT NULL,
	"price_sheet" jsonb NOT NULL,
	CONSTRAINT "bid_lots_bid_id_lot_no_pk" PRIMARY KEY("bid_id","lot_no")
);
--> statement-breakpoint
CREATE TABLE "bid_registrations" (
	"project_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bid_registrations_project_id_supplier_id_pk" PRIMARY KEY("project_id","supplier_id")
);
--> statement-breakpoint
CREATE TABLE "bids" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"status" text NOT NULL,
	"declarations" jsonb NOT NULL,
	"shares" jsonb NOT NULL,
	"envelope_hash" text NOT NULL,
	"receipt" jsonb NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"replaced_by" uuid,
	CONSTRAINT "bids_status_check" CHECK ("bids"."status" in ('submitted','replaced','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "custodian_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"public_key" text NOT NULL,
	"wrapped_private_key" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_custodians" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"centre_key_id" uuid NOT NULL,
	"supervisor_key_id" uuid NOT NULL,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bid_lots" ADD CONSTRAINT "bid_lots_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_registrations" ADD CONSTRAINT "bid_registrations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_registrations" ADD CONSTRAINT "bid_registrations_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custodian_keys" ADD CONSTRAINT "custodian_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_custodians" ADD CONSTRAINT "project_custodians_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_custodians" ADD CONSTRAINT "project_custodians_centre_key_id_custodian_keys_id_fk" FOREIGN KEY ("centre_key_id") REFERENCES "public"."custodian_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_custodians" ADD CONSTRAINT "project_custodians_supervisor_key_id_custodian_keys_id_fk" FOREIGN KEY ("supervisor_key_id") REFERENCES "public"."custodian_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_custodians" ADD CONSTRAINT "project_custodians_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bids_live_per_supplier" ON "bids" USING btree ("project_id","supplier_id") WHERE "bids"."status" = 'submitted';--> statement-breakpoint
CREATE UNIQUE INDEX "custodian_keys_active_user" ON "custodian_keys" USING btree ("user_id") WHERE "custodian_keys"."revoked_at" is null;