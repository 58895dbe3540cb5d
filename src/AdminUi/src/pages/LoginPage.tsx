import { useState, type FormEvent } from "react";
import { login } from "../api/auth";
import { ProblemAlert } from "../ui/Problem";
import { useSubmit } from "../ui/useSubmit";

export function LoginPage() {
  const [userName, setUserName] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(() => login(userName.trim(), password));
  };

  return (
    <main className="login">
      <form className="card" onSubmit={submit}>
        <h1>Một cửa điện tử</h1>
        <p className="muted">Đăng nhập dành cho cán bộ, công chức</p>
        <label>
          Tên đăng nhập
          <input name="userName" autoComplete="username" value={userName} onChange={(e) => setUserName(e.target.value)} required autoFocus />
        </label>
        <label>
          Mật khẩu
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <ProblemAlert error={error} />
        <button type="submit" disabled={busy}>{busy ? "Đang đăng nhập…" : "Đăng nhập"}</button>
      </form>
    </main>
  );
}
