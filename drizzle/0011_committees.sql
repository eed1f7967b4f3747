CREATE TABLE "committee_seats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"committee_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"expert_id" uuid,
	"user_id" uuid,
	"name" text,
	"draw_id" uuid,
	"slot_key" text,
	"position" integer NOT NULL,
	"status" text NOT NULL,
	"decline_reason" text,
	"responded_at" timestamp with time zone,
	"replaces" uuid,
	"chair" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "committee_seats_kind_check" CHECK ("committee_seats"."kind" in ('expert','purchaserRep')),
	CONSTRAINT "committee_seats_status_check" CHECK ("committee_seats"."status" in ('invited','confirmed','declined','recused','absent')),
	CONSTRAINT "committee_seats_who_check" CHECK (("committee_seats"."kind" = 'expert' and "committee_seats"."expert_id" is not null) or ("committee_seats"."kind" = 'purchaserRep' and "committee_seats"."name" is not null))
);
--> statement-breakpoint
CREATE TABLE "committees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"review_at" timestamp with time zone NOT NULL,
	"review_place" text NOT NULL,
	"remote" boolean DEFAULT false NOT NULL,
	"complex" boolean DEFAULT false NOT NULL,
	"slots" jsonb NOT NULL,
	"region_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'forming' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "committees_project_id_unique" UNIQUE("project_id"),
	CONSTRAINT "committees_status_check" CHECK ("committees"."status" in ('forming','formed','dissolved'))
);
--> statement-breakpoint
CREATE TABLE "draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"committee_id" uuid,
	"purpose" text NOT NULL,
	"subject" text NOT NULL,
	"server_seed" text NOT NULL,
	"server_commitment" text NOT NULL,
	"slots" jsonb NOT NULL,
	"candidate_list_hash" text NOT NULL,
	"exclusions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"prepared_by" uuid,
	"prepared_at" timestamp with time zone NOT NULL,
	"supervisor_input" text,
	"supervisor_user_id" uuid,
	"drawn_at" timestamp with time zone,
	"seed" text,
	"result" jsonb,
	"status" text DEFAULT 'committed' NOT NULL,
	CONSTRAINT "draws_purpose_check" CHECK ("draws"."purpose" in ('committee','tieBreak','lottery')),
	CONSTRAINT "draws_status_check" CHECK ("draws"."status" in ('committed','drawn','void'))
);
--> statement-breakpoint
ALTER TABLE "committee_seats" ADD CONSTRAINT "committee_seats_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_seats" ADD CONSTRAINT "committee_seats_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_seats" ADD CONSTRAINT "committee_seats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_seats" ADD CONSTRAINT "committee_seats_draw_id_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."draws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committees" ADD CONSTRAINT "committees_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committees" ADD CONSTRAINT "committees_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_prepared_by_users_id_fk" FOREIGN KEY ("prepared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_supervisor_user_id_users_id_fk" FOREIGN KEY ("supervisor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "committee_seats_committee_idx" ON "committee_seats" USING btree ("committee_id");--> statement-breakpoint
CREATE INDEX "committee_seats_expert_idx" ON "committee_seats" USING btree ("expert_id");--> statement-breakpoint
CREATE INDEX "draws_project_idx" ON "draws" USING btree ("project_id");