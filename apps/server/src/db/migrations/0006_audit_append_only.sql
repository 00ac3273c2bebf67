-- Custom SQL migration file, put your code below! --
-- The audit log is append-only in the database (X-3): events are never updated, deleted or truncated, and the
-- head only moves forward, one event at a time, onto the newest event. The app's own role needs no more than
-- INSERT/SELECT on audit_events and SELECT/INSERT/UPDATE on audit_head (docs/operations.md).
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'CA001';
END
$$;
--> statement-breakpoint
CREATE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  newest record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- Only the genesis head (the first append creates it; later appends' INSERT … ON CONFLICT DO NOTHING
    -- reaches this trigger too, before the conflict is found).
    IF NEW.id = 1 AND NEW.seq = 0 AND NEW.hash = repeat('0', 64) THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit head may only start at the genesis' USING ERRCODE = 'CA001';
  END IF;
  SELECT seq, hash, prev_hash INTO newest FROM audit_events ORDER BY seq DESC LIMIT 1;
  IF NEW.id = OLD.id AND NEW.seq = OLD.seq + 1 AND newest.seq = NEW.seq AND newest.hash = NEW.hash
     AND newest.prev_hash = OLD.hash THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit head may only move forward onto the newest event (seq % -> %)', OLD.seq, NEW.seq
    USING ERRCODE = 'CA001';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_head_forward_only BEFORE INSERT OR UPDATE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();
