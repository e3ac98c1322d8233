// Keystroke → suggestion on screen, in Chromium against a running gateway ($DESK_URL, signed in
// with $TOKEN_OPERATOR): for each call text, types it key by key and measures from the last
// keystroke to the suggestion showing that exact text as its evidence. Prints p50/p95.
import { chromium } from "playwright-core";

const texts = [
  "小区停水两天了", "楼下烧烤店油烟太大", "路灯坏了一个星期", "公司拖欠工资三个月",
  "有人持刀砍人", "隔壁装修噪音很大", "井盖丢了很危险", "我家煤气味很重",
  "小区门口垃圾没人清", "电动车被偷了",
];
const rounds = Number(process.env.ROUNDS ?? 3);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
await page.goto(process.env.DESK_URL + "/");
await page.fill("#token", process.env.TOKEN_OPERATOR);
await page.keyboard.press("Enter");
await page.waitForSelector("#text");
const samples = [];
const misses = [];
for (let r = 0; r < rounds; r++) {
  for (const t of texts) {
    await page.fill("#text", "");
    await page.focus("#text");
    await page.keyboard.type(t.slice(0, -1), { delay: 20 });
    // Time from the last key's input event to the suggestion for the whole text on screen.
    // Armed (and awaited) before the last key, so its input event cannot be missed.
    await page.evaluate((full) => { window.__latency = new Promise((resolve) => {
      const area = document.querySelector("#text");
      let start = 0;
      area.addEventListener("input", () => (start = performance.now()), { once: true });
      const done = () => {
        const ev = document.querySelector('[data-testid="evidence"]');
        if (start && ev && ev.textContent === full) {
          observer.disconnect();
          resolve(performance.now() - start);
        }
      };
      const observer = new MutationObserver(done);
      setTimeout(() => { observer.disconnect(); resolve(-1); }, 5000); // a miss, reported
      observer.observe(document.querySelector("#suggestion"), { childList: true, subtree: true, characterData: true });
    }); }, t);
    await page.keyboard.type(t.slice(-1));
    const ms = await page.evaluate(() => window.__latency);
    if (ms < 0) misses.push(t);
    else samples.push(ms);
  }
}
await browser.close();
if (misses.length) console.log(`no suggestion within 5 s for: ${misses.join(", ")}`);
samples.sort((a, b) => a - b);
const pct = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
console.log(`keystroke → suggestion on screen (${samples.length} samples, 60 ms debounce included): p50 ${pct(0.5).toFixed(1)} ms, p95 ${pct(0.95).toFixed(1)} ms, max ${samples.at(-1).toFixed(1)} ms`);
