// The web desk in a real Chromium against a real local stack (started by the CTest program
// tests/gateway/browser_desk_test.cc, which passes the URL and tokens in the environment).
// Exits non-zero on the first failed expectation; screenshots go to $SCREENSHOT_DIR.
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`missing $${name}`);
  return v;
};
const URL = env("DESK_URL");
const SHOTS = env("SCREENSHOT_DIR");
mkdirSync(SHOTS, { recursive: true });
const T = 15000;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  headless: true,
});
const problems = [];
const step = (name) => console.log(`· ${name}`);

async function open(token, hash) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
  const page = await context.newPage();
  page.setDefaultTimeout(T);
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(URL + "/");
  await page.fill("#token", token);
  await page.keyboard.press("Enter");
  await page.waitForSelector("header.top");
  if (hash) {
    await page.evaluate((h) => (location.hash = h), hash);
  }
  return page;
}

async function axe(page, name) {
  await page.evaluate(axeSource); // evaluate is not subject to the page's CSP
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of bad) problems.push(`axe ${name}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} nodes)`);
  console.log(`  axe ${name}: ${result.violations.length} violations, ${bad.length} serious/critical`);
}

async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

function expect(cond, what) {
  if (!cond) throw new Error(`expected: ${what}`);
}

try {
  step("supervisor opens the KPIs (before any call)");
  const sup = await open(env("TOKEN_SUPERVISOR"), "#/supervisor");
  await sup.waitForSelector('[data-kpi="calls"]');
  const callsBefore = Number(await sup.textContent('[data-kpi="calls"]'));

  step("agency (water company) opens its live orders");
  const agency = await open(env("TOKEN_AGENCY"), "#/agency");
  await agency.waitForSelector("text=实时接收中");

  step("110 operator types a non-police call and sees the suggestion while typing");
  const seat = await open(env("TOKEN_OPERATOR"), "#/seat");
  await seat.waitForSelector("#text");
  await seat.fill("#phone", "13800000001");
  await seat.fill("#address", "胜利路 12 号");
  await seat.focus("#text");
  await seat.keyboard.type("小区停水两天了", { delay: 40 });
  await seat.waitForSelector('[data-testid="suggestion-facts"] >> text=停水/水压低/管道漏水');
  const facts = await seat.textContent('[data-testid="suggestion-facts"]');
  expect(facts.includes("供水企业"), `the agency in the suggestion, got ${facts}`);
  expect(facts.includes("非警务转办"), `the disposition in Chinese, got ${facts}`);
  expect(await seat.locator("#suggestion mark").count() > 0, "evidence highlighted");
  await shot(seat, "desk-seat");
  await axe(seat, "seat");

  step("confirm with the keyboard (Ctrl+Enter)");
  await seat.keyboard.press("Control+Enter");
  const confirmed = await seat.waitForSelector('[data-testid="case-confirmed"]');
  const caseId = (await confirmed.textContent()).split(" ")[0].trim();
  expect(caseId.length > 0, "a case id");
  console.log(`  case ${caseId}`);

  step("a second call about the same matter is folded into the open case");
  await seat.fill("#phone", "13900000002");
  await seat.fill("#address", "胜利路12号");
  await seat.focus("#text");
  await seat.keyboard.type("我们小区也停水了", { delay: 20 });
  await seat.waitForSelector('[data-testid="suggestion-facts"] >> text=供水企业');
  await seat.keyboard.press("Control+Enter");
  const duplicate = await seat.waitForSelector('[data-testid="duplicate"]');
  expect((await duplicate.textContent()).includes(caseId), "linked to the first case");

  step("the order arrives live at the agency; sign and resolve by keyboard");
  const row = agency.locator("#orders tr", { hasText: "小区停水两天了" });
  await row.waitFor();
  expect(await agency.locator("#orders tr").count() === 1, "one order for one matter");
  await row.click();
  await agency.keyboard.press("Alt+S");
  await agency.waitForSelector('#orders tr.selected [data-testid="status"] >> text=已签收');
  await agency.fill("#note", "已派维修人员，管道已修复，恢复供水");
  await agency.keyboard.press("Alt+D");
  await agency.waitForSelector('#orders tr.selected [data-testid="status"] >> text=已办结');
  await shot(agency, "desk-agency");
  await axe(agency, "agency");

  step("the 110 seat sees the outcome");
  await seat.waitForSelector(`#outcomes li:has-text("${caseId}"):has-text("已办结")`);

  step("an emergency call shows the banner and the safety script");
  await seat.keyboard.press("Alt+N");
  await seat.focus("#text");
  await seat.keyboard.type("有人持刀砍人", { delay: 40 });
  await seat.waitForSelector("#emergency:not([hidden])");
  const banner = await seat.textContent("#emergency");
  expect(banner.includes("紧急警情"), `emergency banner, got ${banner}`);
  expect(banner.includes("远离持械人员"), `weapon safety script, got ${banner}`);
  await shot(seat, "desk-emergency");
  await axe(seat, "emergency");

  step("an override needs a reason, then confirms the operator's choice");
  await seat.keyboard.press("Alt+N");
  await seat.focus("#text");
  await seat.keyboard.type("楼下饭店油烟太大熏得没法开窗", { delay: 20 });
  await seat.waitForSelector('[data-testid="suggestion-facts"]');
  await seat.keyboard.press("Alt+O");
  await seat.waitForSelector("#override:not([hidden]) #ov-reason");
  await seat.selectOption("#ov-disposition", "TRANSFER_12345");
  await seat.keyboard.press("Alt+Enter");
  await seat.waitForSelector("#override >> text=改派必须填写理由");
  await seat.fill("#ov-reason", "来电人补充：油烟来自餐饮店，属生态环境");
  await seat.keyboard.press("Alt+Enter");
  await seat.waitForSelector('[data-testid="case-confirmed"]');
  expect(await seat.locator("#override").isHidden(), "the override form closes once confirmed");

  step("another agency opening this case's URL is refused");
  const other = await open(env("TOKEN_OTHER_AGENCY"), `#/case/${caseId}`);
  const refused = await other.waitForSelector('[data-testid="case-refused"]');
  const refusal = await refused.textContent();
  expect(refusal.includes("403"), `a 403 refusal, got ${refusal}`);
  await shot(other, "desk-refused");
  step("the owning agency may open it");
  await agency.evaluate((h) => (location.hash = h), `#/case/${caseId}`);
  await agency.waitForSelector('[data-testid="case"]');

  step("the supervisor sees the KPIs change");
  await sup.keyboard.press("Alt+R");
  await sup.waitForFunction(
    (before) => Number(document.querySelector('[data-kpi="calls"]')?.textContent) > before,
    callsBefore,
  );
  await sup.waitForSelector("#kpi-chart canvas");
  await shot(sup, "desk-supervisor");
  await axe(sup, "supervisor");
} catch (e) {
  problems.push(String(e?.stack ?? e));
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("browser test: all steps passed");
