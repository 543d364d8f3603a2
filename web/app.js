// The dashboard: two configurations of one scenario side by side, run with the same seed, each
// streaming monthly frames over a WebSocket (docs/API.md). State is kept in `dashboard` (also read
// by the end-to-end test).
"use strict";

const dashboard = { scenarios: [], levers: [], panels: [] };
window.dashboard = dashboard;

const $ = (selector, root = document) => root.querySelector(selector);

async function api(path, options = {}) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
  return body;
}

function postJson(path, body) {
  return api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body || {}) });
}

function showMessage(text) { $("#message").textContent = text || ""; }

class Panel {
  constructor(name) {
    this.name = name;
    this.root = $("#panel-template").content.firstElementChild.cloneNode(true);
    $(".panel-title", this.root).textContent = name;
    $("#panels").appendChild(this.root);
    this.reset();
    this.root.querySelectorAll("[data-action]").forEach((button) =>
      button.addEventListener("click", () => this.action(button.dataset.action)));
    for (const select of [".funnel-practice", ".map-practice", ".series-choice"])
      $(select, this.root).addEventListener("change", () => this.render());
    window.addEventListener("resize", () => this.render());
  }

  reset() {
    if (this.socket) this.socket.close();
    this.socket = null;
    this.runId = null;
    this.state = "not started";
    this.month = 0; this.months = 0;
    this.farms = null; this.map = null; this.mapFrames = 0;
    this.history = {};  // series path → values per month
    this.dropped = 0;
    this.leverLog = [];
    $(".downloads", this.root).textContent = "";
    $(".lever-log", this.root).textContent = "";
    this.updateButtons();
  }

  setLevers(levers) {
    const list = $(".lever-list", this.root);
    list.textContent = "";
    this.inputs = new Map();
    for (const lever of levers) {
      const row = document.createElement("div");
      row.className = "lever";
      const name = document.createElement("span");
      name.className = "name" + (lever.mid_run ? " mid-run" : "");
      name.textContent = lever.key;
      let input;
      // Booleans (e.g. coalition.emergence) are a choice of true or false, not a number.
      const choices = lever.type === "boolean" ? ["true", "false"] : lever.choices;
      if (choices && choices.length) {
        input = document.createElement("select");
        for (const choice of choices) input.add(new Option(choice, choice));
      } else {
        input = document.createElement("input");
        input.type = "number";
        input.step = "any";
        if (lever.min !== null) input.min = lever.min;
        if (lever.max !== null) input.max = lever.max;
      }
      input.value = lever.value;
      input.dataset.key = lever.key;
      input.setAttribute("aria-label", lever.key);
      input.addEventListener("change", () => this.leverChanged(lever, input, row));
      const explain = document.createElement("span");
      explain.className = "explain";
      const range = lever.min !== null && lever.max !== null ? `, ${lever.min}–${lever.max}` : "";
      explain.textContent = `${lever.meaning} (${lever.unit || lever.type}${range}). Source: ${lever.source || "assumption"}.`;
      row.append(name, input, explain);
      list.appendChild(row);
      this.inputs.set(lever.key, { lever, input, row });
    }
  }

  overrides() {
    const overrides = {};
    for (const [key, { lever, input }] of this.inputs) if (String(input.value) !== String(lever.value)) overrides[key] = input.value;
    return overrides;
  }

  async leverChanged(lever, input, row) {
    row.classList.toggle("changed", String(input.value) !== String(lever.value));
    if (!this.running()) return;
    if (!lever.mid_run) { showMessage(`${lever.key} applies from the next run (it cannot change during one)`); return; }
    try {
      const answer = await postJson(`/api/runs/${this.runId}/levers`, { key: lever.key, value: input.value });
      this.leverLog.push(`${lever.key} = ${input.value} (asked at month ${answer.requested_at_month})`);
      $(".lever-log", this.root).textContent = "Lever changes: " + this.leverLog.join("; ");
      showMessage("");
    } catch (error) { showMessage(error.message); }
  }

