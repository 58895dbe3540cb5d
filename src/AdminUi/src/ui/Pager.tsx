export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label="Phân trang">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>‹ Trước</button>
      <span>Trang {page}/{pages} · {total} hồ sơ</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>Sau ›</button>
    </nav>
  );
}
