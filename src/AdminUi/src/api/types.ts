// The shapes of the admin REST API (openapi/admin-v1.json) this UI reads; generated.ts will replace them.

export type Role =
  | "desk_officer"
  | "specialist"
  | "leader"
  | "catalogue_controller"
  | "statistics_viewer"
  | "auditor"
  | "administrator";

export interface User {
  userName: string;
  displayName: string;
  unit: string | null;
  roles: Role[];
}

export interface LoginResult {
  accessToken: string;
  tokenType: string;
  expiresAt: string;
  user: User;
}

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

// Catalogue

export interface FieldView {
  code: string;
  name: string;
  slug: string;
  order: number;
  procedureCount: number;
}

export interface UnitView {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  address: string | null;
  procedureCount: number;
}

export interface SearchHit {
  code: string;
  name: string;
  fieldCode: string;
  onlineLevel: string;
}

export interface ProcedureSummary {
  code: string;
  name: string;
  fieldCode: string;
  level: string;
  onlineLevel: string;
  status: string;
  latestVersion: number;
}

export interface ComponentSpec {
  code: string;
  name: string;
  originals: number;
  copies: number;
  required: boolean;
  condition?: string | null;
  formName?: string | null;
  formUrl?: string | null;
}

export interface ProcessingTime {
  workingDays: number;
  sameDay?: boolean;
  cutOffHour?: number;
}

export interface Fee {
  name: string;
  amount: number;
  exemption?: string | null;
}

export interface ProcedureContent {
  name: string;
  fieldCode: string;
  level: string;
  agency: string;
  steps: string[];
  channels: string[];
  components: ComponentSpec[];
  processingTime: ProcessingTime;
  fees: Fee[];
  requirements: string | null;
  legalBasis: string[];
  result: string;
  onlineLevel: string;
  receivableAnywhere?: boolean;
}

export interface AnnouncingDecision {
  number: string;
  signedOn: string;
  issuer: string;
  effectiveFrom: string;
}

export interface ProcedureView {
  code: string;
  version: number;
  status: string;
  content: ProcedureContent;
  decision: AnnouncingDecision;
  asOf: string;
  replacementCode: string | null;
  versions: { version: number; decision: AnnouncingDecision }[];
}

export interface ProcedureVersionDiff {
  code: string;
  from: number;
  to: number;
  changes: { field: string; before: string | null; after: string | null }[];
}

export interface ProcedureChanged {
  code: string;
  streamVersion: number;
  latestVersion: number;
}

export interface CalendarDayView {
  date: string;
  weekday: string;
  kind: string;
  reason: string;
  legalReason: string | null;
}

export interface CalendarYearView {
  year: number;
  edited: boolean;
  workingDays: number;
  nonWorkingDays: CalendarDayView[];
  makeUpWorkingDays: CalendarDayView[];
}

export type DayOffKind = "holiday" | "compensatory" | "dayOff";

// Dossiers

export type DossierStatus =
  | "submittedOnline"
  | "received"
  | "inProcessing"
  | "awaitingSupplement"
  | "awaitingPayment"
  | "awaitingApproval"
  | "decided"
  | "resultReady"
  | "returned"
  | "refused"
  | "withdrawn"
  | "stopped";

export type DossierQueue = "all" | "open" | "dueSoon" | "overdue" | "mine";
export type DecisionOutcome = "approve" | "reject";
export type ReturnMethod = "desk" | "post" | "electronic";

export interface Applicant {
  fullName: string;
  identityNumber: string | null;
  phone: string | null;
  email?: string | null;
  address?: string | null;
  areaCode?: string | null;
  organizationName?: string | null;
}

export interface ComponentReceipt {
  code: string;
  originals: number;
  copies: number;
}

export interface ReceiveDossier {
  procedureCode: string;
  applicant: Applicant;
  components: ComponentReceipt[];
  channel: "direct" | "post";
}

export interface DossierIntake {
  id: string;
  code: string;
  version: number;
  status: DossierStatus;
  statusText: string;
  dueAt: string | null;
  dueExplanation: string[];
  lookupSecret: string;
}

