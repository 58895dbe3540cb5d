import type { ComponentSpec } from "../api/generated";
import { FieldErrors } from "../ui/Problem";

export interface ChecklistLine {
  spec: ComponentSpec;
  received: boolean;
  originals: number;
  copies: number;
}

/** The procedure's components: tick what the applicant handed in and how many originals and copies. */
export function ChecklistEditor({ lines, onChange, error }: { lines: ChecklistLine[]; onChange: (lines: ChecklistLine[]) => void; error: unknown }) {
  const update = (index: number, change: Partial<ChecklistLine>) => onChange(lines.map((l, i) => (i === index ? { ...l, ...change } : l)));
  let receivedIndex = -1;
  return (
    <table className="checklist">
      <thead>
        <tr><th>Đã nhận</th><th>Thành phần</th><th>Bản chính</th><th>Bản sao</th></tr>
      </thead>
      <tbody>
        {lines.map((line, index) => {
          if (line.received) receivedIndex++;
          const path = `components[${receivedIndex}]`;
          return (
            <tr key={line.spec.code}>
              <td><input type="checkbox" aria-label={`Đã nhận ${line.spec.name}`} checked={line.received} onChange={(e) => update(index, { received: e.target.checked })} /></td>
              <td>
                {line.spec.name} {line.spec.required ? <span className="badge">bắt buộc</span> : <span className="badge muted">nếu có</span>}
                {line.spec.condition && <div className="muted small">{line.spec.condition}</div>}
                {line.received && <FieldErrors error={error} path={`${path}.originals`} />}
                {line.received && <FieldErrors error={error} path={`${path}.copies`} />}
                <FieldErrors error={error} path={`components.${line.spec.code}`} />
              </td>
              <td><input type="number" min={0} className="narrow" aria-label="Số bản chính" value={line.originals} disabled={!line.received} onChange={(e) => update(index, { originals: Number(e.target.value) })} /></td>
              <td><input type="number" min={0} className="narrow" aria-label="Số bản sao" value={line.copies} disabled={!line.received} onChange={(e) => update(index, { copies: Number(e.target.value) })} /></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
