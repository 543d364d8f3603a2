// How long the dashboard takes to redraw one configuration (every chart and the map) at a given
// farm count, in headless Chromium (Debian's), after npm ci in tests/server/browser:
//     node bench/dashboard_render.mjs build/kringloop [FARMERS]      (default 100000)
import { spawn } from "node:child_process";
import { once } from "node:events";
import { chromium } from "../tests/server/browser/node_modules/playwright-core/index.mjs";

const [binary, farmers = "100000"] = process.argv.slice(2);
const root = new URL("..", import.meta.url).pathname;
for (const name of ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"]) delete process.env[name];
const server = spawn(binary, ["serve", "--port", "0", "--output-dir", "/tmp/kringloop-render-bench",
                              "--web", root + "web", "--configs", root + "configs"]);
const [line] = await once(server.stdout, "data");
const url = String(line).match(/http:\/\/[0-9.:]+\//)[0];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]");
  const a = page.locator(".panel").nth(0);
  await a.locator('input[data-key="population.farmers"]').fill(farmers);
  await a.locator('input[data-key="population.farmers"]').dispatchEvent("change");
  await page.selectOption("#pace", "0");
  await a.locator('[data-action="run"]').click();
  await page.waitForFunction(() => window.dashboard.panels[0].map && window.dashboard.panels[0].month >= 24, null, { timeout: 300000 });
  const result = await page.evaluate(() => {
    const panel = window.dashboard.panels[0];
    const times = [];
    for (let i = 0; i < 21; ++i) { const start = performance.now(); panel.render(); times.push(performance.now() - start); }
    times.sort((x, y) => x - y);
    return { farms: panel.farms.x_km.length, median_ms: times[10], max_ms: times[20] };
  });
  console.log(`redraw of one configuration (5 charts + map) at ${result.farms} farms: median ${result.median_ms.toFixed(1)} ms, max ${result.max_ms.toFixed(1)} ms`);
  await page.evaluate(async () => fetch(`/api/runs/${window.dashboard.panels[0].runId}/cancel`, { method: "POST" }));
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
