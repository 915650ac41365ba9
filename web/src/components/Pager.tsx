import type { Pagination } from "../api/client";

/** Previous/next paging with the position; page numbers are 1-based as in the API. */
export function Pager({ pagination, onPage, label }: { pagination: Pagination; onPage: (page: number) => void; label: string }) {
  const { page, totalPage, total } = pagination;
  if (total === 0) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ← Previous
      </button>
      <span>
        Page {Math.min(page, Math.max(totalPage, 1))} of {Math.max(totalPage, 1)} · {total} result{total === 1 ? "" : "s"}
      </span>
      <button type="button" disabled={page >= totalPage} onClick={() => onPage(page + 1)}>
        Next →
      </button>
    </nav>
  );
}
