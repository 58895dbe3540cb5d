import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { Applicant, DossierIntake, ProcedureView, SearchHit } from "../api/generated";
import { navigate } from "../router";
import { dateTime, saveBlob } from "../ui/format";
import { FieldErrors, hasFieldError, ProblemAlert } from "../ui/Problem";
import { PrintFrame } from "../ui/PrintFrame";
import { ChecklistEditor, type ChecklistLine } from "./ChecklistEditor";
import { useSubmit } from "../ui/useSubmit";

type ApplicantField = "fullName" | "identityNumber" | "phone" | "email" | "address" | "organizationName";

const applicantFields: { key: ApplicantField; label: string; hint?: string; type?: string }[] = [
  { key: "fullName", label: "Họ và tên người nộp" },
  { key: "identityNumber", label: "Số định danh cá nhân (CCCD)", hint: "12 chữ số" },
  { key: "phone", label: "Số điện thoại", type: "tel" },
  { key: "email", label: "Thư điện tử", type: "email" },
  { key: "address", label: "Địa chỉ" },
  { key: "organizationName", label: "Tên tổ chức (nếu nộp thay tổ chức)" },
];

const emptyApplicant: Applicant = { fullName: "", identityNumber: "", phone: "", email: "", address: "", organizationName: "" };

/** Tiếp nhận: the desk officer finds the procedure, ticks its checklist, enters the applicant, and prints the receipt. */
export function DeskPage() {
  const [procedure, setProcedure] = useState<ProcedureView | null>(null);
  const [lines, setLines] = useState<ChecklistLine[]>([]);
  const [applicant, setApplicant] = useState<Applicant>(emptyApplicant);
  const [channel, setChannel] = useState<"direct" | "post">("direct");
  const { busy, error, setError, run } = useSubmit();
  const [intake, setIntake] = useState<DossierIntake | null>(null);

  const choose = async (code: string) => {
    setError(null);
    try {
      const view = await api.getProcedure(code);
      setProcedure(view);
      setLines(view.content.components.map((c) => ({ spec: c, received: c.required, originals: c.originals, copies: c.copies })));
    } catch (e) {
      setError(e);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!procedure) return;
    await run(async () => {
      const optional = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
      const result = await api.receiveDossier({
        procedureCode: procedure.code,
        channel,
        applicant: {
          fullName: applicant.fullName.trim(),
          identityNumber: optional(applicant.identityNumber),
          phone: optional(applicant.phone),
          email: optional(applicant.email),
          address: optional(applicant.address),
          organizationName: optional(applicant.organizationName),
        },
        components: lines.filter((l) => l.received).map((l) => ({ code: l.spec.code, originals: l.originals, copies: l.copies })),
      });
      setIntake(result);
    });
  };

  const restart = () => {
    setIntake(null);
    setProcedure(null);
    setApplicant(emptyApplicant);
    setLines([]);
  };

  if (intake) return <IntakeDone intake={intake} onNext={restart} />;

  const shown = applicantFields.map((f) => `applicant.${f.key}`).concat(["procedureCode"]);
  return (
    <section>
      <h1>Tiếp nhận hồ sơ</h1>
      <FindDossier />
      <ProcedureSearch onChoose={choose} chosen={procedure?.code} />
      {procedure && (
        <form onSubmit={submit} className="stack" noValidate>
          <div className="card">
            <h2>{procedure.content.name}</h2>
            <p className="muted">
              Mã {procedure.code} · phiên bản {procedure.version} đang áp dụng theo Quyết định {procedure.decision.number} ·{" "}
              {procedure.content.processingTime.sameDay ? "giải quyết trong ngày" : `${procedure.content.processingTime.workingDays} ngày làm việc`}
            </p>
            <h3>Thành phần hồ sơ</h3>
            <ChecklistEditor lines={lines} onChange={setLines} error={error} />
          </div>
          <div className="card">
            <h3>Người nộp hồ sơ</h3>
            <div className="grid">
              {applicantFields.map((f) => (
                <label key={f.key} className={hasFieldError(error, `applicant.${f.key}`) ? "invalid" : ""}>
                  {f.label}
                  <input
                    name={`applicant.${f.key}`}
                    type={f.type ?? "text"}
                    placeholder={f.hint}
                    value={applicant[f.key] ?? ""}
                    onChange={(e) => setApplicant({ ...applicant, [f.key]: e.target.value })}
                  />
                  <FieldErrors error={error} path={`applicant.${f.key}`} />
                </label>
              ))}
              <label>
                Hình thức nộp
                <select value={channel} onChange={(e) => setChannel(e.target.value as "direct" | "post")}>
                  <option value="direct">Trực tiếp tại Bộ phận Một cửa</option>
                  <option value="post">Qua dịch vụ bưu chính</option>
                </select>
              </label>
            </div>
          </div>
          <ProblemAlert error={error} shownFields={shown} />
          <button type="submit" disabled={busy}>{busy ? "Đang tiếp nhận…" : "Tiếp nhận hồ sơ"}</button>
        </form>
      )}
      {!procedure && <ProblemAlert error={error} />}
    </section>
  );
}

