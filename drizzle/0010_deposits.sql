CREATE TABLE "bid_deposits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"form" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"payer_name" text NOT NULL,
	"payer_account" text,
	"payer_bank" text,
	"guarantee_no" text,
	"status" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"refund_due_on" date,
	"refunded_on" date,
	CONSTRAINT "bid_deposits_form_check" CHECK ("bid_deposits"."form" in ('transfer','bankGuarantee','insuranceGuarantee','guaranteeInstitution','cheque','draft','promissoryNote')),
	CONSTRAINT "bid_deposits_status_check" CHECK ("bid_deposits"."status" in ('recorded','confirmed','refundDue','refunded')),
	CONSTRAINT "bid_deposits_amount_check" CHECK ("bid_deposits"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "bid_deposits" ADD CONSTRAINT "bid_deposits_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_deposits" ADD CONSTRAINT "bid_deposits_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_deposits" ADD CONSTRAINT "bid_deposits_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bid_deposits_one_per_supplier" ON "bid_deposits" USING btree ("project_id","supplier_id");