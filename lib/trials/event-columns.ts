// The trial_events columns describeEvent (lib/trials/describe-event.ts) reads, as one drizzle selection:
// every query that shows an event in words selects these, plus whatever else it needs.
import { trialEvents } from '@/db/schema';

export const describableEventColumns = {
  kind: trialEvents.kind,
  field: trialEvents.field,
  fromValue: trialEvents.fromValue,
  toValue: trialEvents.toValue,
  text: trialEvents.text,
  source: trialEvents.source,
};
