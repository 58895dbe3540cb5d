import { getJson, requestJson } from "./http";
import { currentSession, endSession, startSession, type Session } from "./session";
import type { LoginResult, User } from "./types";

/** POST /api/auth/login: 401 for wrong credentials, 423 when the account is locked (the caller shows `detail`). */
export async function login(userName: string, password: string): Promise<Session> {
  const { body } = await requestJson<LoginResult>("/api/auth/login", { body: { userName, password }, anonymous: true });
  const session: Session = { user: body.user, accessToken: body.accessToken, expiresAt: body.expiresAt };
  startSession(session);
  return session;
}

/** GET /api/auth/me: the signed-in official as the host knows them now (roles may have changed since the login). */
export async function refreshUser(): Promise<void> {
  const user = await getJson<User>("/api/auth/me");
  const session = currentSession();
  if (session) startSession({ ...session, user });
}

export function logout(): void {
  endSession();
}
