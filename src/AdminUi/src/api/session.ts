import type { User } from "./types";

/**
 * The signed-in official and their bearer token, kept for the browser tab. The only place that knows the
 * credentials: every call asks `authHeaders()`.
 */
export interface Session {
  user: User;
  accessToken: string;
  expiresAt: string;
}

const storageKey = "onestop.admin.session";
const listeners = new Set<(session: Session | null) => void>();

export function currentSession(): Session | null {
  const text = sessionStorage.getItem(storageKey);
  if (!text) return null;
  const session = JSON.parse(text) as Session;
  if (!session.accessToken || Date.parse(session.expiresAt) <= Date.now()) {
    sessionStorage.removeItem(storageKey);
    return null;
  }
  return session;
}

export function startSession(session: Session): void {
  sessionStorage.setItem(storageKey, JSON.stringify(session));
  listeners.forEach((listener) => listener(session));
}

export function endSession(): void {
  sessionStorage.removeItem(storageKey);
  listeners.forEach((listener) => listener(null));
}

export function onSessionChange(listener: (session: Session | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A 401 on any call: the token expired or was revoked, so back to the login screen. */
export function onUnauthorized(): void {
  if (currentSession()) endSession();
}

export function authHeaders(): Record<string, string> {
  const session = currentSession();
  return session ? { Authorization: `Bearer ${session.accessToken}` } : {};
}
