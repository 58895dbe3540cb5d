const zone = "Asia/Ho_Chi_Minh";

export function dateTime(value: string | null | undefined): string {
  if (!value) return "—";
  return new Date(value).toLocaleString("vi-VN", { timeZone: zone, hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" });
}

export function date(value: string | null | undefined): string {
  if (!value) return "—";
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+07:00`) : new Date(value);
  return d.toLocaleDateString("vi-VN", { timeZone: zone, day: "2-digit", month: "2-digit", year: "numeric" });
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${value.toLocaleString("vi-VN", { maximumFractionDigits: 1 })}%`;
}

/** Today in Vietnam as yyyy-MM-dd. */
export function today(): string {
  return new Date().toLocaleDateString("sv-SE", { timeZone: zone });
}

/** The ISO week of a yyyy-MM-dd date, e.g. 2026-W10. */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - weekday + 3);
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((d.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file size as officials read it: 820 B, 12,4 KB, 3,1 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, "KB"] : [bytes / (1024 * 1024), "MB"];
  return `${value.toLocaleString("vi-VN", { maximumFractionDigits: 1 })} ${unit}`;
}
