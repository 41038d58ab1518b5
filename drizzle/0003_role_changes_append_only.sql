-- Custom migration: the record of role changes is a history, like trial_events: no edits, no deletions.
CREATE TRIGGER `role_changes_no_update` BEFORE UPDATE ON `role_changes`
BEGIN
  SELECT RAISE(ABORT, 'role_changes is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `role_changes_no_delete` BEFORE DELETE ON `role_changes`
BEGIN
  SELECT RAISE(ABORT, 'role_changes is append-only');
END;
