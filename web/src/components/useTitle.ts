import { useEffect } from "react";

/** Names the browser tab (and the history entry) after the page, which also tells screen-reader users where they are. */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Mastro`;
  }, [title]);
}
