// Public, printable pages of the host (not part of the REST API): opened in a new tab, no credentials needed.

/** The notice-board sheet of QR codes of a unit or a field. */
export const unitQrSheetUrl = (unitCode: string) => `/in/don-vi/${encodeURIComponent(unitCode)}/qr`;
export const fieldQrSheetUrl = (slug: string) => `/in/linh-vuc/${encodeURIComponent(slug)}/qr`;
export const procedureQrUrl = (code: string) => `/qr/thu-tuc/${encodeURIComponent(code)}.svg`;
