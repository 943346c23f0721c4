// One error type for everything a client may be told. The HTTP layer turns it into
// application/problem+json (RFC 9457); `code` is stable and documented, `detail` is for people.

export interface ProblemExtras {
  /** Where the problem is: field paths, line numbers. */
  errors?: { path: string; message: string }[];
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }

  /** Where Fastify and other error handlers (the portal's pages) look for the status. */
  get statusCode(): number {
    return this.status;
  }
}

export const badRequest = (code: string, detail: string, extras?: ProblemExtras) => new AppError(400, code, detail, extras);
export const unauthorized = (code: string, detail: string) => new AppError(401, code, detail);
export const forbidden = (code: string, detail: string) => new AppError(403, code, detail);
export const notFound = (code: string, detail: string) => new AppError(404, code, detail);
export const conflict = (code: string, detail: string, extras?: ProblemExtras) => new AppError(409, code, detail, extras);

/** Problem titles by status, so every problem document carries one. */
export const statusTitles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
