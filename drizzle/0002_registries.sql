CREATE TABLE "expert_employments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"expert_id" uuid NOT NULL,
	"employer" text NOT NULL,
	"credit_code" text,
	"position" text,
	"started_on" date NOT NULL,
	"ended_on" date,
	CONSTRAINT "expert_employments_period_check" CHECK ("expert_employments"."ended_on" is null or "expert_employments"."ended_on" >= "expert_employments"."started_on")
);
--> statement-breakpoint
CREATE TABLE "expert_leaves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"expert_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "expert_leaves_period_check" CHECK ("expert_leaves"."ends_on" >= "expert_leaves"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "expert_relations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"expert_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"organisation" text,
	"credit_code" text,
	"note" text,
	"declared_at" timestamp with time zone NOT NULL,
	CONSTRAINT "expert_relations_kind_check" CHECK ("expert_relations"."kind" in ('relative','conflict'))
);
--> statement-breakpoint
CREATE TABLE "expert_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"expert_id" uuid NOT NULL,
	"project_ref" text NOT NULL,
	"specialty_code" text NOT NULL,
	"reviewed_on" date NOT NULL,
	"rating" integer,
	"rating_note" text,
	"rated_by" uuid,
	CONSTRAINT "expert_reviews_rating_check" CHECK ("expert_reviews"."rating" is null or "expert_reviews"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "intermediaries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"legal_representative" text NOT NULL,
	"region_code" text NOT NULL,
	"address" text,
	"contact_name" text,
	"contact_phone" text,
	"service_categories" text[] NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"review_note" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "intermediaries_credit_code_unique" UNIQUE("credit_code"),
	CONSTRAINT "intermediaries_status_check" CHECK ("intermediaries"."status" in ('pending','approved','rejected'))
);
--> statement-breakpoint
CREATE TABLE "qualifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid,
	"intermediary_id" uuid,
	"name" text NOT NULL,
	"certificate_no" text NOT NULL,
	"issuer" text NOT NULL,
	"grade" text,
	"valid_from" date,
	"valid_until" date,
	"file_hash" text,
	CONSTRAINT "qualifications_owner_check" CHECK (("qualifications"."supplier_id" is null) <> ("qualifications"."intermediary_id" is null))
);
--> statement-breakpoint
CREATE TABLE "registry_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"reviewer_id" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "registry_reviews_entity_check" CHECK ("registry_reviews"."entity_type" in ('supplier','expert','intermediary')),
	CONSTRAINT "registry_reviews_decision_check" CHECK ("registry_reviews"."decision" in ('approved','rejected','resubmitted'))
);
--> statement-breakpoint
CREATE TABLE "supplier_bank_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"bank_name" text NOT NULL,
	"account_name" text NOT NULL,
	"account_number" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supplier_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"email" text,
	"duty" text
);
--> statement-breakpoint
CREATE TABLE "supplier_people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"role" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"id_number" text,
	"credit_code" text,
	"share_basis_points" integer,
	CONSTRAINT "supplier_people_role_check" CHECK ("supplier_people"."role" in ('shareholder','controller','director','manager')),
	CONSTRAINT "supplier_people_kind_check" CHECK ("supplier_people"."kind" in ('person','organisation')),
	CONSTRAINT "supplier_people_share_check" CHECK ("supplier_people"."share_basis_points" is null or "supplier_people"."share_basis_points" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "supplier_sanctions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"source" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supplier_sanctions_kind_check" CHECK ("supplier_sanctions"."kind" in ('dishonest','debarred')),
	CONSTRAINT "supplier_sanctions_period_check" CHECK ("supplier_sanctions"."ends_on" is null or "supplier_sanctions"."ends_on" >= "supplier_sanctions"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "experts" DROP CONSTRAINT "experts_status_check";--> statement-breakpoint
ALTER TABLE "experts" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "experts" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "suppliers" ADD COLUMN "prison_enterprise" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "suppliers" ADD COLUMN "disabled_welfare_unit" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "suppliers" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "suppliers" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "expert_employments" ADD CONSTRAINT "expert_employments_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_leaves" ADD CONSTRAINT "expert_leaves_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_relations" ADD CONSTRAINT "expert_relations_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_reviews" ADD CONSTRAINT "expert_reviews_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_reviews" ADD CONSTRAINT "expert_reviews_specialty_code_specialties_code_fk" FOREIGN KEY ("specialty_code") REFERENCES "public"."specialties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_reviews" ADD CONSTRAINT "expert_reviews_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualifications" ADD CONSTRAINT "qualifications_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualifications" ADD CONSTRAINT "qualifications_intermediary_id_intermediaries_id_fk" FOREIGN KEY ("intermediary_id") REFERENCES "public"."intermediaries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_reviews" ADD CONSTRAINT "registry_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_bank_accounts" ADD CONSTRAINT "supplier_bank_accounts_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_contacts" ADD CONSTRAINT "supplier_contacts_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_people" ADD CONSTRAINT "supplier_people_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_sanctions" ADD CONSTRAINT "supplier_sanctions_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_sanctions" ADD CONSTRAINT "supplier_sanctions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "expert_employments_expert_idx" ON "expert_employments" USING btree ("expert_id");--> statement-breakpoint
CREATE INDEX "expert_leaves_expert_idx" ON "expert_leaves" USING btree ("expert_id");--> statement-breakpoint
CREATE INDEX "expert_relations_expert_idx" ON "expert_relations" USING btree ("expert_id");--> statement-breakpoint
CREATE INDEX "expert_reviews_expert_idx" ON "expert_reviews" USING btree ("expert_id");--> statement-breakpoint
CREATE INDEX "expert_reviews_specialty_on_idx" ON "expert_reviews" USING btree ("specialty_code","reviewed_on");--> statement-breakpoint
CREATE INDEX "qualifications_supplier_idx" ON "qualifications" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "qualifications_intermediary_idx" ON "qualifications" USING btree ("intermediary_id");--> statement-breakpoint
CREATE INDEX "registry_reviews_entity_idx" ON "registry_reviews" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "supplier_bank_accounts_supplier_idx" ON "supplier_bank_accounts" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "supplier_bank_accounts_number_idx" ON "supplier_bank_accounts" USING btree ("account_number");--> statement-breakpoint
CREATE INDEX "supplier_contacts_supplier_idx" ON "supplier_contacts" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "supplier_people_supplier_idx" ON "supplier_people" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "supplier_people_id_number_idx" ON "supplier_people" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "supplier_people_credit_code_idx" ON "supplier_people" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "supplier_sanctions_supplier_idx" ON "supplier_sanctions" USING btree ("supplier_id");--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_status_check" CHECK ("experts"."status" in ('pending','active','suspended','removed','rejected'));