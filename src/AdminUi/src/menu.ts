import type { Role } from "./api/types";

export interface MenuEntry {
  path: string;
  label: string;
  roles: Role[];
}

/** The screens and who can use them (the host checks again: these only hide what would answer 403). */
export const menu: MenuEntry[] = [
  { path: "/tiep-nhan", label: "Tiếp nhận", roles: ["desk_officer"] },
  { path: "/ho-so", label: "Xử lý hồ sơ", roles: ["desk_officer", "specialist", "leader"] },
  { path: "/thong-ke", label: "Thống kê", roles: ["statistics_viewer", "leader"] },
  { path: "/kiem-tra", label: "Kiểm tra lịch sử", roles: ["auditor"] },
  { path: "/danh-muc", label: "Danh mục", roles: ["catalogue_controller"] },
  { path: "/tai-khoan", label: "Tài khoản", roles: ["administrator"] },
];

export const roleNames: Record<string, string> = {
  desk_officer: "Cán bộ một cửa",
  specialist: "Chuyên viên",
  leader: "Lãnh đạo",
  catalogue_controller: "Cán bộ kiểm soát TTHC",
  statistics_viewer: "Cán bộ thống kê",
  auditor: "Kiểm toán, thanh tra",
  administrator: "Quản trị hệ thống",
};

export function can(roles: string[], entry: MenuEntry): boolean {
  return roles.includes("administrator") || entry.roles.some((r) => roles.includes(r));
}

export function hasRole(roles: string[], ...wanted: Role[]): boolean {
  return roles.includes("administrator") || wanted.some((r) => roles.includes(r));
}
