CREATE TABLE "annual_targets" (
	"year" integer PRIMARY KEY NOT NULL,
	"budget_fen" bigint NOT NULL,
	"savings_rate_bp" integer NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "annual_targets_budget_check" CHECK ("annual_targets"."budget_fen" > 0),
	CONSTRAINT "annual_targets_rate_check" CHECK ("annual_targets"."savings_rate_bp" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "historical_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"row_count" integer NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "historical_imports_file_sha256_unique" UNIQUE("file_sha256")
);
--> statement-breakpoint
CREATE TABLE "historical_procurements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"project_code" text NOT NULL,
	"project_name" text NOT NULL,
	"lot_no" integer DEFAULT 1 NOT NULL,
	"purchaser_name" text NOT NULL,
	"purchaser_level" text NOT NULL,
	"category" text NOT NULL,
	"service_kind" text,
	"method" text NOT NULL,
	"programme" text,
	"budget_fen" bigint NOT NULL,
	"contract_fen" bigint NOT NULL,
	"paid_fen" bigint,
	"commissioned_on" date,
	"contracted_on" date NOT NULL,
	"supplier_name" text,
	CONSTRAINT "historical_procurements_share" UNIQUE("project_code","lot_no","purchaser_name"),
	CONSTRAINT "historical_level_check" CHECK ("historical_procurements"."purchaser_level" in ('county','township','village')),
	CONSTRAINT "historical_category_check" CHECK ("historical_procurements"."category" in ('goods','works','services')),
	CONSTRAINT "historical_service_kind_check" CHECK ("historical_procurements"."service_kind" is null or ("historical_procurements"."category" = 'services' and "historical_procurements"."service_kind" in ('preselected','nonPreselected','ppp'))),
	CONSTRAINT "historical_method_check" CHECK ("historical_procurements"."method" in ('openTender','invitedTender','negotiation','consultation','rfq','singleSource')),
	CONSTRAINT "historical_lot_check" CHECK ("historical_procurements"."lot_no" >= 1),
	CONSTRAINT "historical_budget_check" CHECK ("historical_procurements"."budget_fen" > 0),
	CONSTRAINT "historical_contract_check" CHECK ("historical_procurements"."contract_fen" >= 0),
	CONSTRAINT "historical_paid_check" CHECK ("historical_procurements"."paid_fen" is null or "historical_procurements"."paid_fen" >= 0),
	CONSTRAINT "historical_dates_check" CHECK ("historical_procurements"."commissioned_on" is null or "historical_procurements"."commissioned_on" <= "historical_procurements"."contracted_on")
);
--> statement-breakpoint
ALTER TABLE "annual_targets" ADD CONSTRAINT "annual_targets_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "historical_imports" ADD CONSTRAINT "historical_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "historical_procurements" ADD CONSTRAINT "historical_procurements_import_id_historical_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."historical_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "historical_contracted_idx" ON "historical_procurements" USING btree ("contracted_on");--> statement-breakpoint
CREATE INDEX "historical_import_idx" ON "historical_procurements" USING btree ("import_id");