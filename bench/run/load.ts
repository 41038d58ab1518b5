// The load generator, run by bench/run.ts as its own process (never in the process that spawned the server):
// an optional warm-up, then the measured autocannon run, whose result is printed as one line of JSON on stdout.
// bench/run.ts runs the warm-up as a separate invocation (warmup 0 here), so it can wait for the server to work
// off the abandoned requests before measuring. Its configuration arrives as JSON in argv[2]:
//   { url, paths: string[], headers?, connections, duration, warmup }
// Several paths are requested in rotation (each connection walks the list), e.g. one trial page per id.
import autocannon from 'autocannon';

type Config = { url: string; paths: string[]; headers?: Record<string, string>; connections: number; duration: number; warmup: number; timeout?: number };

async function fire(config: Config, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url: config.url,
    connections: config.connections,
    duration,
    timeout: config.timeout ?? 30,
    headers: config.headers,
    requests: config.paths.map((path) => ({ method: 'GET' as const, path })),
  });
}

async function main() {
  const config = JSON.parse(process.argv[2] ?? '') as Config;
  if (!config.paths?.length) throw new Error('no paths to request');
  if (config.warmup > 0) await fire(config, config.warmup);
  const result = await fire(config, config.duration);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
