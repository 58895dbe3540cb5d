import { getBlob, getJson, query } from "./http";
import type { IntakeReport, PeriodLine, StatisticsScope, StatisticsSummary, UnitRanking } from "./types";

const base = "/api/statistics";
const scopeQuery = (s: StatisticsScope, extra: Record<string, string> = {}) =>
  query({ unit: s.unit, from: s.from, to: s.to, children: s.children, ...extra });

export const getSummary = (scope: StatisticsScope) => getJson<StatisticsSummary>(`${base}/summary${scopeQuery(scope)}`);
export const getIntake = (scope: StatisticsScope) => getJson<IntakeReport>(`${base}/intake${scopeQuery(scope)}`);
export const getPeriods = (scope: StatisticsScope, period: "week" | "month" | "quarter") =>
  getJson<{ lines: PeriodLine[] }>(`${base}/periods${scopeQuery(scope, { period })}`).then((r) => r.lines);
/** `week` is an ISO week, e.g. 2026-W10; the ranking is of the unit's child units. */
export const getRanking = (unit: string, week: string) => getJson<UnitRanking>(`${base}/ranking${query({ unit, week })}`);

export const intakeExport = (scope: StatisticsScope, format: "csv" | "xlsx") => getBlob(`${base}/intake.${format}${scopeQuery(scope)}`);
