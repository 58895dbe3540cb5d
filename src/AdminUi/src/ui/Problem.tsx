import { ApiError } from "../api/client";

/** What went wrong, as the host said it: the title, the detail, and errors not shown beside a field. */
export function ProblemAlert({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  if (!error) return null;
  if (!(error instanceof ApiError)) return <div className="alert error" role="alert">{String(error)}</div>;
  const { problem } = error;
  const shown = shownFields.map((f) => f.toLowerCase());
  const others = Object.entries(problem.errors ?? {}).filter(([path]) => !shown.includes(path.toLowerCase()));
  const conflict = problem.status === 409 || problem.status === 412;
  return (
    <div className={`alert ${conflict ? "warning" : "error"}`} role="alert">
      <strong>{conflict ? "Xung đột dữ liệu: " : ""}{problem.title}</strong>
      {problem.detail && problem.detail !== problem.title && <div>{problem.detail}</div>}
      {others.length > 0 && (
        <ul>
          {others.map(([path, messages]) => messages.map((m) => <li key={path + m}>{m}</li>))}
        </ul>
      )}
    </div>
  );
}

/** The messages the host gave for one field path (applicant.phone), shown under the input. */
export function FieldErrors({ error, path }: { error: unknown; path: string }) {
  if (!(error instanceof ApiError)) return null;
  const messages = error.fieldErrors(path);
  if (messages.length === 0) return null;
  return <div className="field-error" data-field={path}>{messages.join(" ")}</div>;
}

export function hasFieldError(error: unknown, path: string): boolean {
  return error instanceof ApiError && error.fieldErrors(path).length > 0;
}
