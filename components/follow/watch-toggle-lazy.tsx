'use client';
// The Watch toggle's code (React Query with it), loaded only where a signed-in person sees the button: a page
// lists its client components' chunks statically, so importing the toggle directly would send it to everyone.
// Server-rendered, and its chunks preloaded with the page, so the button works as soon as it hydrates.
import dynamic from 'next/dynamic';

export const WatchToggle = dynamic(() => import('./watch-toggle').then((m) => m.WatchToggle));
