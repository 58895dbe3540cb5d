import { useState } from "react";
import type { Session } from "../api/session";
import { api, getStatisticsSummary } from "../api/client";
import type { StatisticsScope } from "../api/types";
import type { DossierStatistics } from "../api/generated";
import { Columns, RateBars, RateGauge } from "../charts/Charts";
import { isoWeek, percent, saveBlob, today } from "../ui/format";
import { ProblemAlert } from "../ui/Problem";
import { useAsync } from "../ui/useAsync";

/** Thống kê: the unit's rates, its intake per procedure and per month, on time per child unit, the weekly ranking. */
export function StatisticsPage({ session }: { session: Session }) {
  const year = today().slice(0, 4);
  const [scope, setScope] = useState<StatisticsScope>({ unit: session.user.unit ?? "", from: `${year}-01-01`, to: today(), children: true, field: "" });
  const [week, setWeek] = useState(isoWeek(today()));
  const [exportError, setExportError] = useState<unknown>(null);
  const key = JSON.stringify(scope);
  const report = useAsync(async () => {
    const [summary, intake, periods, units] = await Promise.all([
      getStatisticsSummary(scope),
      api.getIntakeReport(...reportArgs(scope)),
      api.getPeriodReport(scope.unit || undefined, scope.from || undefined, scope.to || undefined, "month", scope.children, scope.field || undefined),
      api.listUnits(),
    ]);
    const names = new Map(units.map((u) => [u.code, u.name]));
    const perUnit = await Promise.all(
      summary.units.map(async (unit) => ({ unit: names.get(unit) ?? unit, summary: await getStatisticsSummary({ ...scope, unit, children: false }) })),
    );
    return { summary, intake, periods: periods.lines, perUnit };
  }, [key]);
  const fields = useAsync(() => api.listFields(), []);
  const ranking = useAsync(() => api.getUnitRanking(scope.unit || undefined, week || undefined), [scope.unit, week]);

  const download = async (format: "csv" | "xlsx") => {
    setExportError(null);
    try {
      const file = await (format === "csv" ? api.exportIntakeReportCsv(...reportArgs(scope)) : api.exportIntakeReportXlsx(...reportArgs(scope)));
      saveBlob(file.data, `tiep-nhan-${scope.unit}-${scope.from}-${scope.to}.${format}`);
    } catch (e) {
      setExportError(e);
    }
  };

  const s = report.data?.summary;
  return (
    <section>
      <h1>Thống kê</h1>
      <form className="card inline" onSubmit={(e) => e.preventDefault()}>
        <label>Đơn vị<input value={scope.unit} onChange={(e) => setScope({ ...scope, unit: e.target.value })} /></label>
        <label>Từ ngày<input type="date" value={scope.from} onChange={(e) => setScope({ ...scope, from: e.target.value })} /></label>
        <label>Đến ngày<input type="date" value={scope.to} onChange={(e) => setScope({ ...scope, to: e.target.value })} /></label>
        <label>Lĩnh vực
          <select name="field" value={scope.field} onChange={(e) => setScope({ ...scope, field: e.target.value })}>
            <option value="">Tất cả lĩnh vực</option>
            {(fields.data ?? []).map((f) => <option key={f.code} value={f.code}>{f.name}</option>)}
          </select>
        </label>
        <label className="check"><input type="checkbox" checked={scope.children} onChange={(e) => setScope({ ...scope, children: e.target.checked })} /> Gồm đơn vị trực thuộc</label>
        <button type="button" className="secondary" onClick={() => download("csv")}>Xuất CSV</button>
        <button type="button" className="secondary" onClick={() => download("xlsx")}>Xuất Excel</button>
      </form>
      <ProblemAlert error={report.error ?? exportError} />
      {s && report.data && (
        <>
          <div className="card gauges" data-testid="summary">
            <RateGauge label="Tỷ lệ hồ sơ trực tuyến" value={s.onlineRate ?? null} detail={`${s.online}/${s.received} hồ sơ`} />
            <RateGauge label="Tỷ lệ giải quyết đúng hạn" value={s.onTimeRate ?? null} detail={`${s.resolvedOnTime} đúng hạn, ${s.resolvedLate} trễ hạn`} />
            <dl className="figures">
              <dt>Đã tiếp nhận</dt><dd data-testid="received">{s.received}</dd>
              <dt>Đang giải quyết</dt><dd>{s.inProgress}</dd>
              <dt>Đang quá hạn</dt><dd>{s.overdueNow}</dd>
              <dt>Từ chối tiếp nhận</dt><dd>{s.refused}</dd>
            </dl>
          </div>
          <ServiceIndexCard summary={s} />
          <div className="card">
            <Columns title="Hồ sơ tiếp nhận theo tháng" totalLabel="tổng số" partLabel="trực tuyến"
              columns={report.data.periods.map((p) => ({ label: p.period, total: p.received, part: p.online }))} />
          </div>
          <div className="card">
            <RateBars title="Tỷ lệ giải quyết đúng hạn theo đơn vị"
              bars={report.data.perUnit.filter((u) => u.summary.received > 0).map((u) => ({ label: u.unit, value: u.summary.onTimeRate ?? null, note: `${u.summary.received} hồ sơ` }))} />
          </div>
          <div className="card">
            <RateBars title="Tỷ lệ trực tuyến theo thủ tục"
              bars={report.data.intake.procedures.map((p) => ({ label: p.procedureName, value: p.onlineRate, note: `${p.total} hồ sơ` }))} />
            <div className="table-wrap">
              <table className="list">
                <thead><tr><th>Thủ tục</th><th>Trực tuyến</th><th>Trực tiếp, bưu chính</th><th>Tổng</th><th>Tỷ lệ trực tuyến</th><th>Đúng hạn</th><th>Trễ hạn</th><th>Tỷ lệ đúng hạn</th></tr></thead>
                <tbody>
                  {[...report.data.intake.procedures, report.data.intake.totals].map((p) => (
                    <tr key={p.procedureCode || "total"}>
                      <td>{p.procedureName}</td><td>{p.online}</td><td>{p.direct}</td><td>{p.total}</td><td>{percent(p.onlineRate)}</td>
                      <td>{p.resolvedOnTime}</td><td>{p.resolvedLate}</td><td>{percent(p.onTimeRate ?? null)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <div className="card" data-testid="on-time-per-procedure">
            <RateBars title="Tỷ lệ giải quyết đúng hạn theo thủ tục"
              bars={report.data.intake.procedures.filter((p) => p.resolvedOnTime + p.resolvedLate > 0)
                .map((p) => ({ label: p.procedureName, value: p.onTimeRate ?? null, note: `${p.resolvedOnTime}/${p.resolvedOnTime + p.resolvedLate} đúng hạn` }))} />
          </div>
        </>
      )}
      <div className="card">
        <div className="inline">
          <h2 className="grow">Xếp hạng tuần theo tỷ lệ trực tuyến</h2>
          <label>Tuần<input value={week} onChange={(e) => setWeek(e.target.value)} placeholder="2026-W10" className="narrow-wide" /></label>
        </div>
        <ProblemAlert error={ranking.error} />
        {ranking.data && (
          <>
            <RateBars title={`Tuần ${ranking.data.week}`} bars={ranking.data.units.map((u) => ({ label: `${u.rank}. ${u.unitName}`, value: u.onlineRate ?? null, note: `${u.online}/${u.received}` }))} />
            <div className="table-wrap">
              <table className="list" data-testid="ranking">
                <thead><tr><th>Hạng</th><th>Đơn vị</th><th>Tiếp nhận</th><th>Trực tuyến</th><th>Tỷ lệ</th></tr></thead>
                <tbody>
                  {ranking.data.units.map((u) => (
                    <tr key={u.unit}><td>{u.rank}</td><td>{u.unitName}</td><td>{u.received}</td><td>{u.online}</td><td>{percent(u.onlineRate)}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
    </section>
  );
}

/** The Decision 766/QĐ-TTg groups as the platform estimates them, with the indicators they rest on. */
function ServiceIndexCard({ summary }: { summary: DossierStatistics }) {
  const i = summary.indicators;
  const points = (value: number | null | undefined) => (value === null || value === undefined ? "—" : value.toLocaleString("vi-VN", { maximumFractionDigits: 2 }));
  return (
    <div className="card" data-testid="service-index">
      <h2>Chỉ số phục vụ người dân, doanh nghiệp (ước tính theo Quyết định 766/QĐ-TTg)</h2>
      <dl className="figures">
        <dt>Số hóa thành phần hồ sơ</dt><dd>{percent(i.componentDigitisationRate)} ({i.componentsDigitised}/{i.components})</dd>
        <dt>Số hóa kết quả giải quyết</dt><dd>{percent(i.resultDigitisationRate)} ({i.resultsDigitised}/{i.resolved})</dd>
        <dt>Tái sử dụng giấy tờ đã số hóa</dt><dd>{percent(i.reuseRate)}</dd>
        <dt>Thanh toán trực tuyến</dt><dd>{percent(i.onlinePaymentRate)} ({i.paymentsOnline}/{i.payments})</dd>
        <dt>Trả kết quả điện tử</dt><dd>{percent(i.electronicResultRate)} ({i.returnedElectronically}/{i.returned})</dd>
        <dt>Hài lòng</dt><dd>{percent(i.satisfactionRate)} ({i.satisfied}/{i.rated})</dd>
      </dl>
      <div className="table-wrap">
        <table className="list">
          <thead><tr><th>Nhóm chỉ số</th><th>Điểm tối đa</th><th>Điểm ước tính</th><th>Cách tính</th></tr></thead>
          <tbody>
            {summary.index.groups.map((g) => (
              <tr key={g.code}><td>{g.name}</td><td>{g.maxPoints}</td><td>{points(g.points)}</td><td>{g.basis}</td></tr>
            ))}
            <tr><td>Tổng các nhóm ước tính được</td><td>{summary.index.measuredMaxPoints}</td><td data-testid="index-points">{points(summary.index.points)}</td><td /></tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The unit, from, to and children parameters of the reports; blanks are left out. */
const reportArgs = (s: StatisticsScope) => [s.unit || undefined, s.from || undefined, s.to || undefined, s.children, s.field || undefined] as const;
