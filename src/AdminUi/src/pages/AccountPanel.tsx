import { useEffect, useRef, useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { AccountView } from "../api/generated";
import { roleNames } from "../menu";
import { dateTime } from "../ui/format";
import { FieldErrors, ProblemAlert } from "../ui/Problem";

/** Whether the account can sign in now: disabled by an administrator, locked after failed logins, or active. */
export function accountState(account: AccountView): { text: string; pill: string } {
  if (account.disabled) return { text: "Đã vô hiệu hóa", pill: "late" };
  if (account.lockedUntil && Date.parse(account.lockedUntil) > Date.now()) return { text: `Tạm khóa đến ${dateTime(account.lockedUntil)}`, pill: "paused" };
  return { text: "Đang hoạt động", pill: "onTime" };
}

/** The roles to tick; the host refuses an empty list or an unknown role (errors under `roles`, `roles[i]`). */
export function RolePicker({ value, onChange, error }: { value: string[]; onChange: (roles: string[]) => void; error: unknown }) {
  const toggle = (role: string, on: boolean) => onChange(on ? [...value, role] : value.filter((r) => r !== role));
  return (
    <fieldset className="grid" data-field-group="roles">
      <legend>Vai trò</legend>
      {Object.entries(roleNames).map(([role, name]) => (
        <label key={role} className="check">
          <input type="checkbox" name="roles" value={role} checked={value.includes(role)} onChange={(e) => toggle(role, e.target.checked)} /> {name}
        </label>
      ))}
      <FieldErrors error={error} path="roles" />
    </fieldset>
  );
}

/** One account: change its name, unit and roles; disable or enable it; set a new password; unlock it. */
export function AccountPanel({ account, onChanged }: { account: AccountView; onChanged: () => void }) {
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const panel = useRef<HTMLDivElement>(null);
  // On a tablet the panel is under the list: bring it into view when an account is chosen.
  useEffect(() => {
    panel.current?.scrollIntoView({ block: "nearest" });
  }, []);
  const act = async (change: () => Promise<unknown>, message: string) => {
    setError(null);
    setDone(null);
    try {
      await change();
      setDone(message);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const unchanged = { displayName: undefined, unit: undefined, roles: undefined, disabled: undefined };
  const toggleDisabled = () => {
    if (!account.disabled && !window.confirm(`Vô hiệu hóa tài khoản ${account.userName}? Người dùng sẽ không đăng nhập được nữa.`)) return;
    act(() => api.updateAccount(account.userName, { ...unchanged, disabled: !account.disabled }),
      account.disabled ? "Đã kích hoạt lại tài khoản." : "Đã vô hiệu hóa tài khoản.");
  };
  const state = accountState(account);
  const locked = state.pill === "paused";
  return (
    <div className="card stack" data-testid="account-panel" ref={panel}>
      <h2>{account.displayName} <span className="code muted">({account.userName})</span></h2>
      <p><span className={`pill ${state.pill}`}>{state.text}</span> · Đăng nhập gần nhất: {dateTime(account.lastLoginAt)}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={toggleDisabled}>{account.disabled ? "Kích hoạt lại" : "Vô hiệu hóa"}</button>
        {locked && <button type="button" className="secondary" onClick={() => act(() => api.unlockAccount(account.userName), "Đã mở khóa tài khoản.")}>Mở khóa</button>}
      </div>
      {done && <div className="alert success" role="status">{done}</div>}
      <ProblemAlert error={error} />
      <EditAccount account={account} onSaved={(message) => { setDone(message); onChanged(); }} />
      <SetPassword userName={account.userName} onSet={(message) => setDone(message)} />
    </div>
  );
}

function EditAccount({ account, onSaved }: { account: AccountView; onSaved: (message: string) => void }) {
  const [displayName, setDisplayName] = useState(account.displayName);
  const [unit, setUnit] = useState(account.unit);
  const [roles, setRoles] = useState<string[]>(account.roles);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api.updateAccount(account.userName, { displayName, unit, roles, disabled: undefined });
      onSaved("Đã lưu thay đổi.");
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="stack action-form" onSubmit={submit} data-form="edit-account">
      <h3>Thông tin và vai trò</h3>
      <label>Họ và tên<input name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} /><FieldErrors error={error} path="displayName" /></label>
      <label>Mã định danh đơn vị<input name="unit" value={unit} onChange={(e) => setUnit(e.target.value)} /><FieldErrors error={error} path="unit" /></label>
      <RolePicker value={roles} onChange={setRoles} error={error} />
      <ProblemAlert error={error} shownFields={["displayName", "unit", "roles"]} />
      <button type="submit">Lưu thay đổi</button>
    </form>
  );
}

function SetPassword({ userName, onSet }: { userName: string; onSet: (message: string) => void }) {
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api.setAccountPassword(userName, { password });
      setPassword("");
      onSet("Đã đặt mật khẩu mới. Báo mật khẩu cho người dùng qua kênh an toàn và đề nghị họ đổi sau khi đăng nhập.");
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="stack action-form" onSubmit={submit} data-form="set-password">
      <h3>Đặt lại mật khẩu</h3>
      <label>Mật khẩu mới<input name="newPassword" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} /><FieldErrors error={error} path="password" /></label>
      <ProblemAlert error={error} shownFields={["password"]} />
      <button type="submit" className="secondary">Đặt mật khẩu</button>
    </form>
  );
}
