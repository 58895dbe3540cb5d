import type { AnnouncingDecision } from "../api/generated";
import { today } from "../ui/format";
import { FieldErrors } from "../ui/Problem";

export const emptyDecision = (): AnnouncingDecision => ({ number: "", signedOn: today(), issuer: "", effectiveFrom: today() });

/** The announcing decision (quyết định công bố) every catalogue change is made under. */
export function DecisionFields({ value, onChange, error }: { value: AnnouncingDecision; onChange: (d: AnnouncingDecision) => void; error: unknown }) {
  const field = (key: "number" | "issuer" | "signedOn" | "effectiveFrom", label: string, type = "text") => (
    <label>
      {label}
      <input type={type} name={`decision.${key}`} value={value[key]} onChange={(e) => onChange({ ...value, [key]: e.target.value })} />
      <FieldErrors error={error} path={`decision.${key}`} />
    </label>
  );
  return (
    <fieldset className="grid">
      <legend>Quyết định công bố</legend>
      {field("number", "Số quyết định")}
      {field("issuer", "Cơ quan ban hành")}
      {field("signedOn", "Ngày ký", "date")}
      {field("effectiveFrom", "Ngày có hiệu lực", "date")}
    </fieldset>
  );
}
