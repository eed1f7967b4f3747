CREATE TABLE "clarifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"question" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lint_justifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"clause_id" text DEFAULT '' NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lint_justifications_finding" UNIQUE("project_id","rule_id","clause_id")
);
--> statement-breakpoint
CREATE TABLE "lots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"no" integer NOT NULL,
	"name" text NOT NULL,
	"budget_fen" bigint NOT NULL,
	"ceiling_fen" bigint,
	"quantity" text,
	"description" text,
	CONSTRAINT "lots_project_no" UNIQUE("project_id","no"),
	CONSTRAINT "lots_budget_check" CHECK ("lots"."budget_fen" > 0),
	CONSTRAINT "lots_ceiling_check" CHECK ("lots"."ceiling_fen" is null or ("lots"."ceiling_fen" > 0 and "lots"."ceiling_fen" <= "lots"."budget_fen"))
);
--> statement-breakpoint
CREATE TABLE "method_approvals" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"method" text NOT NULL,
	"reference" text NOT NULL,
	"authority" text NOT NULL,
	"approved_on" date NOT NULL,
	"note" text,
	"file_id" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"previous_deadline_at" timestamp with time zone,
	"bid_deadline_at" timestamp with time zone,
	"published_on" date NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	CONSTRAINT "notices_kind_check" CHECK ("notices"."kind" in ('prequalification','tender','invitation','correction','termination'))
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"description" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "programmes_kind_check" CHECK ("programmes"."kind" in ('schoolSafety','caseByCase','other'))
);
--> statement-breakpoint
CREATE TABLE "project_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_shares" (
	"project_id" uuid NOT NULL,
	"plan_line_id" uuid NOT NULL,
	"purchaser_id" uuid NOT NULL,
	"lot_no" integer,
	"quantity" text,
	"amount_fen" bigint NOT NULL,
	"live" boolean DEFAULT true NOT NULL,
	CONSTRAINT "project_shares_project_id_plan_line_id_pk" PRIMARY KEY("project_id","plan_line_id"),
	CONSTRAINT "project_shares_amount_check" CHECK ("project_shares"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"category" text NOT NULL,
	"method" text NOT NULL,
	"method_reason" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"programme_id" uuid,
	"template_id" uuid,
	"requirements" jsonb NOT NULL,
	"lint" jsonb,
	"notice_published_on" date,
	"documents_issued_on" date,
	"documents_available_until" date,
	"bid_deadline_at" timestamp with time zone,
	"opening_at" timestamp with time zone,
	"opening_place" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "projects_code_unique" UNIQUE("code"),
	CONSTRAINT "projects_category_check" CHECK ("projects"."category" in ('goods','works','services')),
	CONSTRAINT "projects_method_check" CHECK ("projects"."method" in ('openTender','invitedTender','negotiation','consultation','rfq','singleSource')),
	CONSTRAINT "projects_status_check" CHECK ("projects"."status" in ('draft','linted','approved','published','corrected','bidsClosed','opened','evaluating','awarded','contracted','failed','terminated'))
);
--> statement-breakpoint
CREATE TABLE "tender_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"sections" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tender_templates_kind_version" UNIQUE("kind","version"),
	CONSTRAINT "tender_templates_kind_check" CHECK ("tender_templates"."kind" in ('goods','propertyServices','communityServices','medicalEquipment','works'))
);
--> statement-breakpoint
ALTER TABLE "clarifications" ADD CONSTRAINT "clarifications_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clarifications" ADD CONSTRAINT "clarifications_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clarifications" ADD CONSTRAINT "clarifications_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lint_justifications" ADD CONSTRAINT "lint_justifications_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lint_justifications" ADD CONSTRAINT "lint_justifications_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "method_approvals" ADD CONSTRAINT "method_approvals_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "method_approvals" ADD CONSTRAINT "method_approvals_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_shares" ADD CONSTRAINT "project_shares_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_shares" ADD CONSTRAINT "project_shares_plan_line_id_plan_lines_id_fk" FOREIGN KEY ("plan_line_id") REFERENCES "public"."plan_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_shares" ADD CONSTRAINT "project_shares_purchaser_id_purchasers_id_fk" FOREIGN KEY ("purchaser_id") REFERENCES "public"."purchasers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_template_id_tender_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."tender_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_templates" ADD CONSTRAINT "tender_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clarifications_project_idx" ON "clarifications" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "notices_published_idx" ON "notices" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "notices_project_idx" ON "notices" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_shares_purchaser_idx" ON "project_shares" USING btree ("purchaser_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_shares_live_line" ON "project_shares" USING btree ("plan_line_id") WHERE "project_shares"."live";--> statement-breakpoint
CREATE INDEX "projects_year_status_idx" ON "projects" USING btree ("year","status");--> statement-breakpoint
CREATE INDEX "projects_programme_idx" ON "projects" USING btree ("programme_id");