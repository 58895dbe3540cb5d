import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { CalendarDayKind, CalendarDayView } from "../api/generated";
import { Link, navigate } from "../router";
import { date } from "../ui/format";
import { FieldErrors, ProblemAlert } from "../ui/Problem";
import { useAsync } from "../ui/useAsync";

type DayOffKind = Exclude<CalendarDayKind, "makeUpWorkingDay">;

const kinds: Record<string, string> = {
  Weekend: "Nghỉ cuối tuần", Holiday: "Nghỉ lễ, Tết", Compensatory: "Nghỉ bù", DayOff: "Nghỉ theo quyết định", MakeUpWorkingDay: "Làm bù",
};

/** Lịch làm việc: a year's days off and make-up working days, which every due date is counted on. */
export function CalendarPage({ year }: { year: number }) {
  const { data, error, reload } = useAsync(() => api.getCalendarYear(year), [year]);
  const [actionError, setActionError] = useState<unknown>(null);
  const remove = async (day: CalendarDayView) => {
    const reason = window.prompt(`Lý do bỏ ngày ${date(day.date)} khỏi lịch:`);
    if (!reason) return;
    setActionError(null);
    try {
      await api.withdrawCalendarDeclaration(year, day.date, reason);
      reload();
    } catch (e) {
      setActionError(e);
    }
  };
  const declared = (data?.nonWorkingDays ?? []).filter((d) => d.kind !== "Weekend");
  return (
    <section>
      <p><Link to="/danh-muc">‹ Danh mục</Link></p>
      <h1>Lịch làm việc năm {year}</h1>
      <div className="inline">
        <button type="button" className="secondary" onClick={() => navigate(`/danh-muc/lich/${year - 1}`)}>‹ Năm {year - 1}</button>
        <button type="button" className="secondary" onClick={() => navigate(`/danh-muc/lich/${year + 1}`)}>Năm {year + 1} ›</button>
      </div>
      <ProblemAlert error={error ?? actionError} />
      {data && (
        <div className="columns">
          <div className="card">
            <p>{data.workingDays} ngày làm việc{data.edited ? " · đã điều chỉnh" : ""}</p>
            <h2>Ngày nghỉ (ngoài cuối tuần)</h2>
            <DayTable days={declared} onRemove={remove} />
            <h2>Ngày làm bù</h2>
            <DayTable days={data.makeUpWorkingDays} onRemove={remove} />
          </div>
          <AddDay year={year} onDone={reload} />
        </div>
      )}
    </section>
  );
}

function DayTable({ days, onRemove }: { days: CalendarDayView[]; onRemove: (d: CalendarDayView) => void }) {
  if (days.length === 0) return <p className="muted">Không có.</p>;
  return (
    <table className="list">
      <thead><tr><th>Ngày</th><th>Thứ</th><th>Loại</th><th>Lý do</th><th /></tr></thead>
      <tbody>
        {days.map((d) => (
          <tr key={d.date}>
            <td>{date(d.date)}</td><td>{d.weekday}</td><td>{kinds[d.kind] ?? d.kind}</td>
            <td>{d.reason}{d.legalReason && <div className="muted small">{d.legalReason}</div>}</td>
            <td><button type="button" className="link" onClick={() => onRemove(d)}>Bỏ</button></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AddDay({ year, onDone }: { year: number; onDone: () => void }) {
  const [kind, setKind] = useState<DayOffKind | "makeUp">("dayOff");
  const [day, setDay] = useState("");
  const [name, setName] = useState("");
  const [legal, setLegal] = useState("");
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      if (kind === "makeUp") await api.declareMakeUpWorkingDay(year, { date: day, name, legalReason: legal || undefined });
      else await api.declareDayOff(year, { date: day, kind, name, legalReason: legal || undefined });
      setDay("");
      setName("");
      setLegal("");
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="card stack" onSubmit={submit}>
      <h2>Thêm ngày</h2>
      <label>Loại
        <select value={kind} onChange={(e) => setKind(e.target.value as DayOffKind | "makeUp")}>
          <option value="holiday">Nghỉ lễ, Tết</option>
          <option value="compensatory">Nghỉ bù</option>
          <option value="dayOff">Nghỉ theo quyết định</option>
          <option value="makeUp">Ngày làm bù</option>
        </select>
      </label>
      <label>Ngày<input type="date" value={day} onChange={(e) => setDay(e.target.value)} required /><FieldErrors error={error} path="date" /></label>
      <label>Tên, lý do<input value={name} onChange={(e) => setName(e.target.value)} /><FieldErrors error={error} path="name" /></label>
      <label>Căn cứ (văn bản)<input value={legal} onChange={(e) => setLegal(e.target.value)} /></label>
      <ProblemAlert error={error} shownFields={["date", "name"]} />
      <button type="submit">Thêm vào lịch</button>
    </form>
  );
}
