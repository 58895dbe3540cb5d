import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { AccountView } from "../api/generated";
import { roleNames } from "../menu";
import { dateTime } from "../ui/format";
import { FieldErrors, ProblemAlert } from "../ui/Problem";
import { useAsync } from "../ui/useAsync";
import { AccountPanel, accountState, RolePicker } from "./AccountPanel";
import { useSubmit } from "../ui/useSubmit";

/** Tài khoản: the local accounts of officials, for administrators: list by unit, create, change, disable, unlock. */
export function AccountsPage() {
  const [unit, setUnit] = useState("");
  const [filter, setFilter] = useState("");
  const accounts = useAsync(() => api.listAccounts(filter || undefined), [filter]);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const current = accounts.data?.find((a) => a.userName === selected);
  const choose = (userName: string) => {
    setCreating(false);
    setSelected(userName);
  };

  return (
    <section>
      <h1>Quản lý tài khoản</h1>
      <form className="card inline" onSubmit={(e) => { e.preventDefault(); setFilter(unit.trim()); }}>
        <label className="grow">Đơn vị (để trống: mọi đơn vị)<input name="unitFilter" value={unit} onChange={(e) => setUnit(e.target.value)} placeholder="001.32.00.H51" /></label>
        <button type="submit" className="secondary">Lọc</button>
        <button type="button" onClick={() => { setSelected(null); setCreating(true); }}>Tạo tài khoản</button>
      </form>
      <ProblemAlert error={accounts.error} />
      <div className="columns wide-first">
        <div className="card">
          {accounts.loading && !accounts.data && <p className="muted">Đang tải…</p>}
          {accounts.data && (
            <div className="table-wrap">
              <table className="list" data-testid="accounts">
                <thead><tr><th>Tên đăng nhập</th><th>Họ và tên</th><th>Đơn vị</th><th>Vai trò</th><th>Trạng thái</th><th>Đăng nhập gần nhất</th></tr></thead>
                <tbody>
                  {accounts.data.length === 0 && <tr><td colSpan={6} className="muted">Không có tài khoản nào.</td></tr>}
                  {accounts.data.map((a) => (
                    <tr key={a.userName} data-user={a.userName}>
                      <td><button type="button" className={`link code ${a.userName === selected ? "chosen" : ""}`} onClick={() => choose(a.userName)}>{a.userName}</button></td>
                      <td>{a.displayName}</td>
                      <td>{a.unit}</td>
                      <td>{a.roles.map((r) => roleNames[r] ?? r).join(", ")}</td>
                      <td><span className={`pill ${accountState(a).pill}`}>{accountState(a).text}</span></td>
                      <td>{dateTime(a.lastLoginAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        {creating && <CreateAccount onCreated={(a) => { accounts.reload(); choose(a.userName); }} onCancel={() => setCreating(false)} />}
        {!creating && current && <AccountPanel key={current.userName} account={current} onChanged={accounts.reload} />}
        {!creating && !current && <p className="card muted">Chọn một tài khoản để sửa vai trò, đơn vị, đặt lại mật khẩu, mở khóa hoặc vô hiệu hóa.</p>}
      </div>
    </section>
  );
}

function CreateAccount({ onCreated, onCancel }: { onCreated: (account: AccountView) => void; onCancel: () => void }) {
  const [values, setValues] = useState({ userName: "", displayName: "", unit: "", password: "" });
  const [roles, setRoles] = useState<string[]>([]);
  const { busy, error, run } = useSubmit();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => onCreated(await api.createAccount({ ...values, userName: values.userName.trim(), roles })));
  };
  const field = (name: keyof typeof values, label: string, type = "text", autoComplete = "off") => (
    <label>
      {label}
      <input name={name} type={type} autoComplete={autoComplete} value={values[name]} onChange={(e) => setValues({ ...values, [name]: e.target.value })} />
      <FieldErrors error={error} path={name} />
    </label>
  );
  return (
    <form className="card stack" onSubmit={submit} data-form="create-account">
      <h2>Tạo tài khoản</h2>
      {field("userName", "Tên đăng nhập (chữ không dấu, số, . - _)")}
      {field("displayName", "Họ và tên")}
      {field("unit", "Mã định danh đơn vị, ví dụ 001.32.00.H51")}
      {field("password", "Mật khẩu ban đầu (có cả chữ và số)", "password", "new-password")}
      <RolePicker value={roles} onChange={setRoles} error={error} />
      <ProblemAlert error={error} shownFields={["userName", "displayName", "unit", "password", "roles"]} />
      <div className="actions">
        <button type="submit" disabled={busy}>{busy ? "Đang tạo…" : "Tạo tài khoản"}</button>
        <button type="button" className="secondary" onClick={onCancel}>Hủy</button>
      </div>
    </form>
  );
}