  running() { return this.state === "running" || this.state === "paused"; }

  updateButtons() {
    const enabled = { run: !this.running(), pause: this.state === "running", resume: this.state === "paused",
                      step: this.state === "paused", cancel: this.running() };
    this.root.querySelectorAll("[data-action]").forEach((button) => { button.disabled = !enabled[button.dataset.action]; });
  }

  async action(action) {
    try {
      if (action === "run") return await this.start(Number($("#seed").value), Number($("#pace").value));
      await postJson(`/api/runs/${this.runId}/${action}`);
    } catch (error) { showMessage(error.message); }
  }

  async start(seed, pace) {
    this.reset();
    const status = await postJson("/api/runs", { scenario: $("#scenario").value, seed, overrides: this.overrides(), pace_ms: pace });
    this.runId = status.id;
    this.applyStatus(status);
    this.connect();
  }

  // The stream replays the run's history first, so a reconnection starts from empty series.
  connect() {
    this.history = {};
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${scheme}//${location.host}/api/runs/${this.runId}/frames`);
    socket.binaryType = "arraybuffer";
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = async () => {
      if (this.socket !== socket || !this.running()) return;
      await this.refreshStatus();
      if (this.running()) setTimeout(() => { if (this.socket === socket) this.connect(); }, 1000);
    };
    this.socket = socket;
  }

  async refreshStatus() {
    try { this.applyStatus(await api(`/api/runs/${this.runId}`)); } catch (error) { showMessage(error.message); }
  }

  receive(data) {
    if (data instanceof ArrayBuffer) {
      const map = parseMapFrame(data);
      if (map) { this.map = map; this.mapFrames += 1; }
      return this.scheduleRender();
    }
    const frame = JSON.parse(data);
    if (frame.type === "farms") {
      this.farms = frame;
      this.fillSelects();
    } else if (frame.type === "month") {
      this.month = frame.month; this.months = frame.months;
      for (const [path, value] of Object.entries(frame.series)) {
        if (!this.history[path]) this.history[path] = [];
        this.history[path][frame.month - 1] = value;
      }
      if (this.state === "not started") this.state = "running";
    } else if (frame.type === "status") {
      this.applyStatus(frame);
    } else if (frame.type === "dropped") {
      this.dropped += frame.frames;
    }
    this.scheduleRender();
  }

  applyStatus(status) {
    this.state = status.state;
    this.month = status.month; this.months = status.months;
    if (status.state === "finished") {
      const links = $(".downloads", this.root);
      links.innerHTML = "";
      for (const [file, label] of [["result.h5", "HDF5 result"], ["summary.json", "summary (JSON)"]]) {
        const link = document.createElement("a");
        link.href = `/api/runs/${this.runId}/${file}`;
        link.textContent = `Download ${label}`;
        link.download = "";
        links.appendChild(link);
      }
    }
    if (status.error) showMessage(status.error);
    this.scheduleRender();
  }

  fillSelects() {
    const fill = (select, names) => {
      const previous = select.value;
      select.textContent = "";
      for (const name of names) select.add(new Option(name, name));
      if (names.includes(previous)) select.value = previous;
    };
    fill($(".funnel-practice", this.root), this.farms.practices);
    fill($(".map-practice", this.root), this.farms.practices);
    fill($(".series-choice", this.root), Object.keys(this.farms.series));
    $(".legend", this.root).innerHTML = legendHtml(this.farms.stages);
  }

  scheduleRender() {
    if (this.renderPending) return;
    this.renderPending = true;
    requestAnimationFrame(() => { this.renderPending = false; this.render(); });
  }

