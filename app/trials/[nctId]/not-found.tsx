import type { Metadata } from 'next';
import { TrialNotFound } from '@/components/trial/trial-not-found';

export const metadata: Metadata = { title: 'Trial not found' };

// Shown for a malformed NCT number and for one the tracker does not hold (the page calls notFound()).
export default function NotFound() {
  return <TrialNotFound />;
}
