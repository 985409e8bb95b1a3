import { Link, useLocation } from "@remix-run/react";

export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pagination" aria-label="分页">
      {page > 1 ? <Link className="btn secondary small" to={href(page - 1)}>上一页</Link> : null}
      <span className="muted small">
        第 {page} / {pages} 页，共 {total} 条
      </span>
      {page < pages ? <Link className="btn secondary small" to={href(page + 1)}>下一页</Link> : null}
    </nav>
  );
}
