import { getJson, postJson, query, requestJson } from "./http";
import type {
  AnnouncingDecision,
  CalendarYearView,
  DayOffKind,
  FieldView,
  Paged,
  ProcedureChanged,
  ProcedureContent,
  ProcedureSummary,
  ProcedureVersionDiff,
  ProcedureView,
  SearchHit,
  UnitView,
} from "./types";

const base = "/api/catalogue";

export const listFields = () => getJson<FieldView[]>(`${base}/fields`);
export const listUnits = () => getJson<UnitView[]>(`${base}/units`);

export const searchProcedures = (q: string, unit?: string, page = 1) =>
  getJson<Paged<SearchHit>>(`${base}/search${query({ q, unit, page, pageSize: 10 })}`);

export const listProcedures = (field?: string, page = 1) =>
  getJson<Paged<ProcedureSummary>>(`${base}/procedures${query({ field, page, pageSize: 20 })}`);

/** The version in force today, or a given version. */
export const getProcedure = (code: string, version?: number) =>
  getJson<ProcedureView>(`${base}/procedures/${encodeURIComponent(code)}${query({ version })}`);

export const diffProcedure = (code: string, from: number, to: number) =>
  getJson<ProcedureVersionDiff>(`${base}/procedures/${encodeURIComponent(code)}/diff${query({ from, to })}`);

export const publishProcedure = (code: string, content: ProcedureContent, decision: AnnouncingDecision) =>
  requestJson<unknown>(`${base}/procedures`, { body: { code, content, decision } });

export const amendProcedure = (code: string, content: ProcedureContent, decision: AnnouncingDecision) =>
  postJson<ProcedureChanged>(`${base}/procedures/${encodeURIComponent(code)}/amendments`, { value: content, decision });

export const getCalendar = (year: number) => getJson<CalendarYearView>(`${base}/calendar/${year}`);

export const addDayOff = (year: number, date: string, kind: DayOffKind, name: string, legalReason: string | null) =>
  postJson<unknown>(`${base}/calendar/${year}/days-off`, { date, kind, name, legalReason });

export const addMakeUpDay = (year: number, date: string, name: string, legalReason: string | null) =>
  postJson<unknown>(`${base}/calendar/${year}/make-up-days`, { date, name, legalReason });

export const removeCalendarDay = (year: number, date: string, reason: string) =>
  requestJson<unknown>(`${base}/calendar/${year}/days/${date}${query({ reason })}`, { method: "DELETE" });

/** Public, printable: the notice-board sheet of QR codes of a unit or a field. */
export const unitQrSheetUrl = (unitCode: string) => `/in/don-vi/${encodeURIComponent(unitCode)}/qr`;
export const fieldQrSheetUrl = (slug: string) => `/in/linh-vuc/${encodeURIComponent(slug)}/qr`;
export const procedureQrUrl = (code: string) => `/qr/thu-tuc/${encodeURIComponent(code)}.svg`;
