// End-to-end test of the dashboard in headless Chromium (Debian's `chromium`, driven by
// playwright-core from npm): load it, change a lever in configuration B, run both with one seed,
// change a lever mid-run in A, and check that the chart data and the map changed and that the two
// configurations differ. Saves screenshots (laptop and phone).
// Usage: node dashboard_e2e.mjs URL SCREENSHOT.png [PHONE.png]
import { chromium } from "playwright-core";

const [url, screenshot, phoneShot] = process.argv.slice(2);
if (!url || !screenshot) { console.error("usage: node dashboard_e2e.mjs URL SCREENSHOT.png [PHONE.png]"); process.exit(2); }
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

function check(condition, message) {
  if (!condition) throw new Error("dashboard check failed: " + message);
  console.log("ok - " + message);
}

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20000 });

  await page.fill("#seed", "7");
  await page.selectOption("#pace", "25");
  // B: the province reverses its policy at every election (stop-go), a lever set before the run.
  const b = page.locator(".panel").nth(1);
  await b.locator('input[data-key="government.province.reversal_probability"]').fill("1");
  await b.locator('input[data-key="government.province.reversal_probability"]').dispatchEvent("change");
  await page.click("#run-both");

  // Both stream; remember A's first map once it has one.
  await page.waitForFunction(() => window.dashboard.panels.every((p) => p.map && p.month >= 12), null, { timeout: 30000 });
  const firstMap = await page.evaluate(() => Array.from(window.dashboard.panels[0].map.stages).join(""));
  // Mid-run in A: a shorter promised lead time for the first scheme that has one.
  const leadKey = await page.evaluate(() => window.dashboard.levers.find((l) => l.key.endsWith(".announced_lead_time_days")).key);
  const a = page.locator(".panel").nth(0);
  await a.locator(`input[data-key="${leadKey}"]`).fill("10");
  await a.locator(`input[data-key="${leadKey}"]`).dispatchEvent("change");
  await page.waitForFunction(() => window.dashboard.panels.every((p) => p.state === "finished"), null, { timeout: 120000 });

  const result = await page.evaluate(() => window.dashboard.panels.map((p) => ({
    runId: p.runId, months: p.months, mapFrames: p.mapFrames, lastMap: Array.from(p.map.stages).join(""),
    adoption: p.chartData().adoption.map((line) => line.values), trust: p.chartData().trust.map((line) => line.values),
    leverLog: p.leverLog })));
  const [runA, runB] = result;
  check(runA.adoption[0].length === runA.months, `A's adoption chart holds every month (${runA.adoption[0].length})`);
  check(runA.adoption.some((values) => values[values.length - 1] > values[0]), "A's adoption chart data changed over the run");
  check(runA.mapFrames > 1 && runA.lastMap !== firstMap, `A's map changed (${runA.mapFrames} map frames)`);
  check(JSON.stringify(runA.trust) !== JSON.stringify(runB.trust), "A and B (stop-go) differ in their trust charts");
  check(runA.leverLog.length === 1, "A's mid-run lever change was accepted: " + runA.leverLog.join("; "));
  const status = await page.evaluate(async (id) => (await fetch(`/api/runs/${id}`)).json(), runA.runId);
  check(status.lever_changes.length === 1 && status.lever_changes[0].key === leadKey, `the run recorded the lever change (${JSON.stringify(status.lever_changes)})`);
  const download = await page.evaluate(async (id) => (await fetch(`/api/runs/${id}/result.h5`)).status, runA.runId);
  check(download === 200, "A's HDF5 result downloads");
  check(errors.length === 0, "no errors in the page console" + (errors.length ? ": " + errors.join(" | ") : ""));

  await page.screenshot({ path: screenshot, fullPage: true });
  console.log("screenshot: " + screenshot);
  if (phoneShot) {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
    await phone.goto(url);
    await phone.waitForSelector("body[data-ready=true]", { timeout: 20000 });
    await phone.screenshot({ path: phoneShot });
    console.log("phone screenshot: " + phoneShot);
  }
} finally {
  await browser.close();
}
