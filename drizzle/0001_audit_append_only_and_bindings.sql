-- The audit log is append-only at the database level: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION audit_events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_reject_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_reject_change();
--> statement-breakpoint
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
--> statement-breakpoint
-- Accounts bound to an organisation or an expert record; declared here because the platform's users table
-- may not name a module's tables.
ALTER TABLE users ADD CONSTRAINT users_purchaser_fk FOREIGN KEY (purchaser_id) REFERENCES purchasers(id);
--> statement-breakpoint
ALTER TABLE users ADD CONSTRAINT users_supplier_fk FOREIGN KEY (supplier_id) REFERENCES suppliers(id);
--> statement-breakpoint
ALTER TABLE users ADD CONSTRAINT users_expert_fk FOREIGN KEY (expert_id) REFERENCES experts(id);
