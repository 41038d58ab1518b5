CREATE TABLE `trials_generation` (
	`id` integer PRIMARY KEY NOT NULL,
	`n` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `trials_facets_idx` ON `trials` (`modality`,`phase`,`overall_status`,`placebo`,`open_label_extension`,`routes`);--> statement-breakpoint
-- The single row, and triggers that bump it with every change to trials (see db/schema.ts trialsGeneration).
INSERT INTO `trials_generation` (`id`, `n`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `trials_generation_insert` AFTER INSERT ON `trials` BEGIN
  UPDATE `trials_generation` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `trials_generation_update` AFTER UPDATE ON `trials` BEGIN
  UPDATE `trials_generation` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `trials_generation_delete` AFTER DELETE ON `trials` BEGIN
  UPDATE `trials_generation` SET `n` = `n` + 1 WHERE `id` = 1;
END;
