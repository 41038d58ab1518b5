CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`since` text,
	`query` text NOT NULL,
	`pages` integer DEFAULT 0 NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE TABLE `trial_biomarkers` (
	`trial_id` integer NOT NULL,
	`biomarker` text NOT NULL,
	PRIMARY KEY(`trial_id`, `biomarker`),
	FOREIGN KEY (`trial_id`) REFERENCES `trials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `trial_biomarkers_idx` ON `trial_biomarkers` (`biomarker`,`trial_id`);--> statement-breakpoint
CREATE TABLE `trial_curations` (
	`nct_id` text PRIMARY KEY NOT NULL,
	`data` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `trial_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trial_id` integer NOT NULL,
	`kind` text NOT NULL,
	`field` text,
	`from_value` text,
	`to_value` text,
	`occurred_at` text,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`source` text NOT NULL,
	`source_detail` text,
	`text` text,
	`reason` text,
	`actor_user_id` text,
	`dedupe_key` text,
	FOREIGN KEY (`trial_id`) REFERENCES `trials`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `trial_events_trial_idx` ON `trial_events` (`trial_id`,`id`);--> statement-breakpoint
CREATE INDEX `trial_events_recorded_idx` ON `trial_events` (`recorded_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `trial_events_dedupe_unique` ON `trial_events` (`trial_id`,`dedupe_key`);--> statement-breakpoint
CREATE TABLE `trial_genes` (
	`trial_id` integer NOT NULL,
	`gene` text NOT NULL,
	PRIMARY KEY(`trial_id`, `gene`),
	FOREIGN KEY (`trial_id`) REFERENCES `trials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `trial_genes_gene_idx` ON `trial_genes` (`gene`,`trial_id`);--> statement-breakpoint
CREATE TABLE `trial_interventions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trial_id` integer NOT NULL,
	`position` integer NOT NULL,
	`type` text,
	`name` text NOT NULL,
	`description` text,
	`other_names` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`trial_id`) REFERENCES `trials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `trial_interventions_trial_idx` ON `trial_interventions` (`trial_id`,`position`);--> statement-breakpoint
CREATE TABLE `trial_links` (
	`from_nct_id` text NOT NULL,
	`to_nct_id` text NOT NULL,
	`relation` text NOT NULL,
	`note` text,
	PRIMARY KEY(`from_nct_id`, `to_nct_id`)
);
--> statement-breakpoint
CREATE INDEX `trial_links_to_idx` ON `trial_links` (`to_nct_id`);--> statement-breakpoint
CREATE TABLE `trial_locations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trial_id` integer NOT NULL,
	`position` integer NOT NULL,
	`facility` text,
	`city` text,
	`state` text,
	`country` text,
	`status` text,
	FOREIGN KEY (`trial_id`) REFERENCES `trials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `trial_locations_trial_idx` ON `trial_locations` (`trial_id`,`position`);--> statement-breakpoint
CREATE INDEX `trial_locations_country_idx` ON `trial_locations` (`country`,`trial_id`);--> statement-breakpoint
CREATE TABLE `trial_outcomes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trial_id` integer NOT NULL,
	`kind` text NOT NULL,
	`position` integer NOT NULL,
	`measure` text NOT NULL,
	`description` text,
	`time_frame` text,
	`biomarkers` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`trial_id`) REFERENCES `trials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `trial_outcomes_trial_idx` ON `trial_outcomes` (`trial_id`,`kind`,`position`);--> statement-breakpoint
CREATE TABLE `trials` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`nct_id` text NOT NULL,
	`brief_title` text NOT NULL,
	`official_title` text,
	`acronym` text,
	`brief_summary` text,
	`plain_summary` text,
	`modality` text NOT NULL,
	`modality_source` text NOT NULL,
	`classification_reason` text,
	`genes_source` text NOT NULL,
	`mechanism` text,
	`phase` text,
	`overall_status` text,
	`last_known_status` text,
	`why_stopped` text,
	`study_type` text,
	`lead_sponsor` text,
	`collaborators` text DEFAULT '[]' NOT NULL,
	`conditions` text DEFAULT '[]' NOT NULL,
	`keywords` text DEFAULT '[]' NOT NULL,
	`start_date` text,
	`start_date_type` text,
	`primary_completion_date` text,
	`primary_completion_date_type` text,
	`completion_date` text,
	`completion_date_type` text,
	`first_posted_date` text,
	`first_posted_date_type` text,
	`last_update_posted_date` text,
	`last_update_posted_date_type` text,
	`results_first_posted_date` text,
	`has_results` integer DEFAULT false NOT NULL,
	`enrollment_count` integer,
	`enrollment_type` text,
	`minimum_age` text,
	`maximum_age` text,
	`sex` text,
	`healthy_volunteers` integer,
	`eligibility_criteria` text,
	`max_months_since_onset` integer,
	`min_vital_capacity_pct` integer,
	`riluzole_allowed` integer,
	`edaravone_allowed` integer,
	`placebo` integer,
	`placebo_ratio` text,
	`open_label_extension` integer,
	`routes` text DEFAULT '[]' NOT NULL,
	`burden_notes` text,
	`programme` text,
	`curation_notes` text,
	`registry_fetched_at` text,
	`curation_as_of` text,
	`sources` text DEFAULT '[]' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trials_nct_id_unique` ON `trials` (`nct_id`);--> statement-breakpoint
CREATE INDEX `trials_modality_phase_idx` ON `trials` (`modality`,`phase`);--> statement-breakpoint
CREATE INDEX `trials_status_idx` ON `trials` (`overall_status`);--> statement-breakpoint
CREATE INDEX `trials_last_update_idx` ON `trials` (`last_update_posted_date`);--> statement-breakpoint
CREATE INDEX `trials_start_date_idx` ON `trials` (`start_date`);