function ProcedureSearch({ onChoose, chosen }: { onChoose: (code: string) => void; chosen?: string }) {
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const search = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setHits((await api.searchProcedures(q || undefined, undefined, undefined, undefined, 1, 10)).items);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="card">
      <form className="inline" onSubmit={search} role="search">
        <label className="grow">
          Thủ tục hành chính
          <input name="procedureSearch" placeholder="Tên hoặc mã thủ tục, ví dụ: khai sinh" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <button type="submit">Tìm thủ tục</button>
      </form>
      <ProblemAlert error={error} />
      {hits && hits.length === 0 && <p className="muted">Không tìm thấy thủ tục phù hợp.</p>}
      {hits && hits.length > 0 && (
        <ul className="hits">
          {hits.map((h) => (
            <li key={h.code}>
              <button type="button" className={`link ${chosen === h.code ? "chosen" : ""}`} onClick={() => onChoose(h.code)}>
                <span className="code">{h.code}</span> {h.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** An existing dossier by its code: to return its result, refuse it, or ask for a supplement on its page. */
function FindDossier() {
  const [code, setCode] = useState("");
  const [error, setError] = useState<unknown>(null);
  const open = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const dossier = await api.getDossierByCode(code.trim());
      navigate(`/ho-so/${dossier.id}`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="card inline" onSubmit={open}>
      <label className="grow">
        Hồ sơ đã tiếp nhận (trả kết quả, từ chối, yêu cầu bổ sung)
        <input name="dossierCode" placeholder="Mã hồ sơ, ví dụ 001.32.00.H51-260304-0001" value={code} onChange={(e) => setCode(e.target.value)} />
      </label>
      <button type="submit" className="secondary">Mở hồ sơ</button>
      <ProblemAlert error={error} />
    </form>
  );
}

function IntakeDone({ intake, onNext }: { intake: DossierIntake; onNext: () => void }) {
  const [receipt, setReceipt] = useState<Blob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const print = async () => {
    setError(null);
    try {
      setReceipt((await api.dossierReceiptForm(intake.id, undefined, { lookupSecret: intake.lookupSecret })).data);
    } catch (e) {
      setError(e);
    }
  };
  const pdf = async () => {
    try {
      saveBlob((await api.dossierReceiptForm(intake.id, "pdf", { lookupSecret: intake.lookupSecret })).data, `${intake.code}.pdf`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section>
      <h1>Đã tiếp nhận hồ sơ</h1>
      <div className="card success" data-testid="intake-done">
        <p>Mã hồ sơ: <strong className="code" data-testid="dossier-code">{intake.code}</strong></p>
        <p>Trạng thái: {intake.statusText} · Hẹn trả kết quả: <strong>{dateTime(intake.dueAt)}</strong></p>
        <ul>{intake.dueExplanation.map((line) => <li key={line}>{line}</li>)}</ul>
        <p>Mã tra cứu của công dân (chỉ hiện một lần, in trên giấy tiếp nhận): <strong className="code">{intake.lookupSecret}</strong></p>
        <div className="actions">
          <button type="button" onClick={print}>In giấy tiếp nhận</button>
          <button type="button" className="secondary" onClick={pdf}>Tải bản PDF</button>
          <button type="button" className="secondary" onClick={() => navigate(`/ho-so/${intake.id}`)}>Mở hồ sơ</button>
          <button type="button" className="secondary" onClick={onNext}>Tiếp nhận hồ sơ khác</button>
        </div>
        <ProblemAlert error={error} />
      </div>
      {receipt && <PrintFrame blob={receipt} title="Giấy tiếp nhận hồ sơ và hẹn trả kết quả" />}
    </section>
  );
}