  // Chart data, also what the end-to-end test compares.
  chartData() {
    const practices = this.farms ? this.farms.practices : [];
    const institutions = this.farms ? this.farms.institutions : [];
    const series = (path) => this.history[path] || [];
    const schemes = Object.keys(this.history).filter((p) => p.startsWith("scheme/") && p.endsWith("/committed_eur"))
      .map((p) => p.slice(0, -"/committed_eur".length));
    const months = Math.max(0, ...Object.values(this.history).map((v) => v.length));
    const committed = [], paid = [];
    let paidSoFar = 0;
    for (let m = 0; m < months; ++m) {
      let c = 0, p = 0;
      for (const scheme of schemes) { c += series(scheme + "/committed_eur")[m] || 0; p += series(scheme + "/paid_eur")[m] || 0; }
      paidSoFar += p;
      committed.push(c); paid.push(paidSoFar);
    }
    return {
      adoption: practices.map((p) => ({ label: p, values: series(`practice/${p}/adopted_share`) })),
      trust: institutions.map((i) => ({ label: i, values: series(`trust/${i}/mean`) })),
      subsidy: [{ label: "committed", values: committed }, { label: "paid so far", values: paid }],
    };
  }

  render() {
    const status = $(".status", this.root);
    const year = (this.month / 12).toFixed(1);
    status.textContent = this.runId ? `Run ${this.runId}: ${this.state}, month ${this.month} of ${this.months} (year ${year})` +
      (this.dropped ? ` — ${this.dropped} frames skipped (slow connection)` : "") : "not started";
    this.updateButtons();
    if (!this.farms) return;
    const data = this.chartData();
    const months = this.months || 360;
    drawLines($('[data-chart="adoption"]', this.root), data.adoption, months, [0, 1]);
    drawLines($('[data-chart="trust"]', this.root), data.trust, months, [0, 1]);
    drawLines($('[data-chart="subsidy"]', this.root), data.subsidy, months);
    const practice = $(".funnel-practice", this.root).value;
    const funnelPath = `practice/${practice}/funnel`;
    const funnel = this.history[funnelPath] || [];
    const last = funnel.length ? funnel[funnel.length - 1] : [];
    drawBars($('[data-chart="funnel"]', this.root), (this.farms.series[funnelPath] || {}).columns || [], last || []);
    const chosen = $(".series-choice", this.root).value;
    const chosenValues = this.history[chosen] || [];
    const columns = (this.farms.series[chosen] || {}).columns || [];
    const lines = columns.length ? columns.map((column, c) => ({ label: column, values: chosenValues.map((row) => (row ? row[c] : null)) }))
      : [{ label: chosen.split("/").pop(), values: chosenValues }];
    drawLines($('[data-chart="any"]', this.root), lines, months);
    drawMap($("canvas.map", this.root), this.farms, this.map, Math.max(0, this.farms.practices.indexOf($(".map-practice", this.root).value)));
  }
}

async function loadScenario(name) {
  const scenario = dashboard.scenarios.find((s) => s.name === name);
  $("#scenario-description").textContent = scenario ? scenario.description : "";
  dashboard.levers = await api(`/api/levers?scenario=${encodeURIComponent(name)}`);
  for (const panel of dashboard.panels) { panel.reset(); panel.setLevers(dashboard.levers); panel.render(); }
}

async function main() {
  try {
    $("#setup").addEventListener("submit", (event) => event.preventDefault());
    dashboard.scenarios = await api("/api/scenarios");
    const select = $("#scenario");
    for (const scenario of dashboard.scenarios) select.add(new Option(scenario.name, scenario.name));
    dashboard.panels = [new Panel("Configuration A"), new Panel("Configuration B")];
    select.addEventListener("change", () => loadScenario(select.value).catch((error) => showMessage(error.message)));
    $("#run-both").addEventListener("click", async () => {
      showMessage("");
      const seed = Number($("#seed").value), pace = Number($("#pace").value);
      try { await Promise.all(dashboard.panels.map((panel) => panel.start(seed, pace))); } catch (error) { showMessage(error.message); }
    });
    await loadScenario(select.value);
    document.body.dataset.ready = "true";
  } catch (error) { showMessage(error.message); }
}

main();
