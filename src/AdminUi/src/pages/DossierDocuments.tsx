import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { DossierDocument, DossierView } from "../api/generated";
import { dateTime, fileSize, saveBlob } from "../ui/format";
import { FieldErrors, ProblemAlert } from "../ui/Problem";
import { useAsync } from "../ui/useAsync";
import { useSubmit } from "../ui/useSubmit";

const statusTexts: Record<string, string> = { active: "Đang dùng", superseded: "Đã được thay thế", archived: "Đã lưu trữ" };

/** Giấy tờ đính kèm: the files attached to the dossier's components, to download, and a form to attach another. */
export function DossierDocuments({ dossier, canAttach }: { dossier: DossierView; canAttach: boolean }) {
  const documents = useAsync(() => api.listDossierDocuments(dossier.id), [dossier.id]);
  const [error, setError] = useState<unknown>(null);
  const componentName = (code: string) => dossier.procedure.checklist.find((c) => c.code === code)?.name ?? code;
  const download = async (document: DossierDocument) => {
    setError(null);
    try {
      const file = await api.getDocumentContent(document.id);
      saveBlob(file.data, file.fileName ?? document.fileName);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="card">
      <h2>Giấy tờ đính kèm</h2>
      <ProblemAlert error={documents.error ?? error} />
      {documents.data && documents.data.length === 0 && <p className="muted">Chưa có giấy tờ nào được đính kèm.</p>}
      {documents.data && documents.data.length > 0 && (
        <div className="table-wrap">
          <table className="list" data-testid="documents">
            <thead><tr><th>Tệp</th><th>Thành phần hồ sơ</th><th>Dung lượng</th><th>Đính kèm lúc</th><th>Tình trạng</th><th /></tr></thead>
            <tbody>
              {documents.data.map((d) => (
                <tr key={`${d.id}-${d.componentCode}`}>
                  <td>{d.fileName}{d.reused && <> <span className="badge">giấy tờ số hóa dùng lại</span></>}</td>
                  <td>{componentName(d.componentCode)}</td>
                  <td>{fileSize(d.size)}</td>
                  <td>{dateTime(d.attachedAt)}</td>
                  <td>{statusTexts[d.status] ?? d.status}</td>
                  <td><button type="button" className="secondary" onClick={() => download(d)}>Tải về</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canAttach && <AttachForm dossier={dossier} onAttached={documents.reload} />}
    </div>
  );
}

function AttachForm({ dossier, onAttached }: { dossier: DossierView; onAttached: () => void }) {
  const components = dossier.procedure.checklist;
  const [componentCode, setComponentCode] = useState(components[0]?.code ?? "");
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, run } = useSubmit();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) return;
    const form = event.currentTarget;
    await run(async () => {
      const stored = await api.uploadDocument(file, file.name);
      await api.attachDocument(stored.id, { documentId: stored.id, dossierId: dossier.id, componentCode });
      form.reset();
      setFile(null);
      onAttached();
    });
  };
  return (
    <form className="inline action-form" onSubmit={submit} data-form="attach-document">
      <label className="grow">
        Thành phần hồ sơ
        <select name="componentCode" value={componentCode} onChange={(e) => setComponentCode(e.target.value)}>
          {components.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
        </select>
        <FieldErrors error={error} path="componentCode" />
      </label>
      <label className="grow">
        Tệp (PDF, ảnh JPG/PNG, Word .docx hoặc XML)
        <input name="documentFile" type="file" accept=".pdf,.jpg,.jpeg,.png,.docx,.xml" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <button type="submit" disabled={busy || !file}>{busy ? "Đang tải lên…" : "Tải lên và đính kèm"}</button>
      <div className="grow"><ProblemAlert error={error} shownFields={["componentCode"]} /></div>
    </form>
  );
}
