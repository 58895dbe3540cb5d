import { getBlob, postJson, query, requestJson } from "./http";
import type {
  DecisionOutcome,
  DossierChanged,
  DossierIntake,
  DossierQueue,
  DossierSummary,
  DossierView,
  Paged,
  ReceiveDossier,
  ReturnMethod,
} from "./types";

const base = "/api/dossiers";

export const receiveDossier = (command: ReceiveDossier) => postJson<DossierIntake>(base, command);

export interface DossierFilter {
  queue?: DossierQueue;
  status?: string;
  assignee?: string;
  q?: string;
  page?: number;
}

export const listDossiers = (filter: DossierFilter) =>
  requestJson<Paged<DossierSummary>>(`${base}${query({ ...filter, pageSize: 20 })}`).then((r) => r.body);

/** The dossier and its ETag, to send back as If-Match with the next transition. */
export const getDossier = (id: string) => requestJson<DossierView>(`${base}/${id}`);

export const getDossierByCode = (code: string) => requestJson<DossierView>(`${base}/by-code/${encodeURIComponent(code)}`);

const transition = (id: string, action: string, etag: string, body: unknown = {}) =>
  postJson<DossierChanged>(`${base}/${id}/${action}`, body, etag);

export const assignDossier = (id: string, etag: string, body: { stepName: string; unit?: string; assignee?: string; workingDays?: number; note?: string }) =>
  transition(id, "assignments", etag, body);
export const proposeDecision = (id: string, etag: string, outcome: DecisionOutcome, summary: string) =>
  transition(id, "proposal", etag, { outcome, summary });
export const decideDossier = (id: string, etag: string, outcome: DecisionOutcome, reasons: string, documentNumber?: string) =>
  transition(id, "decision", etag, { outcome, reasons, documentNumber: documentNumber || null });
export const markResultReady = (id: string, etag: string, note?: string) => transition(id, "result", etag, { note: note || null });
export const returnResult = (id: string, etag: string, method: ReturnMethod, recipient?: string) =>
  transition(id, "return", etag, { method, recipient: recipient || null });
export const refuseDossier = (id: string, etag: string, reason: string) => transition(id, "refusal", etag, { reason });
export const requestSupplement = (id: string, etag: string, missing: string[], note?: string) =>
  transition(id, "supplement-requests", etag, { missing, note: note || null });
export const receiveSupplement = (id: string, etag: string, note?: string) => transition(id, "supplements", etag, { note: note || null });
export const acceptOnlineDossier = (id: string, etag: string) => transition(id, "acceptance", etag);

/** The receipt as printable HTML; the lookup secret (known only right after intake) goes into its QR code. */
export const receiptHtml = (id: string, lookupSecret?: string) =>
  getBlob(`${base}/${id}/forms/receipt`, { method: "POST", body: { lookupSecret: lookupSecret ?? null }, accept: "text/html" });

export const receiptPdf = (id: string, lookupSecret?: string) =>
  getBlob(`${base}/${id}/forms/receipt${query({ format: "pdf" })}`, { method: "POST", body: { lookupSecret: lookupSecret ?? null }, accept: "application/pdf" });

export const processControlHtml = (id: string) => getBlob(`${base}/${id}/forms/process-control`, { accept: "text/html" });
