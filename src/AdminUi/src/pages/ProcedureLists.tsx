import type { ComponentSpec, Fee } from "../api/generated";
import { FieldErrors, hasFieldError } from "../ui/Problem";

const move = <T,>(list: T[], from: number, to: number): T[] => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
};

const replace = <T,>(list: T[], index: number, item: T): T[] => list.map((x, i) => (i === index ? item : x));

/** Blank text leaves the optional field out of the body rather than sending an empty string. */
export const optional = (text: string): string | undefined => (text.trim() === "" ? undefined : text);

/** An ordered list of sentences (the steps, the legal basis): edit, add, remove, move up or down. */
export function TextListEditor({ name, path, items, onChange, itemLabel, addLabel, error }: {
  name: string; path: string; items: string[]; onChange: (items: string[]) => void; itemLabel: string; addLabel: string; error: unknown;
}) {
  return (
    <div className="list-editor" data-list={name}>
      <ol>
        {items.map((item, i) => (
          <li key={i} className={hasFieldError(error, `${path}[${i}]`) ? "invalid" : ""}>
            <input name={`${name}[${i}]`} aria-label={`${itemLabel} ${i + 1}`} value={item} onChange={(e) => onChange(replace(items, i, e.target.value))} />
            <span className="row-buttons">
              <button type="button" className="secondary icon" title="Chuyển lên" aria-label={`Chuyển mục ${i + 1} lên`} disabled={i === 0} onClick={() => onChange(move(items, i, i - 1))}>↑</button>
              <button type="button" className="secondary icon" title="Chuyển xuống" aria-label={`Chuyển mục ${i + 1} xuống`} disabled={i === items.length - 1} onClick={() => onChange(move(items, i, i + 1))}>↓</button>
              <button type="button" className="secondary icon" title="Xóa" aria-label={`Xóa mục ${i + 1}`} onClick={() => onChange(items.filter((_, j) => j !== i))}>✕</button>
            </span>
            <FieldErrors error={error} path={`${path}[${i}]`} />
          </li>
        ))}
      </ol>
      <FieldErrors error={error} path={path} />
      <button type="button" className="secondary" onClick={() => onChange([...items, ""])}>{addLabel}</button>
    </div>
  );
}

const emptyComponent = (): ComponentSpec => ({ code: "", name: "", originals: 1, copies: 0, required: true });

