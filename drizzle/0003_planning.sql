CREATE TABLE "commissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_line_id" uuid NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	"note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	CONSTRAINT "commissions_plan_line_id_unique" UNIQUE("plan_line_id")
);
--> statement-breakpoint
CREATE TABLE "intentions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_line_id" uuid NOT NULL,
	"summary" text NOT NULL,
	"expected_start_on" date NOT NULL,
	"published_on" date NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"urgent_reason" text,
	CONSTRAINT "intentions_plan_line_id_unique" UNIQUE("plan_line_id"),
	CONSTRAINT "intentions_urgent_reason_check" CHECK (not "intentions"."urgent" or "intentions"."urgent_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "plan_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purchaser_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"budget_item" text NOT NULL,
	"item_code" text NOT NULL,
	"item_name" text NOT NULL,
	"category" text NOT NULL,
	"quantity" text,
	"amount_fen" bigint NOT NULL,
	"planned_month" integer NOT NULL,
	"description" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_lines_category_check" CHECK ("plan_lines"."category" in ('goods','works','services')),
	CONSTRAINT "plan_lines_status_check" CHECK ("plan_lines"."status" in ('draft','intentionPublished','commissioned','accepted','returned','cancelled')),
	CONSTRAINT "plan_lines_amount_check" CHECK ("plan_lines"."amount_fen" > 0),
	CONSTRAINT "plan_lines_month_check" CHECK ("plan_lines"."planned_month" between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "procurement_thresholds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction" text NOT NULL,
	"level" text NOT NULL,
	"category" text NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"source" text NOT NULL,
	CONSTRAINT "thresholds_level_check" CHECK ("procurement_thresholds"."level" in ('central','provincial','municipal','county')),
	CONSTRAINT "thresholds_category_check" CHECK ("procurement_thresholds"."category" in ('goods','works','services')),
	CONSTRAINT "thresholds_kind_check" CHECK ("procurement_thresholds"."kind" in ('openTender','procurementLimit','worksMandatoryTender')),
	CONSTRAINT "thresholds_amount_check" CHECK ("procurement_thresholds"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_plan_line_id_plan_lines_id_fk" FOREIGN KEY ("plan_line_id") REFERENCES "public"."plan_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intentions" ADD CONSTRAINT "intentions_plan_line_id_plan_lines_id_fk" FOREIGN KEY ("plan_line_id") REFERENCES "public"."plan_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_lines" ADD CONSTRAINT "plan_lines_purchaser_id_purchasers_id_fk" FOREIGN KEY ("purchaser_id") REFERENCES "public"."purchasers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_lines" ADD CONSTRAINT "plan_lines_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_lines_purchaser_year_idx" ON "plan_lines" USING btree ("purchaser_id","year");--> statement-breakpoint
CREATE INDEX "plan_lines_item_idx" ON "plan_lines" USING btree ("item_code","year");