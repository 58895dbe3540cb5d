import { useState } from "react";
import { api } from "../api/client";
import { fieldQrSheetUrl, unitQrSheetUrl } from "../api/publicPages";
import { Link, navigate } from "../router";
import { today } from "../ui/format";
import { Pager } from "../ui/Pager";
import { ProblemAlert } from "../ui/Problem";
import { useAsync } from "../ui/useAsync";
import { ProcedureForm, procedureTemplate } from "./ProcedureForm";

/** Danh mục: fields, units and their QR sheets, procedures by field, publishing a new procedure, the calendar. */
export function CataloguePage({ params }: { params: URLSearchParams }) {
  const field = params.get("linh-vuc") ?? "";
  const page = Number(params.get("trang") || "1");
  const fields = useAsync(() => api.listFields(), []);
  const units = useAsync(() => api.listUnits(), []);
  const procedures = useAsync(() => api.listProcedures(field || undefined, undefined, undefined, page, 20), [field, page]);
  const go = (f: string, p: number) => navigate(`/danh-muc?${new URLSearchParams({ "linh-vuc": f, trang: String(p) })}`);
  const year = today().slice(0, 4);

  return (
    <section>
      <h1>Danh mục thủ tục hành chính</h1>
      <p><Link to={`/danh-muc/lich/${year}`} className="button secondary">Lịch làm việc năm {year}</Link></p>
      <ProblemAlert error={fields.error ?? units.error ?? procedures.error} />
      <div className="columns narrow-first">
        <div className="card">
          <h2>Lĩnh vực</h2>
          <ul className="plain">
            <li><button type="button" className={`link ${field === "" ? "chosen" : ""}`} onClick={() => go("", 1)}>Tất cả lĩnh vực</button></li>
            {fields.data?.map((f) => (
              <li key={f.code}>
                <button type="button" className={`link ${field === f.code ? "chosen" : ""}`} onClick={() => go(f.code, 1)}>{f.name}</button>
                <span className="muted small"> · {f.procedureCount} thủ tục · <a href={fieldQrSheetUrl(f.slug)} target="_blank" rel="noopener">in mã QR</a></span>
              </li>
            ))}
          </ul>
          <h2>Đơn vị</h2>
          <ul className="plain">
            {units.data?.map((u) => (
              <li key={u.code}>{u.name} <span className="muted small">({u.code}) · <a href={unitQrSheetUrl(u.code)} target="_blank" rel="noopener">in bảng mã QR</a></span></li>
            ))}
          </ul>
        </div>
        <div className="card">
          <h2>Thủ tục</h2>
          {procedures.data && (
            <>
              <div className="table-wrap">
                <table className="list">
                  <thead><tr><th>Mã</th><th>Tên thủ tục</th><th>Phiên bản</th><th>Trạng thái</th></tr></thead>
                  <tbody>
                    {procedures.data.items.map((p) => (
                      <tr key={p.code}>
                        <td><Link to={`/danh-muc/thu-tuc/${encodeURIComponent(p.code)}`} className="code">{p.code}</Link></td>
                        <td>{p.name}</td><td>{p.latestVersion}</td><td>{statusText(p.status)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={procedures.data.page} pageSize={procedures.data.pageSize} total={procedures.data.total} onPage={(p) => go(field, p)} />
            </>
          )}
        </div>
      </div>
      <PublishForm fieldCode={field || fields.data?.[0]?.code || ""} />
    </section>
  );
}

export function statusText(status: string): string {
  return ({ inForce: "Đang áp dụng", announced: "Đã công bố, chưa hiệu lực", suspended: "Tạm dừng", repealed: "Đã bãi bỏ", replaced: "Đã thay thế" } as Record<string, string>)[status] ?? status;
}

/** Publishing a new procedure: the form starts from the template in the field chosen on the left. */
function PublishForm({ fieldCode }: { fieldCode: string }) {
  const [open, setOpen] = useState(false);
  if (!open) return <button type="button" onClick={() => setOpen(true)}>Công bố thủ tục mới</button>;
  return (
    <ProcedureForm
      title="Công bố thủ tục mới"
      initial={procedureTemplate(fieldCode)}
      submitLabel="Công bố"
      onSubmit={async (code, content, decision) => {
        await api.publishProcedure({ code, content, decision });
        navigate(`/danh-muc/thu-tuc/${encodeURIComponent(code)}`);
      }}
      onCancel={() => setOpen(false)}
    />
  );
}
