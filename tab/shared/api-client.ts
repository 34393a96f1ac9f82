// The one fetch wrapper of the tab: adds the bearer token, speaks JSON, and turns the server's
// OperationOutcome errors (../../../shared/spec/api.md, "Errors") into typed ApiErrors.

export type TokenSource = () => Promise<string>;

interface OutcomeBody {
  resourceType?: string;
  issue?: { diagnostics?: string }[];
  [key: string]: unknown;
}

/** An error answer from our API: its status, the OperationOutcome's diagnostics and the whole body. */
export class ApiResponseError extends Error {
  readonly status: number;
  readonly diagnostics: string;
  readonly body: OutcomeBody;

  constructor(status: number, diagnostics: string, body: OutcomeBody = {}) {
    super(diagnostics);
    this.name = 'ApiResponseError';
    this.status = status;
    this.diagnostics = diagnostics;
    this.body = body;
  }

  get isConflict(): boolean {
    return this.status === 409;
  }
}

export function isApiResponseError(error: unknown): error is ApiResponseError {
  return error instanceof ApiResponseError;
}

/** The network failed before any answer (offline, DNS, connection reset). */
export const NETWORK_ERROR_STATUS = 0;

export interface ApiClient {
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  delete: (path: string) => Promise<void>;
  /** Posts a body that is not JSON (e.g. a CSV file to import) as this content type; answers JSON. */
  postText<T>(path: string, text: string, contentType: string): Promise<T>;
  /** Downloads a file answer (e.g. the CSV export) with the token. */
  download(path: string): Promise<{ blob: Blob; fileName?: string }>;
  /** A conditional GET: `unchanged` when the server answers 304 to this ETag, else the body and its ETag. */
  getIfChanged<T>(path: string, etag: string | undefined, signal?: AbortSignal): Promise<Conditional<T>>;
}

/** A conditional GET's answer, with the headers that came with it (the 304's too). */
export type Conditional<T> = ({ unchanged: true } | { unchanged: false; body: T; etag?: string }) & { headers: Headers };

export interface ApiClientOptions {
  /** Absent for the open endpoints (client config, demo sign-in). */
  getToken?: TokenSource;
  /** '' in the browser (same origin); a loopback URL in tests. */
  baseUrl?: string;
  /** Called on a 401 so the app can send the user back to sign-in. */
  onUnauthorized?: () => void;
}

async function readError(response: Response): Promise<ApiResponseError> {
  let body: OutcomeBody;
  try {
    body = (await response.json()) as OutcomeBody;
  } catch {
    body = {};
  }
  const diagnostics = body.issue?.[0]?.diagnostics ?? `${response.status} ${response.statusText}`.trim();
  return new ApiResponseError(response.status, diagnostics, body);
}

function fileNameOf(response: Response): string | undefined {
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1];
}

/** A body sent as it is, with its own content type, instead of as JSON. */
class TextBody {
  constructor(
    readonly text: string,
    readonly contentType: string,
  ) {}
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl ?? '';

  async function send(
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
    extraHeaders: Record<string, string> = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    if (options.getToken) headers.authorization = `Bearer ${await options.getToken()}`;
    if (body !== undefined) headers['content-type'] = body instanceof TextBody ? body.contentType : 'application/json';
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : body instanceof TextBody ? body.text : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiResponseError(NETWORK_ERROR_STATUS, 'The Rounds server could not be reached');
    }
    if (!response.ok && response.status !== 304) {
      const error = await readError(response);
      if (response.status === 401) options.onUnauthorized?.();
      throw error;
    }
    return response;
  }

  async function json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const response = await send(method, path, body, signal);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  return {
    get: (path, signal) => json('GET', path, undefined, signal),
    post: (path, body) => json('POST', path, body ?? {}),
    postText: (path, text, contentType) => json('POST', path, new TextBody(text, contentType)),
    patch: (path, body) => json('PATCH', path, body),
    put: (path, body) => json('PUT', path, body),
    delete: async (path) => {
      await send('DELETE', path);
    },
    download: async (path) => {
      const response = await send('GET', path);
      return { blob: await response.blob(), fileName: fileNameOf(response) };
    },
    getIfChanged: async <T,>(path: string, etag: string | undefined, signal?: AbortSignal): Promise<Conditional<T>> => {
      const response = await send('GET', path, undefined, signal, etag ? { 'if-none-match': etag } : {});
      if (response.status === 304) return { unchanged: true, headers: response.headers };
      return { unchanged: false, body: (await response.json()) as T, etag: response.headers.get('etag') ?? undefined, headers: response.headers };
    },
  };
}
