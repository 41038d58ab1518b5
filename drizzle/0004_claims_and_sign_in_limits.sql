CREATE TABLE `sign_in_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email_hash` text NOT NULL,
	`client_hash` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_requests_email_idx` ON `sign_in_requests` (`email_hash`,`at`);--> statement-breakpoint
CREATE INDEX `sign_in_requests_client_idx` ON `sign_in_requests` (`client_hash`,`at`);--> statement-breakpoint
CREATE INDEX `sign_in_requests_at_idx` ON `sign_in_requests` (`at`);--> statement-breakpoint
CREATE TABLE `trial_field_claims` (
	`trial_id` integer NOT NULL,
	`field` text NOT NULL,
	`value` text,
	`set_by` text,
	`set_at` text NOT NULL,
	`disputed_at` text,
	`other_value` text,
	`other_source` text,
	`other_as_of` text,
	`dismissed_at` text,
	`dismissed_value` text,
	PRIMARY KEY(`trial_id`, `field`),
	FOREIGN KEY (`trial_id`) REFERENCES `trials`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`set_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `trial_field_claims_disputed_idx` ON `trial_field_claims` (`disputed_at`);