import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { DecisionOutcome, DossierChanged, DossierStatus, DossierView, ReturnMethod } from "../api/generated";
import type { Role } from "../api/types";
import { hasRole } from "../menu";
import { FieldErrors, ProblemAlert } from "../ui/Problem";
import { useSubmit } from "../ui/useSubmit";

interface FieldSpec {
  name: string;
  label: string;
  kind?: "text" | "textarea" | "number" | "select";
  options?: [string, string][];
  required?: boolean;
  initial?: string;
}

interface ActionSpec {
  key: string;
  label: string;
  roles: Role[];
  statuses: DossierStatus[];
  fields: FieldSpec[];
  send: (id: string, etag: string, values: Record<string, string>) => Promise<DossierChanged>;
}

const outcome: FieldSpec = { name: "outcome", label: "Kết quả", kind: "select", options: [["approve", "Phê duyệt"], ["reject", "Từ chối"]], initial: "approve" };
const running: DossierStatus[] = ["received", "inProcessing"];

/** The transitions the screen offers, by role and state; the host decides whether they are allowed. */
const actions: ActionSpec[] = [
  {
    key: "acceptance", label: "Tiếp nhận hồ sơ trực tuyến", roles: ["desk_officer"], statuses: ["submittedOnline"], fields: [],
    send: (id, etag) => api.acceptOnlineDossier(id, etag, { dossierId: id }),
  },
  {
    key: "assignments", label: "Chuyển xử lý, phân công", roles: ["desk_officer", "specialist", "leader"], statuses: [...running, "awaitingApproval"],
    fields: [
      { name: "stepName", label: "Bước xử lý", required: true, initial: "Thẩm định hồ sơ" },
      { name: "assignee", label: "Người xử lý (tên đăng nhập)" },
      { name: "unit", label: "Đơn vị xử lý (để trống: đơn vị hiện tại)" },
      { name: "workingDays", label: "Thời hạn của bước (ngày làm việc)", kind: "number" },
      { name: "note", label: "Ghi chú", kind: "textarea" },
    ],
    send: (id, etag, v) => api.assignDossier(id, etag, {
      dossierId: id, stepName: v.stepName, assignee: v.assignee || undefined, unit: v.unit || undefined,
      workingDays: v.workingDays ? Number(v.workingDays) : undefined, note: v.note || undefined,
    }),
  },
  {
    key: "proposal", label: "Đề xuất giải quyết", roles: ["specialist"], statuses: ["inProcessing"],
    fields: [outcome, { name: "summary", label: "Nội dung đề xuất, kết quả thẩm định", kind: "textarea", required: true }],
    send: (id, etag, v) => api.proposeDecision(id, etag, { dossierId: id, outcome: v.outcome as DecisionOutcome, summary: v.summary }),
  },
  {
    key: "decision", label: "Phê duyệt", roles: ["leader"], statuses: ["awaitingApproval"],
    fields: [outcome, { name: "reasons", label: "Ý kiến, lý do", kind: "textarea", required: true }, { name: "documentNumber", label: "Số văn bản (nếu có)" }],
    send: (id, etag, v) => api.decideDossier(id, etag, { dossierId: id, outcome: v.outcome as DecisionOutcome, reasons: v.reasons, documentNumber: v.documentNumber || undefined }),
  },
  {
    key: "result", label: "Có kết quả, chuyển Bộ phận Một cửa", roles: ["specialist", "leader"], statuses: ["decided"],
    fields: [{ name: "note", label: "Ghi chú", kind: "textarea" }],
    send: (id, etag, v) => api.markResultReady(id, etag, { dossierId: id, note: v.note || undefined }),
  },
  {
    key: "return", label: "Trả kết quả", roles: ["desk_officer"], statuses: ["resultReady"],
    fields: [
      { name: "method", label: "Hình thức trả", kind: "select", options: [["desk", "Tại Bộ phận Một cửa"], ["post", "Qua bưu chính"], ["electronic", "Trực tuyến"]], initial: "desk" },
      { name: "recipient", label: "Người nhận kết quả" },
    ],
    send: (id, etag, v) => api.returnResult(id, etag, { dossierId: id, method: v.method as ReturnMethod, recipient: v.recipient || undefined }),
  },
  {
    key: "supplement-requests", label: "Yêu cầu bổ sung hồ sơ", roles: ["desk_officer", "specialist"], statuses: running,
    fields: [
      { name: "missing", label: "Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)", kind: "textarea", required: true },
      { name: "note", label: "Hướng dẫn thêm", kind: "textarea" },
    ],
    send: (id, etag, v) => api.requestSupplement(id, etag, { dossierId: id, missing: v.missing.split("\n").map((s) => s.trim()).filter(Boolean), note: v.note || undefined }),
  },
  {
    key: "supplements", label: "Nhận hồ sơ bổ sung", roles: ["desk_officer", "specialist"], statuses: ["awaitingSupplement"],
    fields: [{ name: "note", label: "Ghi chú", kind: "textarea" }],
    send: (id, etag, v) => api.receiveSupplement(id, etag, { dossierId: id, note: v.note || undefined }),
  },
  {
    key: "refusal", label: "Từ chối tiếp nhận", roles: ["desk_officer"], statuses: ["submittedOnline", "received", "awaitingSupplement"],
    fields: [{ name: "reason", label: "Lý do từ chối", kind: "textarea", required: true }],
    send: (id, etag, v) => api.refuseDossier(id, etag, { dossierId: id, reason: v.reason }),
  },
];

