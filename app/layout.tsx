import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { AccountNav } from '@/components/account/account-nav';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'ALS Trial Tracker', template: '%s · ALS Trial Tracker' },
  description:
    'An open-source tracker of ALS clinical trials for families, trial coordinators and subscribers.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <header className="site-header">
          <div className="container header-inner">
            <Link href="/" className="site-name">
              ALS Trial Tracker
            </Link>
            <nav aria-label="Main">
              <ul className="nav-list">
                <li>
                  <Link href="/">Pipeline</Link>
                </li>
                <li>
                  <Link href="/trials">Find trials</Link>
                </li>
                <li>
                  <Link href="/timeline">Timeline</Link>
                </li>
                <li>
                  <Link href="/lists">Lists</Link>
                </li>
                <li>
                  <Link href="/about">About</Link>
                </li>
                <AccountNav />
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="container">
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>
              <strong>Not medical advice.</strong> Trial information comes from public registries and
              curated sources and may be out of date. Talk to your neurologist or the trial team before
              making any decision.
            </p>
            <p>
              {/* A JSON endpoint, not a page: a plain link, no client-side navigation or prefetch. */}
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
              Data for other programs: <a href="/api/trials">the JSON API</a> (see the README).
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
