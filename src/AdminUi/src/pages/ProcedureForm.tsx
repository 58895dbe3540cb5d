import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { api } from "../api/client";
import type { AnnouncingDecision, Channel, ImplementingLevel, OnlineLevel, ProcedureContent, ProcessingTime } from "../api/generated";
import { FieldErrors, hasFieldError, ProblemAlert } from "../ui/Problem";
import { useAsync } from "../ui/useAsync";
import { DecisionFields, emptyDecision } from "./DecisionFields";
import { ComponentsEditor, FeesEditor, optional, TextListEditor } from "./ProcedureLists";
import { useSubmit } from "../ui/useSubmit";

export const levelNames: Record<ImplementingLevel, string> = { central: "Cấp trung ương", province: "Cấp tỉnh", commune: "Cấp xã" };
export const channelNames: Record<Channel, string> = { direct: "Trực tiếp", online: "Trực tuyến", post: "Bưu chính" };
export const onlineLevelNames: Record<OnlineLevel, string> = {
  none: "Chỉ cung cấp thông tin",
  partial: "Một phần",
  full: "Toàn trình",
};

/** What a new procedure starts from: one step at the desk, one form to fill in, five working days. */
export const procedureTemplate = (fieldCode: string): ProcedureContent => ({
  name: "", fieldCode, level: "commune", agency: "UBND cấp xã", steps: ["Nộp hồ sơ tại Bộ phận Một cửa"], channels: ["direct"],
  components: [{ code: "TK", name: "Tờ khai theo mẫu", originals: 1, copies: 0, required: true }],
  processingTime: { workingDays: 5, sameDay: false, cutOffHour: 15 }, fees: [], requirements: undefined, legalBasis: [], result: "",
  onlineLevel: "partial", receivableAnywhere: false,
});

const decisionPaths = ["decision.number", "decision.issuer", "decision.signedOn", "decision.effectiveFrom"];

/** Every path the form shows beside an input, so the alert at the top lists only the others. */
function shownPaths(c: ProcedureContent): string[] {
  const own = ["name", "fieldCode", "level", "agency", "steps", "channels", "components", "processingTime", "processingTime.workingDays",
    "processingTime.sameDay", "processingTime.cutOffHour", "fees", "requirements", "legalBasis", "result", "onlineLevel", "receivableAnywhere"];
  const rows = [
    ...c.components.flatMap((_, i) => ["", ".code", ".name", ".originals", ".copies"].map((k) => `components[${i}]${k}`)),
    ...c.fees.flatMap((_, i) => ["", ".name", ".amount"].map((k) => `fees[${i}]${k}`)),
    ...c.steps.map((_, i) => `steps[${i}]`),
    ...c.legalBasis.map((_, i) => `legalBasis[${i}]`),
  ];
  return [...own, ...rows].map((p) => `content.${p}`);
}

/** A labelled input with the host's messages for its paths under it. */
function Field({ label, paths, error, className = "", children }: { label: string; paths: string[]; error: unknown; className?: string; children: ReactNode }) {
  const invalid = paths.some((p) => hasFieldError(error, p));
  return (
    <label className={`${className} ${invalid ? "invalid" : ""}`}>
      {label}
      {children}
      {paths.map((p) => <FieldErrors key={p} error={error} path={p} />)}
    </label>
  );
}

/**
 * Publishing a procedure or amending one: its content as a form, the announcing decision, and the host's problem
 * at the top with each field's message beside its input. `code` is fixed when amending and typed when publishing.
 */
