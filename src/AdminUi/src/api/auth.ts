import { api } from "./client";
import { currentSession, endSession, startSession, type Session } from "./session";

/** POST /api/auth/login: 401 for wrong credentials, 423 when the account is locked (the caller shows `detail`). */
export async function login(userName: string, password: string): Promise<Session> {
  const result = await api.login({ userName, password });
  const session: Session = { user: result.user, accessToken: result.accessToken, expiresAt: result.expiresAt };
  startSession(session);
  return session;
}

/** GET /api/auth/me: the signed-in official as the host knows them now (roles may have changed since the login). */
export async function refreshUser(): Promise<void> {
  const user = await api.getCurrentUser();
  const session = currentSession();
  if (session) startSession({ ...session, user });
}

export function logout(): void {
  endSession();
}
