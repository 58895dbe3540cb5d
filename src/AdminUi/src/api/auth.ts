import { ApiError, requestJson, getJson } from "./http";
import { endSession, startSession, type Session } from "./session";
import type { LoginResult, Role, User } from "./types";

/** POST /api/auth/login: 401 for wrong credentials, 423 when the account is locked (the caller shows `detail`). */
export async function login(userName: string, password: string): Promise<Session> {
  let session: Session;
  try {
    const { body } = await requestJson<LoginResult>("/api/auth/login", { body: { userName, password }, anonymous: true });
    session = { user: body.user, credentials: { kind: "bearer", accessToken: body.accessToken, expiresAt: body.expiresAt } };
  } catch (error) {
    const fallback = error instanceof ApiError && error.status === 404 ? developmentAccount(userName, password) : null;
    if (!fallback) throw error;
    session = { user: fallback, credentials: { kind: "trustedHeaders" } };
  }
  startSession(session);
  return session;
}

export function me(): Promise<User> {
  return getJson<User>("/api/auth/me");
}

export function logout(): void {
  endSession();
}

// A host built before local accounts (no /api/auth, so 404) only knows the Development identity headers: the
// sample accounts are played through them so the screens can be tried. Gone once every host has /api/auth.
const developmentAccounts: Record<string, [string, string, Role]> = {
  admin: ["Quản trị hệ thống", "000.00.00.H51", "administrator"],
  tiepnhan: ["Cán bộ tiếp nhận", "001.32.00.H51", "desk_officer"],
  chuyenvien: ["Chuyên viên", "001.32.00.H51", "specialist"],
  lanhdao: ["Lãnh đạo", "001.32.00.H51", "leader"],
  kiemsoat: ["Cán bộ kiểm soát TTHC", "000.00.00.H51", "catalogue_controller"],
  thongke: ["Cán bộ thống kê", "000.00.32.H51", "statistics_viewer"],
  kiemtoan: ["Kiểm toán viên", "000.00.00.H51", "auditor"],
};

function developmentAccount(userName: string, password: string): User | null {
  const account = developmentAccounts[userName];
  if (!account || password !== "Motcua@2026") throw new ApiError({ status: 401, title: "Sai tên đăng nhập hoặc mật khẩu." });
  return { userName, displayName: account[0], unit: account[1], roles: [account[2]] };
}
