import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { ProcedureContent, ProcedureVersionDiff } from "../api/generated";
import { procedureQrUrl } from "../api/publicPages";
import type { Session } from "../api/session";
import { hasRole } from "../menu";
import { Link } from "../router";
import { date } from "../ui/format";
import { ProblemAlert } from "../ui/Problem";
import { useAsync } from "../ui/useAsync";
import { statusText } from "./CataloguePage";
import { channelNames, levelNames, onlineLevelNames, ProcedureForm } from "./ProcedureForm";

/** One procedure: a chosen version, every version with its decision, the diff of two, and amending it. */
export function ProcedurePage({ code, session }: { code: string; session: Session }) {
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [published, setPublished] = useState<number | null>(null);
  const { data: p, error, reload } = useAsync(() => api.getProcedure(code, undefined, version), [code, version]);
  if (error) return <section><h1>Thủ tục {code}</h1><ProblemAlert error={error} /></section>;
  if (!p) return <p className="muted">Đang tải…</p>;
  const c = p.content;
  return (
    <section>
      <p><Link to="/danh-muc">‹ Danh mục</Link></p>
      <h1>{c.name}</h1>
      <div className="columns">
        <div className="card">
          <p>Mã {p.code} · phiên bản {p.version} · {statusText(p.status)} · QĐ {p.decision.number} ({p.decision.issuer}), hiệu lực {date(p.decision.effectiveFrom)}</p>
          <p>Cơ quan thực hiện: {c.agency} · Thời hạn: {c.processingTime.sameDay ? "trong ngày" : `${c.processingTime.workingDays} ngày làm việc`}</p>
          <h3>Thành phần hồ sơ</h3>
          <ul>{c.components.map((x) => <li key={x.code}>{x.name} ({x.originals} bản chính, {x.copies} bản sao){x.required ? "" : " — nếu có"}</li>)}</ul>
          <h3>Trình tự thực hiện</h3>
          <ol>{c.steps.map((s) => <li key={s}>{s}</li>)}</ol>
          <p>Kết quả: {c.result}</p>
        </div>
        <div className="card">
          <img src={procedureQrUrl(p.code)} alt={`Mã QR của thủ tục ${p.code}`} width={120} height={120} />
          <p><a href={procedureQrUrl(p.code)} target="_blank" rel="noopener">Mở mã QR để in</a> · <a href={`/thu-tuc/${encodeURIComponent(p.code)}`} target="_blank" rel="noopener">Trang công khai</a></p>
          <h3>Các phiên bản</h3>
          <ul className="plain">
            {p.versions.map((v) => (
              <li key={v.version}>
                <button type="button" className={`link ${v.version === p.version ? "chosen" : ""}`} onClick={() => setVersion(v.version)}>Phiên bản {v.version}</button>
                <span className="muted small"> · QĐ {v.decision.number}, hiệu lực {date(v.decision.effectiveFrom)}</span>
              </li>
            ))}
          </ul>
          {p.versions.length > 1 && <VersionDiff key={p.versions.length} code={p.code} versions={p.versions.map((v) => v.version)} />}
        </div>
      </div>
      {published && <div className="alert success" role="status" data-testid="amended">Đã công bố phiên bản {published}.</div>}
      {hasRole(session.user.roles, "catalogue_controller") && (
        <AmendForm key={p.version} code={p.code} content={c} onDone={(v) => { setPublished(v); setVersion(undefined); reload(); }} />
      )}
    </section>
  );
}

function VersionDiff({ code, versions }: { code: string; versions: number[] }) {
  const [from, setFrom] = useState(versions[versions.length - 2]);
  const [to, setTo] = useState(versions[versions.length - 1]);
  const [diff, setDiff] = useState<ProcedureVersionDiff | null>(null);
  const [error, setError] = useState<unknown>(null);
  const compare = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setDiff(await api.diffProcedureVersions(code, from, to));
    } catch (e) {
      setError(e);
    }
  };
  const pick = (value: number, set: (v: number) => void) => (
    <select value={value} onChange={(e) => set(Number(e.target.value))}>{versions.map((v) => <option key={v} value={v}>{v}</option>)}</select>
  );
  return (
    <div>
      <form className="inline" onSubmit={compare}>
        <label>Từ phiên bản{pick(from, setFrom)}</label>
        <label>đến{pick(to, setTo)}</label>
        <button type="submit" className="secondary">So sánh</button>
      </form>
      <ProblemAlert error={error} />
      {diff && (diff.changes.length === 0 ? <p className="muted">Hai phiên bản giống nhau.</p> : (
        <table className="list diff">
          <thead><tr><th>Mục</th><th>Trước</th><th>Sau</th></tr></thead>
          <tbody>{diff.changes.map((c) => <tr key={c.field} data-field={c.field}><td title={c.field}>{diffLabel(c.field)}</td><td className="before">{diffValue(c.field, c.before)}</td><td className="after">{diffValue(c.field, c.after)}</td></tr>)}</tbody>
        </table>
      ))}
    </div>
  );
}

