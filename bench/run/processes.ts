// Child processes of the benchmark: the production server, the bare baseline and the load generator. Each
// runs in its own process group, so stopping it stops whatever it spawned; every group still alive is killed
// when the runner exits, however it exits.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export type Child = { name: string; proc: ChildProcess; output: () => string; exited: Promise<number | null> };

const live = new Set<Child>();

function killGroup(child: Child, signal: NodeJS.Signals): void {
  const pid = child.proc.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Synchronous last resort, for process exit. */
export function killAll(): void {
  for (const child of live) killGroup(child, 'SIGKILL');
  live.clear();
}

process.on('exit', killAll);

/** Starts a process in a new process group, keeping the tail of its output for error messages. */
export function start(name: string, command: string, args: string[], options: { env?: NodeJS.ProcessEnv; echo?: boolean } = {}): Child {
  const proc = spawn(command, args, { env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-20_000);
    if (options.echo) process.stderr.write(chunk);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    proc.on('exit', (code, signal) => {
      live.delete(child);
      resolve(code ?? (signal ? 128 : null));
    });
    proc.on('error', (error) => {
      tail += `\n${error.message}`;
      live.delete(child);
      resolve(-1);
    });
  });
  const child: Child = { name, proc, output: () => tail, exited };
  live.add(child);
  return child;
}

/** SIGTERM to the group, SIGKILL after a grace period; resolves once the leader has exited. */
export async function stop(child: Child, graceMs = 5000): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) {
    killGroup(child, 'SIGKILL'); // stragglers it may have left
    return;
  }
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
  killGroup(child, 'SIGKILL');
}

/** Runs a process to completion; resolves with its stdout, rejects with its output on failure. */
export async function runToEnd(name: string, command: string, args: string[], env?: NodeJS.ProcessEnv, timeoutMs = 10 * 60_000): Promise<string> {
  const child = start(name, command, args, { env });
  let stdout = '';
  child.proc.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
  const code = await child.exited;
  clearTimeout(timer);
  killGroup(child, 'SIGKILL');
  if (code !== 0) throw new Error(`${name} exited with ${code}:\n${child.output().slice(-4000)}`);
  return stdout;
}

/** True when nothing accepts connections on the port (IPv4 or IPv6 loopback). */
export async function portIsFree(port: number): Promise<boolean> {
  const tryConnect = (host: string) =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host });
      socket.setTimeout(1000);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(false));
    });
  const [v4, v6] = await Promise.all([tryConnect('127.0.0.1'), tryConnect('::1')]);
  return !v4 && !v6;
}

/** Polls a URL until it answers 200, the child exits, or the time runs out. */
export async function waitForOk(url: string, child: Child, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (Date.now() - started < timeoutMs) {
    if (exited) throw new Error(`${child.name} exited before it was ready:\n${child.output().slice(-4000)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.ok) return Date.now() - started;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${child.name} was not ready at ${url} within ${timeoutMs / 1000} s:\n${child.output().slice(-4000)}`);
}

/** The pid and every descendant of it (Linux /proc). */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = parents.get(ppid);
      if (list) list.push(Number(entry));
      else parents.set(ppid, [Number(entry)]);
    } catch {
      // Exited meanwhile.
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const child of parents.get(pid) ?? []) walk(child);
  };
  walk(root);
  return out;
}

/** VmRSS of a process in bytes, or null once it is gone. */
export function rssBytes(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function processName(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').slice(0, 120);
  } catch {
    return '?';
  }
}

/** Samples the RSS of a process tree at an interval, attributing each sample to the current phase. */
export class RssSampler {
  phase = 'idle';
  readonly maxByPhase = new Map<string, number>();
  readonly maxByPid = new Map<number, number>();
  samples = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly root: number,
    private readonly intervalMs = 250,
  ) {}

  sample(): number {
    let total = 0;
    for (const pid of processTree(this.root)) {
      const rss = rssBytes(pid);
      if (rss === null) continue;
      total += rss;
      this.maxByPid.set(pid, Math.max(this.maxByPid.get(pid) ?? 0, rss));
    }
    this.samples += 1;
    this.maxByPhase.set(this.phase, Math.max(this.maxByPhase.get(this.phase) ?? 0, total));
    return total;
  }

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  max(): number {
    return Math.max(0, ...this.maxByPhase.values());
  }
}
