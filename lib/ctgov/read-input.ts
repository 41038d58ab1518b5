// Reads import inputs: a file, a directory of .json files, or standard input ('-'). Each file may
// hold one study, an array of studies, or an API page {studies, nextPageToken}.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportInput } from '@/lib/trials/import';

export type ReadProblem = { file: string; reason: string };

/** The records inside one parsed JSON document, in order. */
export function recordsOf(doc: unknown): unknown[] {
  if (Array.isArray(doc)) return doc;
  if (doc && typeof doc === 'object' && Array.isArray((doc as { studies?: unknown }).studies)) return (doc as { studies: unknown[] }).studies;
  return [doc];
}

function fromText(text: string, file: string, problems: ReadProblem[]): ImportInput[] {
  try {
    const records = recordsOf(JSON.parse(text));
    return records.map((record, i) => ({ record, file: records.length > 1 ? `${file}#${i}` : file }));
  } catch (error) {
    problems.push({ file, reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` });
    return [];
  }
}

export async function readInputs(target: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<{ inputs: ImportInput[]; problems: ReadProblem[] }> {
  const problems: ReadProblem[] = [];
  if (target === '-') {
    let text = '';
    for await (const chunk of stdin) text += chunk.toString();
    return { inputs: fromText(text, '<stdin>', problems), problems };
  }
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) throw new Error(`${target}: no such file or directory`);
  const files = stat.isDirectory()
    ? fs
        .readdirSync(target)
        .filter((f) => f.toLowerCase().endsWith('.json'))
        .sort()
        .map((f) => path.join(target, f))
    : [target];
  if (files.length === 0) problems.push({ file: target, reason: 'no .json files in this folder' });
  const inputs = files.flatMap((file) => fromText(fs.readFileSync(file, 'utf8'), file, problems));
  return { inputs, problems };
}
