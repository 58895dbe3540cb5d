// The admin UI's main path in a real browser: log in, receive a dossier at the desk, print its receipt and attach a
// document, process it to the end (assign, propose, approve, result ready, return), then find it in the statistics
// and in the audit timeline with an intact hash chain; an administrator creates an account and disables it; last, a
// catalogue controller amends a procedure through its form. Debian's chromium, never a downloaded browser. Prints "STEP <name> ok" per
// step, "SCREENSHOT <path>" per screenshot and "PASS" at the end; exits 1 with "FAIL <step>: <reason>" otherwise.
//
//   node admin-path.mjs --base http://127.0.0.1:5080 --artifacts ../../artifacts/e2e [--chromium /usr/bin/chromium]
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const { values: args } = parseArgs({
  options: {
    base: { type: "string", default: "http://127.0.0.1:5080" },
    artifacts: { type: "string", default: "../../artifacts/e2e" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
    password: { type: "string", default: "Motcua@2026" },
  },
});
const base = args.base.replace(/\/$/, "");
const artifacts = resolve(args.artifacts);
mkdirSync(artifacts, { recursive: true });

const desktop = { width: 1366, height: 768 };
const tablet = { width: 820, height: 1180 };
let shot = 0;
let current = "start";

const browser = await chromium.launch({ executablePath: args.chromium, args: ["--no-sandbox", "--disable-dev-shm-usage", "--lang=vi-VN"] });
const context = await browser.newContext({ viewport: desktop, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
const page = await context.newPage();
page.setDefaultTimeout(15_000);
const consoleErrors = [];
page.on("pageerror", (error) => consoleErrors.push(String(error)));

async function step(name, action) {
  current = name;
  await action();
  console.log(`STEP ${name} ok`);
}

async function screenshot(name, target = page) {
  shot += 1;
  const path = join(artifacts, `${String(shot).padStart(2, "0")}-${name}.png`);
  await target.screenshot({ path, fullPage: true });
  console.log(`SCREENSHOT ${path}`);
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function login(userName, password = args.password) {
  await page.goto(`${base}/admin/`);
  const logout = page.getByRole("button", { name: "Đăng xuất" });
  if (await logout.isVisible()) await logout.click();
  await page.locator("input[name=userName]").fill(userName);
  await page.locator("input[name=password]").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByTestId("current-user").waitFor();
}

async function openDossier(id) {
  await page.goto(`${base}/admin/ho-so/${id}`);
  await page.getByTestId("dossier-status").waitFor();
}

/** Opens an action on the dossier page, fills its form, confirms, and waits for the new state. */
async function act(action, fields, expectedStatus) {
  await page.locator(`button[data-action="${action}"]`).click();
  const form = page.locator(`form[data-form="${action}"]`);
  for (const [name, value] of Object.entries(fields)) {
    const input = form.locator(`[name="${name}"]`);
    if ((await input.evaluate((e) => e.tagName)) === "SELECT") await input.selectOption(value);
    else await input.fill(value);
  }
  await form.getByRole("button", { name: "Xác nhận" }).click();
  await page.getByTestId("dossier-status").filter({ hasText: expectedStatus }).waitFor();
}

let code = "";
let id = "";

try {
  await step("login", async () => {
    await page.goto(`${base}/admin/`);
    await page.locator("input[name=userName]").fill("tiepnhan");
    await page.locator("input[name=password]").fill("sai-mat-khau");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("alert").waitFor();
    await screenshot("login-wrong-password");
    await login("tiepnhan");
    const menu = await page.locator("nav.sidebar a").allTextContents();
    expect(menu.includes("Tiếp nhận") && !menu.includes("Thống kê"), `desk officer's menu: ${menu.join(", ")}`);
    const user = await page.getByTestId("current-user").textContent();
    expect(user.includes("Nguyễn Thị Lan") && user.includes("001.32.00.H51"), `the current user and unit are shown: ${user}`);
    // A token the host no longer accepts: the first call answers 401 and the session ends.
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem("onestop.admin.session"));
      localStorage.setItem("onestop.admin.session", JSON.stringify({ ...session, accessToken: "revoked" }));
    });
    await page.reload();
    await page.locator("input[name=userName]").waitFor();
    await login("tiepnhan");
  });

  await step("receive", async () => {
    await page.locator("input[name=procedureSearch]").fill("khai sinh");
    await page.getByRole("button", { name: "Tìm thủ tục" }).click();
    await page.getByRole("button", { name: /1\.001193/ }).click();
    await page.locator("table.checklist").waitFor();
    await page.locator('input[name="applicant.fullName"]').fill("Nguyễn Thị Hồng Nhung");
    await page.locator('input[name="applicant.identityNumber"]').fill("05119000123");
    await page.locator('input[name="applicant.phone"]').fill("0912 345 678");
    await page.getByRole("button", { name: "Tiếp nhận hồ sơ" }).click();
    const error = page.locator('[data-field="applicant.identityNumber"]');
    await error.waitFor();
    expect((await error.textContent()).includes("12 chữ số"), "the identity number's validation error is shown beside it");
    await screenshot("desk-validation-error");
    await page.locator('input[name="applicant.identityNumber"]').fill("051190001234");
    await page.getByRole("button", { name: "Tiếp nhận hồ sơ" }).click();
    await page.getByTestId("intake-done").waitFor();
    code = (await page.getByTestId("dossier-code").textContent()).trim();
    expect(/^001\.32\.00\.H51-\d{6}-\d{4}$/.test(code), `dossier code ${code}`);
    await screenshot("desk-received");
  });

  await step("receipt", async () => {
    await page.getByRole("button", { name: "In giấy tiếp nhận" }).click();
    const frame = page.frameLocator("section.print-frame iframe");
    await frame.locator("body").waitFor();
    const text = await frame.locator("body").textContent();
    expect(text.includes(code), "the receipt shows the dossier code");
    expect((await frame.locator(".qr svg").count()) === 1, "the receipt carries its QR image");
    await screenshot("receipt");
    await page.getByRole("button", { name: "Mở hồ sơ" }).click();
    await page.getByTestId("dossier-status").waitFor();
    id = page.url().split("/").pop();
  });

  await step("documents", async () => {
    const form = page.locator('form[data-form="attach-document"]');
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    await form.locator('input[name="documentFile"]').setInputFiles({ name: "to-khai.pdf", mimeType: "application/pdf", buffer: pdf });
    await form.getByRole("button", { name: "Tải lên và đính kèm" }).click();
    const row = page.getByTestId("documents").locator("tr", { hasText: "to-khai.pdf" });
    await row.waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("button", { name: "Tải về" }).click()]);
    expect(download.suggestedFilename() === "to-khai.pdf", `the attached file downloads as ${download.suggestedFilename()}`);
    await screenshot("dossier-documents");
  });

  await step("assign", async () => {
    // A second tab still showing the dossier as received: its action must be refused as a conflict (412), not applied.
    const stale = await context.newPage();
    await stale.goto(`${base}/admin/ho-so/${id}`);
    await stale.locator('button[data-action="assignments"]').click();
    await act("assignments", { stepName: "Thẩm định hồ sơ", assignee: "chuyenvien" }, "Đang xử lý");
    await screenshot("assigned");
    await stale.locator('form[data-form="assignments"] [name="assignee"]').fill("lanhdao");
    await stale.locator('form[data-form="assignments"]').getByRole("button", { name: "Xác nhận" }).click();
    const conflict = stale.getByRole("alert");
    await conflict.waitFor();
    expect((await conflict.textContent()).includes("Xung đột dữ liệu"), `the stale tab's conflict: ${await conflict.textContent()}`);
    await screenshot("stale-tab-conflict", stale);
    await stale.close();
  });

  await step("propose", async () => {
    await login("chuyenvien");
    await page.goto(`${base}/admin/ho-so?hang=mine`);
    await page.getByRole("link", { name: code }).waitFor();
    await screenshot("specialist-queue");
    await page.getByRole("link", { name: code }).click();
    await page.getByTestId("dossier-status").waitFor();
    await act("proposal", { outcome: "approve", summary: "Hồ sơ đầy đủ, hợp lệ; đề nghị đăng ký khai sinh." }, "Chờ lãnh đạo phê duyệt");
  });

  await step("approve", async () => {
    await login("lanhdao");
    await openDossier(id);
    await act("decision", { outcome: "approve", reasons: "Đồng ý đăng ký khai sinh." }, "Đã có quyết định");
    await act("result", { note: "Đã ký trích lục khai sinh." }, "chờ trả kết quả");
    await screenshot("approved-result-ready");
  });

  await step("return", async () => {
    await login("tiepnhan");
    await openDossier(id);
    await act("return", { method: "desk", recipient: "Nguyễn Thị Hồng Nhung" }, "Đã trả kết quả");
    await page.getByTestId("history").locator("li").nth(5).waitFor();
    await page.getByRole("button", { name: "Phiếu kiểm soát quá trình giải quyết" }).click();
    const slip = page.frameLocator("section.print-frame iframe");
    expect((await slip.locator("body").textContent()).includes(code), "the process-control slip shows the dossier code");
    await screenshot("returned-process-control");
  });

  await step("tablet", async () => {
    await page.setViewportSize(tablet);
    await openDossier(id);
    await screenshot("tablet-dossier");
    await page.setViewportSize(desktop);
  });

  await step("statistics", async () => {
    await login("thongke");
    await page.goto(`${base}/admin/thong-ke`);
    // The statistics projection is asynchronous: poll until the returned dossier is counted.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.getByTestId("ranking").waitFor();
      const ranked = await page.getByTestId("ranking").locator("tr", { hasText: "Nguyễn Nghiêm" }).locator("td").nth(2).textContent();
      const received = Number(await page.getByTestId("received").textContent());
      const onTimeBars = await page.getByTestId("on-time-per-procedure").locator("svg g").count();
      if (Number(ranked) >= 1 && received >= 1 && onTimeBars >= 1) break;
      expect(Date.now() < deadline, `statistics still show ${received} received, ${ranked} in the ranking, ${onTimeBars} procedures with an on-time rate`);
      await page.waitForTimeout(500);
      await page.reload();
    }
    expect((await page.locator(".gauge svg").count()) === 2, "online and on-time rate gauges are drawn");
    // The Decision 766 estimate: five groups and their total, the returned dossier counting as resolved on time.
    const index = page.getByTestId("service-index");
    expect((await index.locator("tbody tr").count()) === 6, "five index groups and their total");
    expect(Number((await index.getByTestId("index-points").textContent()).replace(",", ".")) > 0, "some points are estimated");
    await screenshot("statistics");
    // One field's procedures only: land and environment has none of today's dossiers, civil status has the birth.
    await page.locator("select[name=field]").selectOption("TN-MT");
    await page.getByTestId("received").filter({ hasText: /^0$/ }).waitFor();
    await page.locator("select[name=field]").selectOption("TP-HT");
    await page.getByTestId("received").filter({ hasText: /^[1-9]\d*$/ }).waitFor();
  });

  await step("audit", async () => {
    await login("kiemtoan");
    await page.goto(`${base}/admin/kiem-tra/${encodeURIComponent(code)}`);
    const verification = page.getByTestId("verification");
    await verification.waitFor();
    expect((await verification.getAttribute("data-valid")) === "true", `verification: ${await verification.textContent()}`);
    await page.getByTestId("audit-timeline").locator("li").nth(5).waitFor();
    const events = await page.getByTestId("audit-timeline").locator("li").count();
    expect(events >= 6, `the timeline has ${events} events`);
    await page.getByRole("button", { name: "Xem", exact: true }).click();
    await page.getByTestId("state-at").filter({ hasText: "Đã trả kết quả" }).waitFor();
    await screenshot("audit");
    // The history file an auditor downloads verifies offline with nothing but the repository's script.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Tải tệp lịch sử/ }).click()]);
    const file = join(artifacts, download.suggestedFilename());
    await download.saveAs(file);
    const verifier = resolve(dirname(fileURLToPath(import.meta.url)), "../../tools/verify-history.py");
    try {
      execFileSync("python3", [verifier, file], { encoding: "utf8" });
    } catch (error) {
      throw new Error(`verify-history.py refused the downloaded history: ${error.stdout}${error.stderr}`);
    }
  });

  await step("accounts", async () => {
    await login("admin");
    await page.getByRole("link", { name: "Tài khoản" }).click();
    await page.getByTestId("accounts").locator("tr", { hasText: "tiepnhan" }).waitFor();
    const userName = `canbo.${Date.now() % 1_000_000}`;
    const password = "Motcua2026moi";
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    const form = page.locator('form[data-form="create-account"]');
    await form.locator('[name="userName"]').fill(userName);
    await form.locator('[name="displayName"]').fill("Trần Văn Bình");
    await form.locator('[name="unit"]').fill("001.32.00.H51");
    await form.locator('[name="password"]').fill(password);
    await form.getByRole("button", { name: "Tạo tài khoản" }).click();
    await form.locator('[data-field="roles"]').waitFor();
    await form.locator('input[name="roles"][value="desk_officer"]').check();
    await form.getByRole("button", { name: "Tạo tài khoản" }).click();
    const row = page.getByTestId("accounts").locator(`tr[data-user="${userName}"]`);
    await row.filter({ hasText: "Đang hoạt động" }).waitFor();
    expect((await row.textContent()).includes("Cán bộ một cửa"), `the new account's row: ${await row.textContent()}`);
    await page.getByTestId("account-panel").waitFor();
    await screenshot("accounts-created");
    await page.setViewportSize(tablet);
    await screenshot("tablet-accounts");
    await page.setViewportSize(desktop);

    await login(userName, password);
    const menu = await page.locator("nav.sidebar a").allTextContents();
    expect(menu.includes("Tiếp nhận") && !menu.includes("Tài khoản"), `the new desk officer's menu: ${menu.join(", ")}`);

    await login("admin");
    await page.goto(`${base}/admin/tai-khoan`);
    await row.getByRole("button", { name: userName }).click();
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByTestId("account-panel").getByRole("button", { name: "Vô hiệu hóa" }).click();
    await row.filter({ hasText: "Đã vô hiệu hóa" }).waitFor();
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.locator("input[name=userName]").fill(userName);
    await page.locator("input[name=password]").fill(password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    const refused = page.getByRole("alert");
    await refused.waitFor();
    expect((await refused.textContent()).includes("vô hiệu hóa"), `the disabled account's login: ${await refused.textContent()}`);
    await screenshot("disabled-account-login");
  });

  await step("catalogue", async () => {
    await login("kiemsoat");
    await page.goto(`${base}/admin/danh-muc/thu-tuc/QNG-KH-003`);
    await page.getByRole("button", { name: "Sửa đổi, bổ sung theo quyết định" }).click();
    const form = page.locator('form[data-form="procedure"]');
    const workingDays = form.locator('[name="processingTime.workingDays"]');
    expect((await form.locator('[name="name"]').inputValue()) === "Đăng ký thành lập hộ kinh doanh", "the form is pre-filled with the version shown");
    expect((await workingDays.inputValue()) === "3", `the pre-filled working days: ${await workingDays.inputValue()}`);
    await screenshot("procedure-form");
    // Invalid first: no working days and a component without its code; the host's messages show beside each input.
    await workingDays.fill("0");
    await form.locator('[name="components[1].code"]').fill("");
    await form.getByRole("button", { name: "Thêm khoản phí, lệ phí" }).click();
    await form.locator('[name="fees[1].name"]').fill("Phí cung cấp thông tin");
    await form.locator('[name="fees[1].amount"]').fill("20000");
    await form.locator('[name="decision.number"]').fill("125/QĐ-UBND");
    await form.locator('[name="decision.issuer"]').fill("Chủ tịch UBND tỉnh Quảng Ngãi");
    await form.getByRole("button", { name: "Công bố phiên bản mới" }).click();
    const codeError = form.locator("td", { has: page.locator('[name="components[1].code"]') }).locator(".field-error");
    await codeError.waitFor();
    expect((await codeError.textContent()).includes("Thiếu mã thành phần"), `the component's error: ${await codeError.textContent()}`);
    const daysError = form.locator("label", { has: page.locator('[name="processingTime.workingDays"]') }).locator(".field-error");
    await daysError.waitFor();
    expect((await daysError.textContent()).includes("lớn hơn 0"), `the working days' error: ${await daysError.textContent()}`);
    expect((await form.getByRole("alert").count()) === 1, "the problem is shown at the top of the form");
    await screenshot("procedure-form-errors");
    await page.setViewportSize(tablet);
    await screenshot("tablet-procedure-form");
    await page.setViewportSize(desktop);

    await form.locator('[name="components[1].code"]').fill("GTTT");
    await workingDays.fill("5");
    await form.getByRole("button", { name: "Công bố phiên bản mới" }).click();
    await page.getByTestId("amended").waitFor();
    await page.getByRole("button", { name: "Phiên bản 2", exact: true }).waitFor();
    await page.getByRole("button", { name: "So sánh" }).click();
    const diff = page.locator("table.diff");
    await diff.waitFor();
    const days = await diff.locator('tr[data-field="processingTime.workingDays"]').locator("td").allTextContents();
    expect(days[0] === "Thời hạn giải quyết (ngày làm việc)" && days[1] === "3" && days[2] === "5", `the diff of the working days: ${days.join(" | ")}`);
    expect((await diff.locator("tr", { hasText: "Phí cung cấp thông tin" }).count()) === 1, "the diff lists the new fee");
    await screenshot("procedure-amended-diff");
  });

  expect(consoleErrors.length === 0, `errors in the page: ${consoleErrors.join("; ")}`);
  console.log(`DOSSIER ${code}`);
  console.log("PASS");
} catch (error) {
  console.log(`FAIL ${current}: ${error.message}${consoleErrors.length ? `\nerrors in the page: ${consoleErrors.join("; ")}` : ""}`);
  await screenshot(`failed-${current}`).catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
}
