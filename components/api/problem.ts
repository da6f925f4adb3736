/**
 * The one way the browser reads an API error: the problem body of the catalogue
 * (contracts/api-errors.ts, RFC 9457). A body that is not one (a proxy's HTML page, no answer at
 * all) still gives a status and a line to show.
 */
import { problemSchema } from '../../contracts/api-errors';

export interface ApiProblem {
  /** 0 when no answer came (the network failed). */
  status: number;
  /** The catalogue's code (`invalid`, `already_acknowledged`, …), what a component branches on; null when the body was none. */
  code: string | null;
  /** Each field at fault, "path: what is wrong". */
  problems: string[];
  /** One line to show: the fields at fault, else the detail, else the status. */
  message: string;
  requestId: string | null;
  /** The body's other members (`ack` of a 409, `retryAfterS` of a 429). */
  members: Record<string, unknown>;
}

export async function readProblem(res: Response | null): Promise<ApiProblem> {
  if (!res)
    return { status: 0, code: null, problems: [], message: 'no answer from the server', requestId: null, members: {} };
  const raw: unknown = await res.json().catch(() => null);
  const parsed = problemSchema.safeParse(raw);
  const body = parsed.success ? parsed.data : {};
  const problems = body.problems ?? [];
  const message = problems.length > 0 ? problems.join('; ') : (body.detail ?? (res.statusText || `HTTP ${res.status}`));
  return {
    status: res.status,
    code: body.code ?? null,
    problems,
    message,
    requestId: body.requestId ?? null,
    members: body,
  };
}

/** A response that is not ok, as an Error carrying its message (for fetch chains that `.catch`). */
export async function throwUnlessOk(res: Response): Promise<Response> {
  if (res.ok) return res;
  throw new Error((await readProblem(res)).message);
}
