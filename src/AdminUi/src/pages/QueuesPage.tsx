import { api } from "../api/client";
import type { DossierQueue } from "../api/types";
import { Link, navigate } from "../router";
import { dateTime } from "../ui/format";
import { Pager } from "../ui/Pager";
import { ProblemAlert } from "../ui/Problem";
import { useAsync } from "../ui/useAsync";

const queues: { key: DossierQueue; label: string }[] = [
  { key: "mine", label: "Hồ sơ của tôi" },
  { key: "dueSoon", label: "Sắp đến hạn" },
  { key: "overdue", label: "Quá hạn" },
  { key: "open", label: "Đang giải quyết" },
  { key: "all", label: "Tất cả" },
];

/** Xử lý: the unit's work queues, most urgent first, twenty a page. */
export function QueuesPage({ params }: { params: URLSearchParams }) {
  const queue = (params.get("hang") as DossierQueue) || "mine";
  const page = Number(params.get("trang") || "1");
  const q = params.get("q") ?? "";
  const { data, error, loading } = useAsync(() => api.listDossiers(undefined, queue, undefined, undefined, undefined, q || undefined, page, 20), [queue, page, q]);
  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams({ hang: queue, trang: String(page), q, ...changes });
    if (!next.get("q")) next.delete("q");
    navigate(`/ho-so?${next}`);
  };

  return (
    <section>
      <h1>Xử lý hồ sơ</h1>
      <div className="tabs" role="tablist">
        {queues.map((item) => (
          <button key={item.key} type="button" role="tab" aria-selected={item.key === queue} className={item.key === queue ? "active" : ""}
            onClick={() => go({ hang: item.key, trang: "1" })}>
            {item.label}
          </button>
        ))}
      </div>
      <form className="inline" onSubmit={(e) => { e.preventDefault(); go({ q: new FormData(e.currentTarget).get("q") as string, trang: "1" }); }}>
        <input name="q" defaultValue={q} placeholder="Mã hồ sơ hoặc tên người nộp" className="grow" />
        <button type="submit" className="secondary">Lọc</button>
      </form>
      <ProblemAlert error={error} />
      {loading && !data && <p className="muted">Đang tải…</p>}
      {data && (
        <>
          <div className="table-wrap">
            <table className="list">
              <thead>
                <tr><th>Mã hồ sơ</th><th>Thủ tục</th><th>Người nộp</th><th>Trạng thái</th><th>Bước, người xử lý</th><th>Hạn</th><th>Tiến độ</th></tr>
              </thead>
              <tbody>
                {data.items.length === 0 && <tr><td colSpan={7} className="muted">Không có hồ sơ nào.</td></tr>}
                {data.items.map((d) => (
                  <tr key={d.id} className={`timeliness-${d.timeliness}`}>
                    <td><Link to={`/ho-so/${d.id}`} className="code">{d.code}</Link></td>
                    <td>{d.procedureName}</td>
                    <td>{d.applicantName}</td>
                    <td>{d.statusText}</td>
                    <td>{d.stepName ?? "—"}{d.assignee && <div className="muted small">{d.assignee}</div>}</td>
                    <td>{dateTime(d.stepDueAt ?? d.dueAt)}</td>
                    <td><span className={`pill ${d.timeliness}`}>{d.timelinessText}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => go({ trang: String(p) })} />
        </>
      )}
    </section>
  );
}
