// The UI's own types; the API's shapes are the interfaces of generated.ts.

/** The roles the host knows (Roles.All); the API types them as plain strings. */
export type Role =
  | "desk_officer"
  | "specialist"
  | "leader"
  | "catalogue_controller"
  | "statistics_viewer"
  | "auditor"
  | "administrator";

/** The work queues GET /api/dossiers takes as `queue`. */
export type DossierQueue = "all" | "open" | "dueSoon" | "overdue" | "mine";

/** The statistics screen's filter: the reports' unit, from, to and children parameters. */
export interface StatisticsScope {
  unit: string;
  from: string;
  to: string;
  children: boolean;
  /** A field's code: only its procedures are counted; empty for every field. */
  field: string;
}

