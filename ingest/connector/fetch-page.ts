/**
 * One GET of a source page, bounded in time (AbortSignal) and in size (the body is read in
 * chunks and given up past the limit), so a slow or huge answer cannot stall or swell the worker.
 * Never throws: every failure comes back as a kind the poller decides on.
 */
export type FetchFailure = 'network' | 'timeout' | 'http' | 'too_large' | 'stopped';

export type FetchedPage =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; kind: FetchFailure; error: string; retryAfterMs?: number; partial?: Uint8Array };

export interface FetchOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  /** Aborted when the worker stops: the poll ends at once, nothing is committed. */
  stop: AbortSignal;
}

const KEEP_OF_OVERSIZE = 64 * 1024;

function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const s = Number(value);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

async function readBody(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { bytes: Buffer.concat(chunks).subarray(0, KEEP_OF_OVERSIZE), complete: false };
    }
  }
  return { bytes: Buffer.concat(chunks), complete: true };
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // undici hides the useful part (ECONNREFUSED, ENOTFOUND…) in `cause`.
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message}: ${cause.message}` : err.message;
}

export async function fetchPage(url: URL, o: FetchOptions): Promise<FetchedPage> {
  const signal = AbortSignal.any([o.stop, AbortSignal.timeout(o.timeoutMs)]);
  try {
    const res = await fetch(url, { headers: o.headers, signal, redirect: 'follow' });
    if (!res.ok) {
      const text = res.body
        ? new TextDecoder()
            .decode((await readBody(res.body, 512)).bytes)
            .replace(/\s+/g, ' ')
            .trim()
        : '';
      return {
        ok: false,
        kind: 'http',
        error: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${text ? `: ${text.slice(0, 200)}` : ''}`,
        retryAfterMs: retryAfter(res.headers.get('retry-after')),
      };
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > o.maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      return {
        ok: false,
        kind: 'too_large',
        error: `response of ${declared} bytes > maxResponseBytes ${o.maxBytes}`,
        partial: new Uint8Array(),
      };
    }
    if (!res.body) return { ok: true, bytes: new Uint8Array() };
    const body = await readBody(res.body, o.maxBytes);
    if (!body.complete)
      return {
        ok: false,
        kind: 'too_large',
        error: `response larger than maxResponseBytes ${o.maxBytes}`,
        partial: body.bytes,
      };
    return { ok: true, bytes: body.bytes };
  } catch (err) {
    if (o.stop.aborted) return { ok: false, kind: 'stopped', error: 'stopping' };
    if (signal.aborted) return { ok: false, kind: 'timeout', error: `no complete answer within ${o.timeoutMs} ms` };
    return { ok: false, kind: 'network', error: describe(err) };
  }
}
