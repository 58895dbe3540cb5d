import type { CurrentUser } from "./generated";

/**
 * The signed-in official and their bearer token, kept in localStorage until it expires so a dossier opened in a
 * new tab is signed in too; logging out in one tab logs out all. The only place that knows the credentials: every
 * call asks `authHeaders()`.
 */
export interface Session {
  user: CurrentUser;
  accessToken: string;
  expiresAt: string;
}

const storageKey = "onestop.admin.session";
const listeners = new Set<(session: Session | null) => void>();

export function currentSession(): Session | null {
  const text = localStorage.getItem(storageKey);
  if (!text) return null;
  const session = JSON.parse(text) as Session;
  if (!session.accessToken || Date.parse(session.expiresAt) <= Date.now()) {
    localStorage.removeItem(storageKey);
    return null;
  }
  return session;
}

export function startSession(session: Session): void {
  localStorage.setItem(storageKey, JSON.stringify(session));
  listeners.forEach((listener) => listener(session));
}

export function endSession(): void {
  localStorage.removeItem(storageKey);
  listeners.forEach((listener) => listener(null));
}

export function onSessionChange(listener: (session: Session | null) => void): () => void {
  const otherTab = (event: StorageEvent) => {
    if (event.key === storageKey) listener(currentSession());
  };
  listeners.add(listener);
  window.addEventListener("storage", otherTab);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", otherTab);
  };
}

/** A 401 on any call: the token expired or was revoked, so back to the login screen. */
export function onUnauthorized(): void {
  if (currentSession()) endSession();
}

export function authHeaders(): Record<string, string> {
  const session = currentSession();
  return session ? { Authorization: `Bearer ${session.accessToken}` } : {};
}
