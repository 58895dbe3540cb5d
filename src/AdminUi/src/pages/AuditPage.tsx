import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { DossierStateView } from "../api/generated";
import { navigate } from "../router";
import { dateTime, saveBlob } from "../ui/format";
import { ProblemAlert } from "../ui/Problem";
import { useAsync } from "../ui/useAsync";

/** Kiểm tra lịch sử: a dossier's events with who and when, the hash chain's verification, its state at an instant. */
export function AuditPage({ code }: { code?: string }) {
  const [input, setInput] = useState(code ?? "");
  const open = (event: FormEvent) => {
    event.preventDefault();
    if (input.trim()) navigate(`/kiem-tra/${encodeURIComponent(input.trim())}`);
  };
  return (
    <section>
      <h1>Kiểm tra lịch sử hồ sơ</h1>
      <form className="card inline" onSubmit={open}>
        <label className="grow">Mã hồ sơ<input name="auditCode" value={input} onChange={(e) => setInput(e.target.value)} placeholder="001.32.00.H51-260304-0001" /></label>
        <button type="submit">Xem lịch sử</button>
      </form>
      {code && <AuditOf key={code} code={code} />}
    </section>
  );
}

function AuditOf({ code }: { code: string }) {
  const history = useAsync(() => api.getDossierHistory(code), [code]);
  const verification = useAsync(() => api.verifyDossierHistory(code), [code]);
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    try {
      // The export comes back parsed; written out again it is the same document for tools/verify-history.py.
      const exported = await api.exportDossierHistory(code);
      saveBlob(new Blob([JSON.stringify(exported, null, 2)], { type: "application/json" }), `${code}.history.json`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <ProblemAlert error={history.error ?? verification.error ?? error} />
      {verification.data && (
        <div className={`card ${verification.data.valid ? "success" : "danger"}`} data-testid="verification" data-valid={verification.data.valid}>
          <strong>{verification.data.valid ? "✔ Chuỗi băm toàn vẹn" : "✘ Chuỗi băm bị phá vỡ"}</strong>
          <p>{verification.data.message}</p>
          {verification.data.detail && <p>{verification.data.detail}</p>}
          <p className="muted small">Phiên bản cuối {verification.data.headVersion} · mã băm <code>{verification.data.headHash}</code></p>
          <button type="button" className="secondary" onClick={download}>Tải tệp lịch sử (kiểm tra ngoại tuyến)</button>
        </div>
      )}
      {history.data && (
        <div className="card">
          <h2>Dòng thời gian</h2>
          <ol className="timeline" data-testid="audit-timeline">
            {history.data.events.map((e) => (
              <li key={e.version}>
                <time>{dateTime(e.recordedAt)}</time> <strong>{e.description ?? e.type}</strong>
                <div className="muted small">
                  Phiên bản {e.version} · {e.actor ?? "hệ thống"}{e.unit && ` · ${e.unit}`} · <code title={e.hash}>{e.hash.slice(0, 16)}…</code>
                </div>
              </li>
            ))}
          </ol>
        </div>
      )}
      <StateAt code={code} />
    </>
  );
}

function StateAt({ code }: { code: string }) {
  const [at, setAt] = useState(() => new Date().toLocaleString("sv-SE", { timeZone: "Asia/Ho_Chi_Minh" }).replace(" ", "T"));
  const [state, setState] = useState<DossierStateView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setState(await api.getDossierStateAt(code, at.length === 16 ? `${at}:00` : at));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="card">
      <h2>Trạng thái tại một thời điểm</h2>
      <form className="inline" onSubmit={load}>
        <label>Thời điểm (giờ Việt Nam)<input type="datetime-local" step={1} value={at} onChange={(e) => setAt(e.target.value)} /></label>
        <button type="submit" className="secondary">Xem</button>
      </form>
      <ProblemAlert error={error} />
      {state && (
        <div data-testid="state-at">
          <p>Lúc {dateTime(state.at)}: <strong>{state.statusText}</strong> (phiên bản {state.version}{state.recordedAt && `, ghi lúc ${dateTime(state.recordedAt)}`})</p>
          {state.dossier && <p>Đơn vị xử lý {state.dossier.handlingUnit}{state.dossier.assignee && `, người xử lý ${state.dossier.assignee}`}</p>}
        </div>
      )}
    </div>
  );
}
