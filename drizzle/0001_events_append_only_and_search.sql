-- Custom migration (drizzle-kit generate --custom): what drizzle's schema language cannot say.
-- 1. trial_events is an append-only history: refuse edits and deletions at the database itself.
CREATE TRIGGER `trial_events_no_update` BEFORE UPDATE ON `trial_events`
BEGIN
  SELECT RAISE(ABORT, 'trial_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `trial_events_no_delete` BEFORE DELETE ON `trial_events`
BEGIN
  SELECT RAISE(ABORT, 'trial_events is append-only');
END;
--> statement-breakpoint
-- 2. Full-text search over titles, interventions, sponsor, conditions and summaries.
-- rowid = trials.id; rows are written by lib/trials/search-index.ts in the same transaction as the trial.
CREATE VIRTUAL TABLE `trials_fts` USING fts5(
  `title`,
  `interventions`,
  `sponsor`,
  `conditions`,
  `summary`,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
