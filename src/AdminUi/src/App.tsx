import { useEffect, useState } from "react";
import { logout, refreshUser } from "./api/auth";
import { currentSession, onSessionChange, type Session } from "./api/session";
import { can, menu, roleNames } from "./menu";
import { AccountsPage } from "./pages/AccountsPage";
import { AuditPage } from "./pages/AuditPage";
import { CalendarPage } from "./pages/CalendarPage";
import { CataloguePage } from "./pages/CataloguePage";
import { DeskPage } from "./pages/DeskPage";
import { DossierPage } from "./pages/DossierPage";
import { LoginPage } from "./pages/LoginPage";
import { ProcedurePage } from "./pages/ProcedurePage";
import { QueuesPage } from "./pages/QueuesPage";
import { StatisticsPage } from "./pages/StatisticsPage";
import { Link, navigate, useRoute } from "./router";

export function App() {
  const [session, setSession] = useState<Session | null>(currentSession);
  useEffect(() => onSessionChange(setSession), []);
  // A session kept from before a reload: check the token still holds and pick up changed roles (a 401 logs out).
  useEffect(() => {
    if (currentSession()) refreshUser().catch(() => undefined);
  }, []);
  if (!session) return <LoginPage />;
  return <Shell session={session} />;
}

function Shell({ session }: { session: Session }) {
  const route = useRoute();
  const [path, search] = route.split("?");
  const params = new URLSearchParams(search ?? "");
  const { user } = session;
  const entries = menu.filter((m) => can(user.roles, m));
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    if (path === "/" && entries.length > 0) navigate(entries[0].path);
    setMenuOpen(false);
  }, [path]);

  return (
    <div className="shell">
      <header className="topbar">
        <button type="button" className="menu-toggle" aria-label="Mở menu" onClick={() => setMenuOpen(!menuOpen)}>☰</button>
        <span className="brand">Một cửa điện tử</span>
        <span className="user" data-testid="current-user">
          <strong>{user.displayName}</strong> · {user.roles.map((r) => roleNames[r] ?? r).join(", ")}
          {user.unit && <> · Đơn vị {user.unit}</>}
        </span>
        <button type="button" className="secondary" onClick={logout}>Đăng xuất</button>
      </header>
      <nav className={`sidebar ${menuOpen ? "open" : ""}`} aria-label="Chức năng">
        {entries.map((entry) => (
          <Link key={entry.path} to={entry.path} className={path.startsWith(entry.path) ? "active" : ""}>{entry.label}</Link>
        ))}
      </nav>
      <main className="content">{page(path, params, session)}</main>
    </div>
  );
}

function page(path: string, params: URLSearchParams, session: Session) {
  const match = (pattern: RegExp) => pattern.exec(path);
  let m: RegExpExecArray | null;
  if (path === "/tiep-nhan") return <DeskPage />;
  if ((m = match(/^\/ho-so\/([0-9a-f-]{36})$/))) return <DossierPage id={m[1]} session={session} />;
  if (path === "/ho-so") return <QueuesPage params={params} />;
  if (path === "/thong-ke") return <StatisticsPage session={session} />;
  if ((m = match(/^\/kiem-tra(?:\/(.+))?$/))) return <AuditPage code={m[1] ? decodeURIComponent(m[1]) : undefined} />;
  if ((m = match(/^\/danh-muc\/thu-tuc\/(.+)$/))) return <ProcedurePage code={decodeURIComponent(m[1])} session={session} />;
  if ((m = match(/^\/danh-muc\/lich\/(\d{4})$/))) return <CalendarPage year={Number(m[1])} />;
  if (path === "/danh-muc") return <CataloguePage params={params} />;
  if (path === "/tai-khoan") return <AccountsPage />;
  if (path === "/") return null;
  return (
    <section>
      <h1>Không tìm thấy trang</h1>
      <p>Địa chỉ này không có trong hệ thống. <Link to="/">Về trang đầu</Link></p>
    </section>
  );
}
