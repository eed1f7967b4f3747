CREATE TABLE "abnormal_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"lot_no" integer NOT NULL,
	"bid_id" uuid NOT NULL,
	"triggers" jsonb NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"explanation" text,
	"explained_at" timestamp with time zone,
	"decision" text,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "abnormal_reviews_decision_check" CHECK ("abnormal_reviews"."decision" is null or "abnormal_reviews"."decision" in ('accepted','rejected'))
);
--> statement-breakpoint
CREATE TABLE "blind_codes" (
	"project_id" uuid NOT NULL,
	"lot_no" integer NOT NULL,
	"bid_id" uuid NOT NULL,
	"code" text NOT NULL,
	"scan" jsonb,
	CONSTRAINT "blind_codes_project_id_lot_no_bid_id_pk" PRIMARY KEY("project_id","lot_no","bid_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_checks" (
	"project_id" uuid NOT NULL,
	"lot_no" integer NOT NULL,
	"bid_id" uuid NOT NULL,
	"seat_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"clause_id" text NOT NULL,
	"pass" boolean NOT NULL,
	"reason" text,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_checks_project_id_lot_no_bid_id_seat_id_kind_clause_id_pk" PRIMARY KEY("project_id","lot_no","bid_id","seat_id","kind","clause_id"),
	CONSTRAINT "evaluation_checks_kind_check" CHECK ("evaluation_checks"."kind" in ('qualification','compliance'))
);
--> statement-breakpoint
CREATE TABLE "evaluation_declarations" (
	"seat_id" uuid PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_scores" (
	"project_id" uuid NOT NULL,
	"lot_no" integer NOT NULL,
	"bid_id" uuid NOT NULL,
	"seat_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"centi_points" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_scores_project_id_lot_no_bid_id_seat_id_item_id_pk" PRIMARY KEY("project_id","lot_no","bid_id","seat_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_signatures" (
	"project_id" uuid NOT NULL,
	"lot_no" integer NOT NULL,
	"seat_id" uuid NOT NULL,
	"report_hash" text NOT NULL,
	"agree" boolean NOT NULL,
	"dissent" text,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_signatures_project_id_lot_no_seat_id_pk" PRIMARY KEY("project_id","lot_no","seat_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_submissions" (
	"project_id" uuid NOT NULL,
	"lot_no" integer NOT NULL,
	"seat_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_submissions_project_id_lot_no_seat_id_phase_pk" PRIMARY KEY("project_id","lot_no","seat_id","phase"),
	CONSTRAINT "evaluation_submissions_phase_check" CHECK ("evaluation_submissions"."phase" in ('blind','checks','scores'))
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"project_id" uuid NOT NULL,
	"lot_no" integer NOT NULL,
	"status" text NOT NULL,
	"method" text NOT NULL,
	"blind" boolean NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"qualified" jsonb,
	"ranking" jsonb,
	"report" jsonb,
	"report_hash" text,
	"signed_report" jsonb,
	"failed_reason" text,
	"completed_at" timestamp with time zone,
	CONSTRAINT "evaluations_project_id_lot_no_pk" PRIMARY KEY("project_id","lot_no"),
	CONSTRAINT "evaluations_status_check" CHECK ("evaluations"."status" in ('blindScoring','checking','abnormal','scoring','awaitingDraw','reporting','signed','failed'))
);
--> statement-breakpoint
ALTER TABLE "abnormal_reviews" ADD CONSTRAINT "abnormal_reviews_decided_by_committee_seats_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."committee_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blind_codes" ADD CONSTRAINT "blind_codes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_checks" ADD CONSTRAINT "evaluation_checks_seat_id_committee_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."committee_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_declarations" ADD CONSTRAINT "evaluation_declarations_seat_id_committee_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."committee_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_scores" ADD CONSTRAINT "evaluation_scores_seat_id_committee_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."committee_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_signatures" ADD CONSTRAINT "evaluation_signatures_seat_id_committee_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."committee_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_submissions" ADD CONSTRAINT "evaluation_submissions_seat_id_committee_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."committee_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "abnormal_reviews_bid_idx" ON "abnormal_reviews" USING btree ("project_id","lot_no","bid_id");--> statement-breakpoint
CREATE UNIQUE INDEX "blind_codes_code_idx" ON "blind_codes" USING btree ("project_id","lot_no","code");