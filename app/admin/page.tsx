// /admin: assign and remove trial coordinators, and the record of every role change.
import type { Metadata } from 'next';
import Link from 'next/link';
import { AssignCoordinatorForm } from '@/components/admin/assign-form';
import { RemoveCoordinatorButton } from '@/components/admin/remove-button';
import styles from '@/components/ui/form.module.css';
import { db } from '@/db/client';
import { listAssignments, listRoleChanges } from '@/lib/auth/admin';
import { requireActor } from '@/lib/auth/guard';
import { formatDateTime } from '@/lib/trials/format';
import { NCT_ID } from '@/lib/trials/vocab';
import { Notice } from '@/components/ui/notice';

export const metadata: Metadata = { title: 'Admin' };

const CHANGE_WORDS: Record<string, string> = {
  admin_granted: 'made an admin',
  admin_revoked: 'no longer an admin',
  coordinator_assigned: 'assigned as coordinator',
  coordinator_removed: 'removed as coordinator',
};

export default async function AdminPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor('/admin');
  if (actor.role !== 'admin') {
    return (
      <>
        <h1>Admin</h1>
        <p className="lead">Only admins can open this page. If you coordinate a trial, go to <Link href="/coordinate">My trials</Link>.</p>
      </>
    );
  }
  const assignments = listAssignments(db(), actor);
  const changes = listRoleChanges(db(), actor, 50);
  const { removed, at } = await searchParams;
  return (
    <>
      <h1>Admin</h1>
      {typeof removed === 'string' && NCT_ID.test(removed) ? (
        <Notice key={String(at)}>
          A coordinator was removed from {removed}. The change is in the role history below.
        </Notice>
      ) : null}
      <p className="lead">Coordinators keep their trials’ status true between registry updates. A trial may have several coordinators.</p>

      <section aria-labelledby="assign-heading">
        <h2 id="assign-heading">Assign a coordinator</h2>
        <AssignCoordinatorForm />
      </section>

      <section aria-labelledby="current-heading">
        <h2 id="current-heading">Current coordinators</h2>
        {assignments.length === 0 ? (
          <p>No trial has a coordinator yet.</p>
        ) : (
          <table className={styles.table}>
            <caption className="visually-hidden">Trials and their coordinators</caption>
            <thead>
              <tr>
                <th scope="col">Trial</th>
                <th scope="col">Coordinator</th>
                <th scope="col">Since</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {assignments.flatMap((a) =>
                a.coordinators.map((c) => (
                  <tr key={`${a.nctId}-${c.userId}`}>
                    <td>
                      <Link href={`/trials/${a.nctId}`}>{a.briefTitle}</Link> <span className="nct-id">{a.nctId}</span>
                    </td>
                    <td>{c.label}</td>
                    <td>{formatDateTime(c.assignedAt)}</td>
                    <td>
                      <RemoveCoordinatorButton userId={c.userId} nctId={a.nctId} label={c.label} />
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Role changes</h2>
        <p className="lead">Every grant and removal, newest first. This record cannot be edited.</p>
        {changes.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <table className={styles.table}>
            <caption className="visually-hidden">Role changes, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Change</th>
                <th scope="col">Trial</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.id}>
                  <td>{formatDateTime(c.at)}</td>
                  <td>{c.person}</td>
                  <td>{CHANGE_WORDS[c.change] ?? c.change}</td>
                  <td>{c.nctId ?? '—'}</td>
                  <td>{c.by}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
