import { useState } from "react";
import { api } from "../api/client";
import type { Session } from "../api/session";
import { hasRole } from "../menu";
import { Link } from "../router";
import { dateTime } from "../ui/format";
import { ProblemAlert } from "../ui/Problem";
import { PrintFrame } from "../ui/PrintFrame";
import { useAsync } from "../ui/useAsync";
import { DossierActions } from "./DossierActions";
import { DossierDocuments } from "./DossierDocuments";

/** One dossier: state, due date and why, steps and their timeliness, history, the transitions the caller may make. */
export function DossierPage({ id, session }: { id: string; session: Session }) {
  const { data: d, error, reload } = useAsync(() => api.getDossier(id), [id]);
  const [slip, setSlip] = useState<Blob | null>(null);
  const [slipError, setSlipError] = useState<unknown>(null);
  if (error) return <section><h1>Hồ sơ</h1><ProblemAlert error={error} /></section>;
  if (!d) return <p className="muted">Đang tải hồ sơ…</p>;
  const printSlip = async () => {
    setSlipError(null);
    try {
      setSlip((await api.dossierProcessControlForm(d.id)).data);
    } catch (e) {
      setSlipError(e);
    }
  };

  return (
    <section>
      <h1>Hồ sơ <span className="code" data-testid="dossier-code">{d.code}</span></h1>
      <div className="columns">
        <div className="card">
          <p>Trạng thái: <strong data-testid="dossier-status">{d.statusText}</strong> <span className={`pill ${d.timeliness.status}`}>{d.timeliness.statusText}</span></p>
          <p>Thủ tục: {d.procedure.name} <span className="muted">({d.procedure.code}, phiên bản {d.procedure.version})</span></p>
          <p>Người nộp: {d.applicant.fullName} · {d.applicant.phone ?? ""}</p>
          <p>Tiếp nhận: {dateTime(d.receivedAt)} · {d.channelText} · Đơn vị xử lý: {d.handlingUnit}{d.assignee && <> · Người xử lý: {d.assignee}</>}</p>
          <p>Hạn giải quyết: <strong>{dateTime(d.dueAt)}</strong>{d.appointmentAt && <> · Hẹn trả: {dateTime(d.appointmentAt)}</>}</p>
          <details open>
            <summary>Cách tính hạn</summary>
            <ul>{d.dueExplanation.map((line) => <li key={line}>{line}</li>)}</ul>
          </details>
          <p className="muted">{d.timeliness.summary}</p>
          {d.missingComponents.length > 0 && <p>Cần bổ sung: {d.missingComponents.join("; ")}</p>}
          {d.proposal && <p>Đề xuất: {d.proposal.outcome === "approve" ? "phê duyệt" : "từ chối"} — {d.proposal.summary}</p>}
          {d.decision && <p>Quyết định: {d.decision.outcome === "approve" ? "phê duyệt" : "từ chối"} — {d.decision.reasons}</p>}
          <div className="actions">
            <button type="button" className="secondary" onClick={printSlip}>Phiếu kiểm soát quá trình giải quyết</button>
            {hasRole(session.user.roles, "auditor") && <Link className="button secondary" to={`/kiem-tra/${encodeURIComponent(d.code)}`}>Kiểm tra lịch sử</Link>}
          </div>
          <ProblemAlert error={slipError} />
        </div>
        <DossierActions dossier={d} etag={dossierETag(d.version)} roles={session.user.roles} onChanged={reload} />
      </div>
      <DossierDocuments dossier={d} canAttach={hasRole(session.user.roles, "desk_officer", "specialist", "leader")} />
      {d.timeliness.steps.length > 0 && (
        <div className="card">
          <h2>Các bước xử lý</h2>
          <div className="table-wrap">
            <table className="list">
              <thead><tr><th>#</th><th>Bước</th><th>Đơn vị</th><th>Người xử lý</th><th>Bắt đầu</th><th>Hạn</th><th>Hoàn thành</th><th>Tiến độ</th></tr></thead>
              <tbody>
                {d.timeliness.steps.map((s) => (
                  <tr key={s.number}>
                    <td>{s.number}</td><td>{s.name}</td><td>{s.unit}</td><td>{s.assignee ?? "—"}</td>
                    <td>{dateTime(s.startedAt)}</td><td>{dateTime(s.dueAt)}</td><td>{dateTime(s.completedAt)}</td>
                    <td><span className={`pill ${s.status}`}>{s.statusText}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      <div className="card">
        <h2>Lịch sử hồ sơ</h2>
        <ol className="timeline" data-testid="history">
          {d.history.map((h) => (
            <li key={h.version}>
              <time>{dateTime(h.at)}</time> <strong>{h.description}</strong>
              <div className="muted small">{h.actor ?? "hệ thống"}{h.unit && ` · ${h.unit}`}</div>
            </li>
          ))}
        </ol>
      </div>
      {slip && <PrintFrame blob={slip} title="Phiếu kiểm soát quá trình giải quyết hồ sơ" />}
    </section>
  );
}

/** The host tags a dossier with its stream version (ETag "3"); a transition sends it back as If-Match. */
const dossierETag = (version: number) => `"${version}"`;
