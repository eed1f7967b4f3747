CREATE TABLE "acceptances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"items" jsonb NOT NULL,
	"conclusion" text NOT NULL,
	"accepted_on" date NOT NULL,
	"members" jsonb NOT NULL,
	"testing_body" text,
	"opinion" text NOT NULL,
	"report_hash" text NOT NULL,
	"notice_id" uuid,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "acceptances_conclusion_check" CHECK ("acceptances"."conclusion" in ('passed','failed'))
);
--> statement-breakpoint
CREATE TABLE "award_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"lot_no" integer NOT NULL,
	"supplier_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content" jsonb NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "award_letters_kind_check" CHECK ("award_letters"."kind" in ('award','result'))
);
--> statement-breakpoint
CREATE TABLE "awards" (
	"project_id" uuid NOT NULL,
	"lot_no" integer NOT NULL,
	"status" text NOT NULL,
	"report_delivered_on" date NOT NULL,
	"confirmation_due_on" date NOT NULL,
	"candidates" jsonb NOT NULL,
	"winner_bid_id" uuid,
	"winner_supplier_id" uuid,
	"amount_fen" bigint,
	"passed_over" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"delay_reason" text,
	"deemed" boolean DEFAULT false NOT NULL,
	"confirmed_on" date,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"notice_due_on" date,
	"notice_id" uuid,
	"noticed_on" date,
	"notice_period_ends_on" date,
	"failed_reason" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "awards_project_id_lot_no_pk" PRIMARY KEY("project_id","lot_no"),
	CONSTRAINT "awards_status_check" CHECK ("awards"."status" in ('awaitingConfirmation','confirmed','noticed','reevaluation','failed')),
	CONSTRAINT "awards_amount_check" CHECK ("awards"."amount_fen" is null or "awards"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"lot_no" integer,
	"supplier_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"knew_on" date,
	"requests" text NOT NULL,
	"facts" text NOT NULL,
	"evidence_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"filed_on" date NOT NULL,
	"window_closes_on" date NOT NULL,
	"reply_due_on" date NOT NULL,
	"affects_result" boolean NOT NULL,
	"status" text NOT NULL,
	"reply" text,
	"outcome" text,
	"remedy" text,
	"replied_on" date,
	"replied_at" timestamp with time zone,
	"replied_by" uuid,
	"filed_by" uuid,
	CONSTRAINT "challenges_subject_check" CHECK ("challenges"."subject" in ('documents','process','result')),
	CONSTRAINT "challenges_status_check" CHECK ("challenges"."status" in ('received','answered','withdrawn')),
	CONSTRAINT "challenges_outcome_check" CHECK ("challenges"."outcome" is null or "challenges"."outcome" in ('dismissed','upheld')),
	CONSTRAINT "challenges_remedy_check" CHECK ("challenges"."remedy" is null or "challenges"."remedy" in ('documentsCorrected','reevaluation','winnerChanged','retender'))
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"challenge_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"requests" text NOT NULL,
	"facts" text NOT NULL,
	"evidence_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"filed_on" date NOT NULL,
	"window_closes_on" date NOT NULL,
	"acceptance_due_on" date NOT NULL,
	"status" text NOT NULL,
	"accepted_on" date,
	"rejection_reason" text,
	"decision_due_on" date,
	"excluded_working_days" integer DEFAULT 0 NOT NULL,
	"suspended_on" date,
	"suspension_ends_on" date,
	"suspension_lifted_on" date,
	"decision" text,
	"outcome" text,
	"remedy" text,
	"decided_on" date,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"filed_by" uuid,
	CONSTRAINT "complaints_status_check" CHECK ("complaints"."status" in ('received','accepted','rejected','decided','withdrawn')),
	CONSTRAINT "complaints_outcome_check" CHECK ("complaints"."outcome" is null or "complaints"."outcome" in ('dismissed','upheld')),
	CONSTRAINT "complaints_remedy_check" CHECK ("complaints"."remedy" is null or "complaints"."remedy" in ('documentsCorrected','reevaluation','winnerChanged','retender')),
	CONSTRAINT "complaints_excluded_check" CHECK ("complaints"."excluded_working_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "contract_amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"content" text NOT NULL,
	"reason" text NOT NULL,
	"effective_on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contract_amendments_kind_check" CHECK ("contract_amendments"."kind" in ('addOn','change','termination'))
);
--> statement-breakpoint
CREATE TABLE "contract_signatures" (
	"contract_id" uuid NOT NULL,
	"party" text NOT NULL,
	"user_id" uuid NOT NULL,
	"key_id" uuid NOT NULL,
	"statement" jsonb NOT NULL,
	"signature" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contract_signatures_contract_id_party_pk" PRIMARY KEY("contract_id","party"),
	CONSTRAINT "contract_signatures_party_check" CHECK ("contract_signatures"."party" in ('purchaser','supplier'))
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"project_id" uuid NOT NULL,
	"lot_no" integer NOT NULL,
	"purchaser_id" uuid NOT NULL,
	"plan_line_id" uuid,
	"supplier_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"status" text NOT NULL,
	"budget_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"bond_fen" bigint DEFAULT 0 NOT NULL,
	"bond_form" text,
	"payment_terms_days" integer,
	"sme" boolean NOT NULL,
	"performance_period" text,
	"delivery_place" text,
	"document" jsonb NOT NULL,
	"document_hash" text NOT NULL,
	"signing_due_on" date NOT NULL,
	"signed_on" date,
	"publication_due_on" date,
	"notice_id" uuid,
	"published_on" date,
	"filing_due_on" date,
	"filed_on" date,
	"filing_reference" text,
	"terminated_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contracts_code_unique" UNIQUE("code"),
	CONSTRAINT "contracts_status_check" CHECK ("contracts"."status" in ('draft','signing','signed','accepted','completed','terminated')),
	CONSTRAINT "contracts_amount_check" CHECK ("contracts"."amount_fen" > 0 and "contracts"."budget_fen" > 0),
	CONSTRAINT "contracts_bond_check" CHECK ("contracts"."bond_fen" >= 0 and "contracts"."bond_fen" * 10 <= "contracts"."amount_fen"),
	CONSTRAINT "contracts_terms_check" CHECK ("contracts"."payment_terms_days" is null or "contracts"."payment_terms_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"number" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"issued_on" date NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date,
	"status" text NOT NULL,
	"file_id" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "invoices_contract_number" UNIQUE("contract_id","number"),
	CONSTRAINT "invoices_amount_check" CHECK ("invoices"."amount_fen" > 0),
	CONSTRAINT "invoices_status_check" CHECK ("invoices"."status" in ('received','paid','rejected'))
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"period_ends_on" date,
	"reported_on" date,
	"report_note" text,
	"reported_by" uuid,
	"confirmed_on" date,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "milestones_contract_seq" UNIQUE("contract_id","seq"),
	CONSTRAINT "milestones_kind_check" CHECK ("milestones"."kind" in ('delivery','installation','training','service','other'))
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"invoice_id" uuid,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"due_on" date,
	"reference" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payments_amount_check" CHECK ("payments"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "performance_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"milestone_id" uuid,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"raised_by" uuid,
	"raised_at" timestamp with time zone NOT NULL,
	"response_due_on" date NOT NULL,
	"response" text,
	"responded_by" uuid,
	"responded_at" timestamp with time zone,
	"status" text NOT NULL,
	"resolution" text,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	CONSTRAINT "performance_issues_category_check" CHECK ("performance_issues"."category" in ('late','quality','quantity','service','other')),
	CONSTRAINT "performance_issues_status_check" CHECK ("performance_issues"."status" in ('open','answered','closed'))
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"algorithm" text NOT NULL,
	"public_key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"wrapped" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "signing_keys_algorithm_check" CHECK ("signing_keys"."algorithm" in ('Ed25519'))
);
--> statement-breakpoint
ALTER TABLE "notices" DROP CONSTRAINT "notices_kind_check";--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "retender_of" uuid;--> statement-breakpoint
ALTER TABLE "acceptances" ADD CONSTRAINT "acceptances_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptances" ADD CONSTRAINT "acceptances_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptances" ADD CONSTRAINT "acceptances_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_letters" ADD CONSTRAINT "award_letters_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_letters" ADD CONSTRAINT "award_letters_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_winner_supplier_id_suppliers_id_fk" FOREIGN KEY ("winner_supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_replied_by_users_id_fk" FOREIGN KEY ("replied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_amendments" ADD CONSTRAINT "contract_amendments_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_amendments" ADD CONSTRAINT "contract_amendments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_signatures" ADD CONSTRAINT "contract_signatures_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_signatures" ADD CONSTRAINT "contract_signatures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_signatures" ADD CONSTRAINT "contract_signatures_key_id_signing_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."signing_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_purchaser_id_purchasers_id_fk" FOREIGN KEY ("purchaser_id") REFERENCES "public"."purchasers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_plan_line_id_plan_lines_id_fk" FOREIGN KEY ("plan_line_id") REFERENCES "public"."plan_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_issues" ADD CONSTRAINT "performance_issues_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_issues" ADD CONSTRAINT "performance_issues_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_issues" ADD CONSTRAINT "performance_issues_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_issues" ADD CONSTRAINT "performance_issues_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_issues" ADD CONSTRAINT "performance_issues_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_keys" ADD CONSTRAINT "signing_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "acceptances_contract_idx" ON "acceptances" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "award_letters_supplier_idx" ON "award_letters" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "award_letters_lot_idx" ON "award_letters" USING btree ("project_id","lot_no");--> statement-breakpoint
CREATE INDEX "challenges_project_idx" ON "challenges" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "challenges_supplier_idx" ON "challenges" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "complaints_project_idx" ON "complaints" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "contract_amendments_contract_idx" ON "contract_amendments" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "contracts_project_idx" ON "contracts" USING btree ("project_id","lot_no");--> statement-breakpoint
CREATE INDEX "contracts_supplier_idx" ON "contracts" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "contracts_purchaser_idx" ON "contracts" USING btree ("purchaser_id");--> statement-breakpoint
CREATE INDEX "payments_contract_idx" ON "payments" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "performance_issues_contract_idx" ON "performance_issues" USING btree ("contract_id");--> statement-breakpoint
CREATE UNIQUE INDEX "signing_keys_active_user" ON "signing_keys" USING btree ("user_id") WHERE "signing_keys"."revoked_at" is null;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_retender_of_projects_id_fk" FOREIGN KEY ("retender_of") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_kind_check" CHECK ("notices"."kind" in ('prequalification','tender','invitation','correction','termination','failure','result','contract','acceptance'));