// GET /api/trials: the filtered, sorted, paged trial list as JSON, or every matching trial as a CSV download.
import { AppError, toResponse } from '@/lib/errors';
import { csvHeader, csvRows } from '@/lib/trials/csv';
import { parseListParams, type ListParams } from '@/lib/trials/list-params';
import { exportTrials, listTrials } from '@/lib/trials/queries';

export const dynamic = 'force-dynamic';

/** `format=csv|json` wins; otherwise whichever of text/csv and application/json the Accept header lists first. */
function wantsCsv(format: string[], accept: string | null): boolean {
  const given = format.map((f) => f.trim().toLowerCase()).filter(Boolean);
  if (given.length > 1) throw new AppError('bad_request:param', 'format may be given only once', { field: 'format' });
  if (given[0] === 'csv') return true;
  if (given[0] === 'json') return false;
  if (given[0] !== undefined)
    throw new AppError('bad_request:param', `format must be one of: json, csv (got ${JSON.stringify(given[0].slice(0, 60))})`, {
      field: 'format',
      details: { allowed: ['json', 'csv'] },
    });
  const types = (accept ?? '').split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.indexOf('application/json');
  return csv !== -1 && (json === -1 || csv < json);
}

function csvDownload(params: ListParams, origin: string): Response {
  const chunks = exportTrials(params);
  // The first chunk is read before the response starts, so a failing database is still a proper error status.
  let next = chunks.next();
  const encoder = new TextEncoder();
  // A byte-order mark, so spreadsheet programs read the UTF-8 names of sites and sponsors correctly.
  let pending: string | null = '\uFEFF' + csvHeader();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      try {
        if (pending !== null) {
          controller.enqueue(encoder.encode(pending));
          pending = null;
          return;
        }
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(csvRows(next.value, origin)));
        next = chunks.next();
      } catch (error) {
        console.error('The CSV export failed part-way:', error);
        controller.error(error);
      }
    },
    cancel() {
      chunks.return();
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="als-trials.csv"',
      Vary: 'Accept',
    },
  });
}

export async function GET(request: Request): Promise<Response> {
  try {
    const url = new URL(request.url);
    const search = new URLSearchParams(url.searchParams);
    const csv = wantsCsv(search.getAll('format'), request.headers.get('accept'));
    search.delete('format');
    const params = parseListParams(search);
    if (csv) return csvDownload(params, url.origin);
    return Response.json(listTrials(params), { headers: { Vary: 'Accept' } });
  } catch (error) {
    return toResponse(error);
  }
}
