export interface FieldError {
  field: string;
  message: string;
}

/** A problem+json answer from the API, with the per-field list of a 422. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message for one form field, matching nested paths such as `interests.2` to `interests`. */
  fieldMessage(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`))?.message;
  }

  get retriable(): boolean {
    return this.status === 429 || this.status === 503 || this.status === 0;
  }
}

/** The request never got an answer (offline, DNS, connection reset). */
export class NetworkError extends ApiError {
  constructor(message = 'network unreachable') {
    super(0, 'network', message);
    this.name = 'NetworkError';
  }
}

export async function problemFrom(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const text = await res.text();
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = {};
  }
  const retryAfter = Number(res.headers.get('retry-after') ?? body.retryAfter);
  const detail = typeof body.detail === 'string' ? body.detail : typeof body.title === 'string' ? body.title : res.statusText || `HTTP ${res.status}`;
  const code = typeof body.code === 'string' ? body.code : `http_${res.status}`;
  return new ApiError(res.status, code, detail, fieldErrorsOf(body), Number.isFinite(retryAfter) ? retryAfter : undefined);
}

function fieldErrorsOf(body: Record<string, unknown>): FieldError[] {
  const list = Array.isArray(body.errors) ? body.errors : Array.isArray(body.fields) ? body.fields : [];
  return list
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    .map((e) => ({
      field: String(e.field ?? e.path ?? e.name ?? '')
        .replace(/^\//, '')
        .replace(/\//g, '.'),
      message: String(e.message ?? e.detail ?? 'invalid'),
    }));
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.status === 0 ? 'You appear to be offline. Try again when the connection is back.' : err.message;
  if (err instanceof Error) return err.message;
  return 'Something went wrong';
}
