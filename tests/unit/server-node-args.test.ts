// The production server's Node flags (npm start and the benchmark start it the same way).
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_HEAP_MB, serverNodeArgs } from '@/scripts/server-node-args';

describe('serverNodeArgs', () => {
  it('caps the old-generation heap at the default, or at SERVER_HEAP_MB', () => {
    expect(serverNodeArgs({})).toEqual([`--max-old-space-size=${DEFAULT_SERVER_HEAP_MB}`]);
    expect(serverNodeArgs({ SERVER_HEAP_MB: ' 512 ' })).toEqual(['--max-old-space-size=512']);
  });

  it('refuses a value that is not a whole number of at least 64 MB, naming the variable', () => {
    for (const bad of ['12', '1.5', 'lots', '-200']) expect(() => serverNodeArgs({ SERVER_HEAP_MB: bad })).toThrow(/SERVER_HEAP_MB/);
  });
});