/** Amending: the form starts from the version shown, and the new version is published under a decision. */
function AmendForm({ code, content, onDone }: { code: string; content: ProcedureContent; onDone: (version: number) => void }) {
  const [open, setOpen] = useState(false);
  if (!open) return <button type="button" onClick={() => setOpen(true)}>Sửa đổi, bổ sung theo quyết định</button>;
  return (
    <ProcedureForm
      title={`Sửa đổi, bổ sung thủ tục ${code}`}
      code={code}
      initial={content}
      submitLabel="Công bố phiên bản mới"
      onSubmit={async (_, value, decision) => {
        const changed = await api.amendProcedure(code, { value, decision });
        setOpen(false);
        onDone(changed.latestVersion);
      }}
      onCancel={() => setOpen(false)}
    />
  );
}

const fieldLabels: Record<string, string> = {
  name: "Tên thủ tục",
  fieldCode: "Lĩnh vực",
  level: "Cấp thực hiện",
  agency: "Cơ quan thực hiện",
  steps: "Trình tự thực hiện, bước",
  channels: "Cách thức thực hiện",
  components: "Thành phần hồ sơ",
  "processingTime.workingDays": "Thời hạn giải quyết (ngày làm việc)",
  "processingTime.sameDay": "Giải quyết trong ngày",
  "processingTime.cutOffHour": "Giờ tiếp nhận cuối ngày",
  fees: "Phí, lệ phí",
  requirements: "Yêu cầu, điều kiện thực hiện",
  legalBasis: "Căn cứ pháp lý",
  result: "Kết quả thực hiện",
  onlineLevel: "Mức độ dịch vụ trực tuyến",
  receivableAnywhere: "Tiếp nhận không phụ thuộc địa giới hành chính",
};

const partLabels: Record<string, string> = {
  name: "tên",
  originals: "số bản chính",
  copies: "số bản sao",
  required: "bắt buộc",
  condition: "điều kiện",
  formName: "mẫu đơn, tờ khai",
  formUrl: "đường dẫn mẫu đơn",
  amount: "mức thu",
  exemption: "miễn, giảm",
};

/**
 * A changed field as the catalogue controller reads it: the host names it by its path (processingTime.workingDays,
 * components[TK].copies, steps[2]), shown in Vietnamese; the path stays in the cell's tooltip.
 */
function diffLabel(path: string): string {
  const match = /^([A-Za-z.]+)(?:\[(.+?)\])?(?:\.(\w+))?$/.exec(path);
  if (!match) return path;
  const [, field, key, part] = match;
  const label = fieldLabels[field] ?? field;
  const which = key === undefined ? "" : /^\d+$/.test(key) ? ` ${Number(key) + 1}` : ` «${key}»`;
  return `${label}${which}${part ? `: ${partLabels[part] ?? part}` : ""}`;
}

/** The host writes enum values by name ("Commune", "Direct, Online") and yes/no as true/false. */
const valueNames: Record<string, Record<string, string>> = {
  level: levelNames,
  channels: channelNames,
  onlineLevel: onlineLevelNames,
};

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/**
 * A value as the catalogue controller reads it: levels, channels and online levels by their Vietnamese names, yes/no
 * for flags, and an added or removed component or fee ("amount: 20000; exemption: …") with its parts named too.
 */
function diffValue(path: string, value: string | undefined | null): string {
  if (value == null) return "—";
  const names = valueNames[path];
  if (names) return value.split(", ").map((v) => names[camel(v)] ?? v).join(", ");
  if (value === "true" || value === "false") return yesNo(value);
  return value.split("; ").map((part) => {
    const match = /^(\w+): (.*)$/.exec(part);
    return match && partLabels[match[1]] ? `${partLabels[match[1]]}: ${yesNo(match[2])}` : part;
  }).join("; ");
}

const yesNo = (value: string) => (value === "true" ? "có" : value === "false" ? "không" : value);
