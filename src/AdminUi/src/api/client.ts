import { AdminApiClient, type DossierStatistics } from "./generated";
import { authHeaders, onUnauthorized } from "./session";
import type { StatisticsScope } from "./types";

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

const fallbackTitles: Record<number, string> = {
  401: "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.",
  403: "Tài khoản không có quyền thực hiện thao tác này.",
  404: "Không tìm thấy dữ liệu yêu cầu.",
  409: "Dữ liệu đã thay đổi, vui lòng tải lại.",
  412: "Hồ sơ đã được người khác cập nhật, vui lòng tải lại.",
  500: "Hệ thống gặp lỗi, vui lòng thử lại sau.",
};

async function readProblem(response: Response): Promise<Problem> {
  const fallback = { status: response.status, title: fallbackTitles[response.status] ?? `Lỗi ${response.status}` };
  try {
    const body = await response.json();
    return { ...fallback, ...body, status: response.status };
  } catch {
    return fallback;
  }
}

/**
 * Every call of the generated client goes through here: it adds the session's bearer token, and turns a failure
 * into an ApiError before the generated code sees it. (The generated code would throw the parsed problem itself,
 * not an ApiException, and a SyntaxError without the status when the body is not JSON, e.g. a proxy's error page.)
 * A 401 on a call made with a token ends the session; the login's own 401 (wrong password) does not.
 */
async function authorizedFetch(url: RequestInfo, init: RequestInit = {}): Promise<Response> {
  const credentials = authHeaders();
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(credentials)) headers.set(name, value);
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers });
  } catch {
    throw new ApiError({ status: 0, title: "Không kết nối được tới máy chủ. Kiểm tra mạng rồi thử lại." });
  }
  if (response.ok) return response;
  const problem = await readProblem(response);
  if (response.status === 401 && "Authorization" in credentials) onUnauthorized();
  throw new ApiError(problem);
}

/** The admin REST API (contracts/openapi/admin-v1.json), one method per operation id. */
export const api = new AdminApiClient("", { fetch: authorizedFetch });

/** GET /api/statistics/summary for a scope of the statistics screen. */
export const getStatisticsSummary = (scope: StatisticsScope): Promise<DossierStatistics> =>
  api.getDossierSummary(scope.unit || undefined, scope.from || undefined, scope.to || undefined, scope.children, scope.field || undefined);
