import { useEffect, useRef, useState } from "react";

/**
 * A form the host renders (receipt, process-control slip) fetched with the session's credentials and shown in an
 * iframe, with buttons to print it or open it in a new tab.
 */
export function PrintFrame({ blob, title }: { blob: Blob; title: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [blob]);
  if (!url) return null;
  return (
    <section className="print-frame">
      <div className="toolbar">
        <strong>{title}</strong>
        <button type="button" onClick={() => frame.current?.contentWindow?.print()}>In</button>
        <a className="button secondary" href={url} target="_blank" rel="noopener">Mở trong thẻ mới</a>
      </div>
      <iframe ref={frame} src={url} title={title} />
    </section>
  );
}
