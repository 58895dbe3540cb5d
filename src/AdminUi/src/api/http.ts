import { authHeaders, onUnauthorized } from "./session";

/** RFC 9457 problem details as the host sends them; `errors` maps field paths (applicant.phone) to messages. */
export interface Problem {
  status: number;
  title: string;
  detail?: string;
  code?: string;
  errors?: Record<string, string[]>;
}

/** A failed call: the problem details, or one made up from the status when the body is not problem+json. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }

  get status(): number {
    return this.problem.status;
  }

  /** The messages for one field path, matched case-insensitively (the host writes camelCase paths). */
  fieldErrors(path: string): string[] {
    const errors = this.problem.errors ?? {};
    const key = Object.keys(errors).find((k) => k.toLowerCase() === path.toLowerCase());
    return key ? errors[key] : [];
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  ifMatch?: string;
  /** Skip the session's credentials (the login call). */
  anonymous?: boolean;
  accept?: string;
}

const fallbackTitles: Record<number, string> = {
  401: "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.",
  403: "Tài khoản không có quyền thực hiện thao tác này.",
  404: "Không tìm thấy dữ liệu yêu cầu.",
  409: "Dữ liệu đã thay đổi, vui lòng tải lại.",
  412: "Hồ sơ đã được người khác cập nhật, vui lòng tải lại.",
  500: "Hệ thống gặp lỗi, vui lòng thử lại sau.",
};

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? "application/json", ...(options.anonymous ? {} : authHeaders()) };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.ifMatch) headers["If-Match"] = options.ifMatch;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError({ status: 0, title: "Không kết nối được tới máy chủ. Kiểm tra mạng rồi thử lại." });
  }
  if (response.ok) return response;
  const problem = await readProblem(response);
  if (response.status === 401 && !options.anonymous) onUnauthorized();
  throw new ApiError(problem);
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback = { status: response.status, title: fallbackTitles[response.status] ?? `Lỗi ${response.status}` };
  try {
    const body = await response.json();
    return { ...fallback, ...body, status: response.status };
  } catch {
    return fallback;
  }
}

/** A JSON call; the ETag of the response, when there is one, comes back beside the body. */
export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<{ body: T; etag: string | null }> {
  const response = await send(path, options);
  const body = response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  return { body, etag: response.headers.get("ETag") };
}

export async function getJson<T>(path: string): Promise<T> {
  return (await requestJson<T>(path)).body;
}

export async function postJson<T>(path: string, body: unknown, ifMatch?: string): Promise<T> {
  return (await requestJson<T>(path, { body, ifMatch })).body;
}

/** A document the browser shows or saves (a form, an export) fetched with the session's credentials. */
export async function getBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  return (await send(path, { accept: "*/*", ...options })).blob();
}

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
