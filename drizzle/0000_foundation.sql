CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"hash_alg" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "login_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"ip" text NOT NULL,
	"success" boolean NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"purchaser_id" uuid,
	"supplier_id" uuid,
	"expert_id" uuid,
	"phone" text,
	"locked_until" timestamp with time zone,
	"password_changed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('admin','agent','director','purchaser','supplier','expert','financeSupervisor','disciplineSupervisor')),
	CONSTRAINT "users_status_check" CHECK ("users"."status" in ('active','disabled')),
	CONSTRAINT "users_purchaser_binding" CHECK (("users"."role" = 'purchaser') = ("users"."purchaser_id" is not null)),
	CONSTRAINT "users_supplier_binding" CHECK (("users"."role" = 'supplier') = ("users"."supplier_id" is not null)),
	CONSTRAINT "users_expert_binding" CHECK (("users"."role" = 'expert') = ("users"."expert_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "file_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hash" text NOT NULL,
	"name" text NOT NULL,
	"uploaded_by" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "files" (
	"hash" text PRIMARY KEY NOT NULL,
	"hash_alg" text NOT NULL,
	"size" bigint NOT NULL,
	"mime" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "centres" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"region_name" text NOT NULL,
	"address" text,
	"phone" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "expert_specialties" (
	"expert_id" uuid NOT NULL,
	"specialty_code" text NOT NULL,
	CONSTRAINT "expert_specialties_expert_id_specialty_code_pk" PRIMARY KEY("expert_id","specialty_code")
);
--> statement-breakpoint
CREATE TABLE "experts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"id_number" text NOT NULL,
	"phone" text NOT NULL,
	"title_level" text NOT NULL,
	"title_name" text NOT NULL,
	"years" integer NOT NULL,
	"employer" text NOT NULL,
	"region_code" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "experts_id_number_unique" UNIQUE("id_number"),
	CONSTRAINT "experts_title_level_check" CHECK ("experts"."title_level" in ('senior','intermediate')),
	CONSTRAINT "experts_status_check" CHECK ("experts"."status" in ('pending','active','suspended','removed'))
);
--> statement-breakpoint
CREATE TABLE "purchasers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_id" uuid,
	"region_code" text NOT NULL,
	"credit_code" text,
	"finance_unit" text,
	"contact_name" text,
	"contact_phone" text,
	"address" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "purchasers_name_unique" UNIQUE("name"),
	CONSTRAINT "purchasers_credit_code_unique" UNIQUE("credit_code"),
	CONSTRAINT "purchasers_level_check" CHECK ("purchasers"."level" in ('county','township','village')),
	CONSTRAINT "purchasers_status_check" CHECK ("purchasers"."status" in ('active','inactive'))
);
--> statement-breakpoint
CREATE TABLE "specialties" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"parent_code" text
);
--> statement-breakpoint
CREATE TABLE "suppliers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"legal_representative" text NOT NULL,
	"size" text NOT NULL,
	"region_code" text NOT NULL,
	"address" text,
	"contact_name" text,
	"contact_phone" text,
	"business_scope" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"review_note" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "suppliers_credit_code_unique" UNIQUE("credit_code"),
	CONSTRAINT "suppliers_size_check" CHECK ("suppliers"."size" in ('large','medium','small','micro')),
	CONSTRAINT "suppliers_status_check" CHECK ("suppliers"."status" in ('pending','approved','rejected'))
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_uploads" ADD CONSTRAINT "file_uploads_hash_files_hash_fk" FOREIGN KEY ("hash") REFERENCES "public"."files"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_uploads" ADD CONSTRAINT "file_uploads_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_specialties" ADD CONSTRAINT "expert_specialties_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_specialties" ADD CONSTRAINT "expert_specialties_specialty_code_specialties_code_fk" FOREIGN KEY ("specialty_code") REFERENCES "public"."specialties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchasers" ADD CONSTRAINT "purchasers_parent_id_purchasers_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."purchasers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialties" ADD CONSTRAINT "specialties_parent_code_specialties_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."specialties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_attempts_username_at_idx" ON "login_attempts" USING btree ("username","at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_at_idx" ON "login_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "file_uploads_hash_idx" ON "file_uploads" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "file_uploads_user_idx" ON "file_uploads" USING btree ("uploaded_by");--> statement-breakpoint
CREATE INDEX "expert_specialties_code_idx" ON "expert_specialties" USING btree ("specialty_code");--> statement-breakpoint
CREATE INDEX "purchasers_parent_idx" ON "purchasers" USING btree ("parent_id");