export function ProcedureForm({ title, code: fixedCode, initial, submitLabel, onSubmit, onCancel }: {
  title: string; code?: string; initial: ProcedureContent; submitLabel: string;
  onSubmit: (code: string, content: ProcedureContent, decision: AnnouncingDecision) => Promise<void>; onCancel: () => void;
}) {
  const [code, setCode] = useState(fixedCode ?? "");
  const [c, setContent] = useState(initial);
  const [decision, setDecision] = useState(emptyDecision);
  const { busy, error, run } = useSubmit();
  const fields = useAsync(() => api.listFields(), []);
  const form = useRef<HTMLFormElement>(null);
  // The form is long and the button at its end: bring the first message into view.
  useEffect(() => {
    if (error) (form.current?.querySelector(".field-error") ?? form.current?.querySelector("[role=alert]"))?.scrollIntoView({ block: "center" });
  }, [error]);
  const set = (change: Partial<ProcedureContent>) => setContent((old) => ({ ...old, ...change }));
  const setTime = (change: Partial<ProcessingTime>) => set({ processingTime: { ...c.processingTime, ...change } });
  const toggleChannel = (channel: Channel, on: boolean) =>
    set({ channels: (Object.keys(channelNames) as Channel[]).filter((x) => (x === channel ? on : c.channels.includes(x))) });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(() => onSubmit(code.trim(), c, decision));
  };
  const fieldOptions = fields.data ?? [];
  const knownField = fieldOptions.some((f) => f.code === c.fieldCode);
  const path = (key: string) => [`content.${key}`];

  return (
    <form className="card stack procedure-form" ref={form} onSubmit={submit} data-form="procedure">
      <h2>{title}</h2>
      <ProblemAlert error={error ?? fields.error} shownFields={[...shownPaths(c), ...decisionPaths, ...(fixedCode ? [] : ["code"])]} />
      <fieldset className="grid">
        <legend>Thông tin chung</legend>
        {fixedCode === undefined && (
          <Field label="Mã thủ tục" paths={["code"]} error={error}>
            <input name="code" value={code} onChange={(e) => setCode(e.target.value)} required placeholder="Ví dụ: 1.001193" />
          </Field>
        )}
        <Field label="Tên thủ tục" paths={path("name")} error={error} className="wide">
          <input name="name" value={c.name} onChange={(e) => set({ name: e.target.value })} required maxLength={500} />
        </Field>
        <Field label="Lĩnh vực" paths={path("fieldCode")} error={error}>
          <select name="fieldCode" value={c.fieldCode} onChange={(e) => set({ fieldCode: e.target.value })}>
            {!knownField && <option value={c.fieldCode}>{c.fieldCode || "— Chọn lĩnh vực —"}</option>}
            {fieldOptions.map((f) => <option key={f.code} value={f.code}>{f.name}</option>)}
          </select>
        </Field>
        <Field label="Cấp thực hiện" paths={path("level")} error={error}>
          <select name="level" value={c.level} onChange={(e) => set({ level: e.target.value as ImplementingLevel })}>
            {Object.entries(levelNames).map(([value, text]) => <option key={value} value={value}>{text}</option>)}
          </select>
        </Field>
        <Field label="Cơ quan thực hiện" paths={path("agency")} error={error}>
          <input name="agency" value={c.agency} onChange={(e) => set({ agency: e.target.value })} />
        </Field>
        <Field label="Mức độ dịch vụ trực tuyến" paths={path("onlineLevel")} error={error}>
          <select name="onlineLevel" value={c.onlineLevel} onChange={(e) => set({ onlineLevel: e.target.value as OnlineLevel })}>
            {Object.entries(onlineLevelNames).map(([value, text]) => <option key={value} value={value}>{text}</option>)}
          </select>
        </Field>
        <Field label="Kết quả thực hiện" paths={path("result")} error={error} className="wide">
          <input name="result" value={c.result} onChange={(e) => set({ result: e.target.value })} />
        </Field>
        <div className="wide checks" data-field-group="channels">
          <span className="label">Cách thức thực hiện</span>
          {(Object.entries(channelNames) as [Channel, string][]).map(([channel, text]) => (
            <label key={channel} className="check">
              <input type="checkbox" name="channels" value={channel} checked={c.channels.includes(channel)} onChange={(e) => toggleChannel(channel, e.target.checked)} /> {text}
            </label>
          ))}
          <FieldErrors error={error} path="content.channels" />
        </div>
        <label className="check wide">
          <input type="checkbox" name="receivableAnywhere" checked={c.receivableAnywhere ?? false} onChange={(e) => set({ receivableAnywhere: e.target.checked })} />
          Tiếp nhận không phụ thuộc địa giới hành chính
          <FieldErrors error={error} path="content.receivableAnywhere" />
        </label>
      </fieldset>

      <fieldset>
        <legend>Trình tự thực hiện</legend>
        <TextListEditor name="steps" path="content.steps" items={c.steps} onChange={(steps) => set({ steps })} itemLabel="Bước" addLabel="Thêm bước" error={error} />
      </fieldset>

      <fieldset>
        <legend>Thành phần hồ sơ</legend>
        <ComponentsEditor items={c.components} onChange={(components) => set({ components })} error={error} />
      </fieldset>

      <fieldset className="grid" data-field-group="processingTime">
        <legend>Thời hạn giải quyết</legend>
        <Field label="Số ngày làm việc" paths={["content.processingTime.workingDays", "content.processingTime"]} error={error}>
          <input type="number" min={0} name="processingTime.workingDays" value={c.processingTime.workingDays} disabled={c.processingTime.sameDay}
            onChange={(e) => setTime({ workingDays: Number(e.target.value) })} />
        </Field>
        <label className="check">
          <input type="checkbox" name="processingTime.sameDay" checked={c.processingTime.sameDay ?? false}
            onChange={(e) => setTime(e.target.checked ? { sameDay: true, workingDays: 0 } : { sameDay: false })} />
          Giải quyết trong ngày
          <FieldErrors error={error} path="content.processingTime.sameDay" />
        </label>
        <Field label="Giờ tiếp nhận cuối ngày" paths={["content.processingTime.cutOffHour"]} error={error}>
          <input type="number" min={0} max={23} name="processingTime.cutOffHour" value={c.processingTime.cutOffHour ?? 15}
            onChange={(e) => setTime({ cutOffHour: Number(e.target.value) })} />
          <span className="muted small hint">Hồ sơ nhận sau giờ này được tính từ ngày làm việc tiếp theo.</span>
        </Field>
      </fieldset>

      <fieldset>
        <legend>Phí, lệ phí</legend>
        <FeesEditor items={c.fees} onChange={(fees) => set({ fees })} error={error} />
      </fieldset>

      <fieldset className="stack">
        <legend>Yêu cầu, điều kiện và căn cứ pháp lý</legend>
        <Field label="Yêu cầu, điều kiện thực hiện" paths={path("requirements")} error={error}>
          <textarea name="requirements" rows={3} value={c.requirements ?? ""} onChange={(e) => set({ requirements: optional(e.target.value) })} />
        </Field>
        <span className="label">Căn cứ pháp lý</span>
        <TextListEditor name="legalBasis" path="content.legalBasis" items={c.legalBasis} onChange={(legalBasis) => set({ legalBasis })} itemLabel="Văn bản" addLabel="Thêm văn bản" error={error} />
      </fieldset>

      <DecisionFields value={decision} onChange={setDecision} error={error} />
      <details className="advanced">
        <summary>Xem nội dung dạng JSON (nâng cao)</summary>
        <pre className="code-area">{JSON.stringify(c, null, 2)}</pre>
      </details>
      <div className="actions">
        <button type="submit" disabled={busy}>{submitLabel}</button>
        <button type="button" className="secondary" onClick={onCancel}>Hủy</button>
      </div>
    </form>
  );
}
