import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from "react";

/** A pushState router of the few screens under /admin; deep links work because the host falls back to index.html. */
const base = "/admin";

function current(): string {
  const path = window.location.pathname.startsWith(base) ? window.location.pathname.slice(base.length) : "/";
  return (path || "/") + window.location.search;
}

export function navigate(to: string): void {
  window.history.pushState(null, "", base + to);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

/** The path after /admin, with its query string (e.g. "/ho-so?hang=mine"). */
export function useRoute(): string {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    window.addEventListener("popstate", update);
    return () => window.removeEventListener("popstate", update);
  }, []);
  return route;
}

export function Link({ to, ...props }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={base + to} onClick={onClick} {...props} />;
}
