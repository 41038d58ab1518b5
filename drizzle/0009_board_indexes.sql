CREATE INDEX `trial_events_occurred_idx` ON `trial_events` (`occurred_at`);--> statement-breakpoint
CREATE INDEX `trials_curation_as_of_idx` ON `trials` (`curation_as_of`);