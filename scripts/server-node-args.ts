// Node's flags for the production server, shared by `npm start` and the benchmark so both measure the same
// server. The old-generation heap is capped (SERVER_HEAP_MB, default 160): left to itself V8 let a server
// rendering /trials at 500,000 trials grow to 386-510 MB before collecting. Measured under that load: capped
// at 224 MB, 316 MB in all; at 192, 333 MB after the other scenarios; at 160, 278 MB (code, SQLite and buffers
// included) for about a quarter less /trials throughput than uncapped (35 vs 49 requests/s); at 128, 31.
export const DEFAULT_SERVER_HEAP_MB = 160;

export function serverNodeArgs(env: Record<string, string | undefined> = process.env): string[] {
  const raw = env.SERVER_HEAP_MB?.trim();
  const mb = raw ? Number(raw) : DEFAULT_SERVER_HEAP_MB;
  if (!Number.isInteger(mb) || mb < 64) throw new Error(`SERVER_HEAP_MB must be a whole number of megabytes, at least 64 (got ${JSON.stringify(raw)})`);
  return [`--max-old-space-size=${mb}`];
}