/** The components of the dossier (thành phần hồ sơ), one row each; form name and URL are kept as they were. */
export function ComponentsEditor({ items, onChange, error }: { items: ComponentSpec[]; onChange: (items: ComponentSpec[]) => void; error: unknown }) {
  const update = (i: number, change: Partial<ComponentSpec>) => onChange(replace(items, i, { ...items[i], ...change }));
  const cell = (i: number, key: string) => `content.components[${i}].${key}`;
  const invalid = (i: number, key: string) => (hasFieldError(error, cell(i, key)) ? "invalid" : undefined);
  return (
    <div data-list="components">
      <table className="rows-editor">
        <thead><tr><th>Mã</th><th>Tên thành phần</th><th>Bản chính</th><th>Bản sao</th><th>Bắt buộc</th><th>Điều kiện (nếu có)</th><th /></tr></thead>
        <tbody>
          {items.map((c, i) => (
            <tr key={i} data-row={i}>
              <td data-label="Mã" className={invalid(i, "code")}>
                <input name={`components[${i}].code`} className="short" aria-label={`Mã thành phần ${i + 1}`} value={c.code} onChange={(e) => update(i, { code: e.target.value })} />
                <FieldErrors error={error} path={cell(i, "code")} />
              </td>
              <td data-label="Tên thành phần" className={invalid(i, "name")}>
                <input name={`components[${i}].name`} aria-label={`Tên thành phần ${i + 1}`} value={c.name} onChange={(e) => update(i, { name: e.target.value })} />
                <FieldErrors error={error} path={cell(i, "name")} />
                <FieldErrors error={error} path={`content.components[${i}]`} />
              </td>
              <td data-label="Bản chính" className={invalid(i, "originals")}>
                <input type="number" min={0} className="narrow" name={`components[${i}].originals`} aria-label={`Số bản chính ${i + 1}`} value={c.originals} onChange={(e) => update(i, { originals: Number(e.target.value) })} />
                <FieldErrors error={error} path={cell(i, "originals")} />
              </td>
              <td data-label="Bản sao" className={invalid(i, "copies")}>
                <input type="number" min={0} className="narrow" name={`components[${i}].copies`} aria-label={`Số bản sao ${i + 1}`} value={c.copies} onChange={(e) => update(i, { copies: Number(e.target.value) })} />
                <FieldErrors error={error} path={cell(i, "copies")} />
              </td>
              <td data-label="Bắt buộc">
                <input type="checkbox" name={`components[${i}].required`} aria-label={`Bắt buộc ${i + 1}`} checked={c.required} onChange={(e) => update(i, { required: e.target.checked })} />
              </td>
              <td data-label="Điều kiện (nếu có)">
                <input name={`components[${i}].condition`} aria-label={`Điều kiện ${i + 1}`} value={c.condition ?? ""} onChange={(e) => update(i, { condition: optional(e.target.value) })} />
              </td>
              <td>
                <button type="button" className="secondary icon" title="Xóa thành phần" aria-label={`Xóa thành phần ${i + 1}`} onClick={() => onChange(items.filter((_, j) => j !== i))}>✕</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FieldErrors error={error} path="content.components" />
      <button type="button" className="secondary" onClick={() => onChange([...items, emptyComponent()])}>Thêm thành phần hồ sơ</button>
    </div>
  );
}

const vnd = (amount: number) => `${amount.toLocaleString("vi-VN")} đồng`;

/** Fees and charges (phí, lệ phí) in VND; an exemption already written is kept. */
export function FeesEditor({ items, onChange, error }: { items: Fee[]; onChange: (items: Fee[]) => void; error: unknown }) {
  const update = (i: number, change: Partial<Fee>) => onChange(replace(items, i, { ...items[i], ...change }));
  const cell = (i: number, key: string) => `content.fees[${i}].${key}`;
  const invalid = (i: number, key: string) => (hasFieldError(error, cell(i, key)) ? "invalid" : undefined);
  return (
    <div data-list="fees">
      {items.length === 0 ? <p className="muted small">Không thu phí, lệ phí.</p> : (
        <table className="rows-editor fees">
          <thead><tr><th>Tên khoản phí, lệ phí</th><th>Mức thu (đồng)</th><th /></tr></thead>
          <tbody>
            {items.map((f, i) => (
              <tr key={i} data-row={i}>
                <td data-label="Tên khoản phí, lệ phí" className={invalid(i, "name")}>
                  <input name={`fees[${i}].name`} aria-label={`Tên khoản phí ${i + 1}`} value={f.name} onChange={(e) => update(i, { name: e.target.value })} />
                  <FieldErrors error={error} path={cell(i, "name")} />
                  <FieldErrors error={error} path={`content.fees[${i}]`} />
                </td>
                <td data-label="Mức thu (đồng)" className={invalid(i, "amount")}>
                  <input type="number" min={0} step={1000} className="amount" name={`fees[${i}].amount`} aria-label={`Mức thu ${i + 1}`} value={f.amount} onChange={(e) => update(i, { amount: Number(e.target.value) })} />
                  <div className="muted small">{vnd(f.amount)}</div>
                  <FieldErrors error={error} path={cell(i, "amount")} />
                </td>
                <td>
                  <button type="button" className="secondary icon" title="Xóa khoản phí" aria-label={`Xóa khoản phí ${i + 1}`} onClick={() => onChange(items.filter((_, j) => j !== i))}>✕</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FieldErrors error={error} path="content.fees" />
      <button type="button" className="secondary" onClick={() => onChange([...items, { name: "", amount: 0 }])}>Thêm khoản phí, lệ phí</button>
    </div>
  );
}
