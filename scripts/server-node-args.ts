// Node's flags for the production server, shared by `npm start` and the benchmark so both measure the same
// server. The old-generation heap is capped (SERVER_HEAP_MB, default 192): left to itself V8 let a server
// rendering /trials at 500,000 trials grow to 386-510 MB before collecting; at 192 MB it stays near 300 MB
// in all (code, SQLite and buffers included) for about a tenth less throughput.
export const DEFAULT_SERVER_HEAP_MB = 192;

export function serverNodeArgs(env: Record<string, string | undefined> = process.env): string[] {
  const raw = env.SERVER_HEAP_MB?.trim();
  const mb = raw ? Number(raw) : DEFAULT_SERVER_HEAP_MB;
  if (!Number.isInteger(mb) || mb < 64) throw new Error(`SERVER_HEAP_MB must be a whole number of megabytes, at least 64 (got ${JSON.stringify(raw)})`);
  return [`--max-old-space-size=${mb}`];
}
