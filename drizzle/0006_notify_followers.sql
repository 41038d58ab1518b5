-- Custom migration (drizzle-kit generate --custom): the outbox, written by the database itself.
-- Every news event appended to trial_events, by any writer now or later (import, coordinator update, claim
-- resolution, dispute), fans out in the same statement, hence the same transaction, as the event:
--   1. one notification per person subscribed to any list holding the trial (watchlist_trials, or
--      watchlist_matches for saved searches), except the person who made the change; `event:<id>` per person;
--      watchlist_id is the smallest of their lists that hold it;
--   2. one e-mail delivery per such notification unless the person's most frequent cadence among those lists
--      is 'never' (immediate > daily > weekly): due at the event for 'immediate', at the next 07:00 UTC
--      strictly after it for 'daily', at the next Monday 07:00 UTC strictly after it for 'weekly'.
-- Curated history (dedupe_key 'curation:…') is the past being seeded, not news; registered,
-- record_updated and source_confirmed are bookkeeping. Both statements are set-based INSERT … SELECT, so
-- the fan-out costs about what writing the rows costs (bench/fanout.ts). lib/notifications/fanout.ts
-- uses the same due-time expressions for new matches of saved searches.
CREATE TRIGGER `trial_events_notify_followers` AFTER INSERT ON `trial_events`
WHEN NEW.`kind` IN ('started', 'status_changed', 'phase_changed', 'date_changed', 'enrolment_changed', 'results_posted', 'note', 'source_differs')
  AND (NEW.`dedupe_key` IS NULL OR NEW.`dedupe_key` NOT LIKE 'curation:%')
BEGIN
  INSERT OR IGNORE INTO `notifications` (`user_id`, `trial_id`, `event_id`, `watchlist_id`, `kind`, `dedupe_key`, `created_at`)
  SELECT s.`user_id`, NEW.`trial_id`, NEW.`id`, min(s.`watchlist_id`), 'event', 'event:' || NEW.`id`, NEW.`recorded_at`
  FROM `subscriptions` s
  WHERE s.`watchlist_id` IN (
      SELECT `watchlist_id` FROM `watchlist_trials` WHERE `trial_id` = NEW.`trial_id`
      UNION
      SELECT `watchlist_id` FROM `watchlist_matches` WHERE `trial_id` = NEW.`trial_id`
    )
    AND s.`user_id` IS NOT NEW.`actor_user_id`
  GROUP BY s.`user_id`;

  INSERT OR IGNORE INTO `deliveries` (`notification_id`, `user_id`, `channel`, `cadence`, `idempotency_key`, `due_at`, `created_at`)
  SELECT n.`id`, n.`user_id`, 'email', f.`cadence`, n.`id` || ':email',
    CASE f.`cadence`
      WHEN 'immediate' THEN NEW.`recorded_at`
      WHEN 'daily' THEN strftime('%Y-%m-%dT07:00:00.000Z', NEW.`recorded_at`, '-7 hours', '+1 day')
      ELSE strftime('%Y-%m-%dT07:00:00.000Z', NEW.`recorded_at`, '-7 hours', '+1 day', 'weekday 1')
    END,
    NEW.`recorded_at`
  FROM (
    SELECT s.`user_id`,
      CASE min(CASE s.`email_cadence` WHEN 'immediate' THEN 0 WHEN 'daily' THEN 1 WHEN 'weekly' THEN 2 ELSE 3 END)
        WHEN 0 THEN 'immediate' WHEN 1 THEN 'daily' WHEN 2 THEN 'weekly' END AS `cadence`
    FROM `subscriptions` s
    WHERE s.`watchlist_id` IN (
        SELECT `watchlist_id` FROM `watchlist_trials` WHERE `trial_id` = NEW.`trial_id`
        UNION
        SELECT `watchlist_id` FROM `watchlist_matches` WHERE `trial_id` = NEW.`trial_id`
      )
      AND s.`user_id` IS NOT NEW.`actor_user_id`
    GROUP BY s.`user_id`
  ) f
  JOIN `notifications` n ON n.`user_id` = f.`user_id` AND n.`dedupe_key` = 'event:' || NEW.`id`
  WHERE f.`cadence` IS NOT NULL;
END;
