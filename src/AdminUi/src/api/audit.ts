import { getBlob, getJson, query } from "./http";
import type { DossierHistoryView, DossierStateAt, DossierVerification } from "./types";

const path = (code: string) => `/api/dossiers/${encodeURIComponent(code)}`;

export const getHistory = (code: string) => getJson<DossierHistoryView>(`${path(code)}/history`);
export const verifyHistory = (code: string) => getJson<DossierVerification>(`${path(code)}/history/verify`);
/** `at` without an offset is read by the host as Vietnam time. */
export const getStateAt = (code: string, at: string) => getJson<DossierStateAt>(`${path(code)}/state${query({ at })}`);
export const exportHistory = (code: string) => getBlob(`${path(code)}/history/export`);