export interface DossierChanged {
  id: string;
  code: string;
  version: number;
  status: DossierStatus;
  statusText: string;
  dueAt: string | null;
  appointmentAt: string | null;
}

export interface HistoryEntry {
  version: number;
  type: string;
  at: string;
  actor: string | null;
  unit: string | null;
  description: string;
}

export interface StepTimeliness {
  number: number;
  name: string;
  unit: string;
  assignee: string | null;
  startedAt: string;
  dueAt: string;
  completedAt: string | null;
  status: string;
  statusText: string;
}

export interface DossierView {
  id: string;
  code: string;
  version: number;
  status: DossierStatus;
  statusText: string;
  channelText: string;
  procedure: { code: string; version: number; name: string; checklist: ComponentSpec[] };
  receivingUnit: string;
  handlingUnit: string;
  assignee: string | null;
  applicant: Applicant;
  components: { code: string; name: string; originals: number; copies: number }[];
  missingComponents: string[];
  submittedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  appointmentAt: string | null;
  dueExplanation: string[];
  timeliness: { status: string; statusText: string; summary: string; steps: StepTimeliness[] };
  proposal: { outcome: DecisionOutcome; summary: string; at: string; by: string | null } | null;
  decision: { outcome: DecisionOutcome; reasons: string; documentNumber: string | null; at: string; by: string | null } | null;
  resultReadyAt: string | null;
  return: { method: ReturnMethod; recipient: string | null; at: string } | null;
  closedAt: string | null;
  closingReason: string | null;
  history: HistoryEntry[];
}

export interface DossierSummary {
  id: string;
  code: string;
  version: number;
  status: DossierStatus;
  statusText: string;
  procedureCode: string;
  procedureName: string;
  assignee: string | null;
  stepName: string | null;
  stepDueAt: string | null;
  applicantName: string;
  receivedAt: string | null;
  dueAt: string | null;
  timeliness: string;
  timelinessText: string;
}

// Audit

export interface AuditEvent {
  version: number;
  position: number;
  type: string;
  recordedAt: string;
  actor: string | null;
  unit: string | null;
  description: string | null;
  hash: string;
}

export interface DossierHistoryView {
  dossierId: string;
  code: string;
  genesisHash: string;
  headVersion: number;
  headHash: string;
  events: AuditEvent[];
}

export interface DossierVerification {
  valid: boolean;
  eventsChecked: number;
  headVersion: number;
  headHash: string;
  brokenVersion: number | null;
  message: string;
  detail: string | null;
}

export interface DossierStateAt {
  at: string;
  version: number;
  recordedAt: string | null;
  hash: string | null;
  status: DossierStatus | null;
  statusText: string;
  dossier: { handlingUnit: string; assignee: string | null; dueAt?: string | null; applicant: Applicant } | null;
}

// Statistics

export interface StatisticsScope {
  unit: string;
  from: string;
  to: string;
  children: boolean;
}

export interface StatisticsSummary {
  units: string[];
  received: number;
  online: number;
  direct: number;
  post: number;
  refused: number;
  resolvedOnTime: number;
  resolvedLate: number;
  inProgress: number;
  overdueNow: number;
  onlineRate: number | null;
  onTimeRate: number | null;
  asOf: { updatedAt: string | null };
}

export interface IntakeLine {
  procedureCode: string;
  procedureName: string;
  online: number;
  direct: number;
  total: number;
  onlineRate: number;
}

export interface IntakeReport {
  procedures: IntakeLine[];
  totals: IntakeLine;
}

export interface PeriodLine {
  period: string;
  start: string;
  received: number;
  online: number;
  resolvedOnTime: number;
  resolvedLate: number;
  onlineRate: number | null;
  onTimeRate: number | null;
}

export interface RankingLine {
  rank: number;
  unit: string;
  unitName: string;
  received: number;
  online: number;
  onlineRate: number | null;
}

export interface UnitRanking {
  parentUnit: string;
  week: string;
  from: string;
  to: string;
  units: RankingLine[];
}