export function DossierActions({ dossier, etag, roles, onChanged }: { dossier: DossierView; etag: string; roles: string[]; onChanged: () => void }) {
  const available = actions.filter((a) => hasRole(roles, ...a.roles) && a.statuses.includes(dossier.status));
  const [open, setOpen] = useState<string | null>(null);
  if (available.length === 0) return null;
  const current = available.find((a) => a.key === open);
  return (
    <div className="card">
      <h2>Thao tác</h2>
      <div className="actions">
        {available.map((a) => (
          <button key={a.key} type="button" className={open === a.key ? "" : "secondary"} data-action={a.key} onClick={() => setOpen(a.key)}>{a.label}</button>
        ))}
      </div>
      {current && <ActionForm key={current.key + etag} action={current} dossier={dossier} etag={etag} onDone={() => { setOpen(null); onChanged(); }} onReload={onChanged} />}
    </div>
  );
}

function ActionForm({ action, dossier, etag, onDone, onReload }: { action: ActionSpec; dossier: DossierView; etag: string; onDone: () => void; onReload: () => void }) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(action.fields.map((f) => [f.name, f.initial ?? ""])));
  const { busy, error, run } = useSubmit();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      await action.send(dossier.id, etag, values);
      onDone();
    });
  };
  const status = error && typeof error === "object" && "status" in error ? (error as { status: number }).status : 0;
  return (
    <form className="stack action-form" onSubmit={submit} data-form={action.key}>
      <h3>{action.label}</h3>
      <div className="grid">
        {action.fields.map((f) => (
          <label key={f.name} className={f.kind === "textarea" ? "wide" : ""}>
            {f.label}
            {f.kind === "textarea" ? (
              <textarea name={f.name} required={f.required} value={values[f.name]} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
            ) : f.kind === "select" ? (
              <select name={f.name} value={values[f.name]} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}>
                {f.options!.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
              </select>
            ) : (
              <input name={f.name} type={f.kind ?? "text"} required={f.required} value={values[f.name]} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
            )}
            <FieldErrors error={error} path={f.name} />
          </label>
        ))}
      </div>
      <ProblemAlert error={error} shownFields={action.fields.map((f) => f.name)} />
      {(status === 412 || status === 409) && (
        <p><button type="button" className="secondary" onClick={onReload}>Tải lại hồ sơ mới nhất</button></p>
      )}
      <button type="submit" disabled={busy}>{busy ? "Đang gửi…" : "Xác nhận"}</button>
    </form>
  );
}
