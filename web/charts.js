// Small canvas charts: no library, nothing from a CDN. Each call redraws one canvas from data.
"use strict";

const palette = ["#2f7d4f", "#3182bd", "#e6550d", "#756bb1", "#c51b8a", "#636363", "#8c6d31", "#17becf"];

function prepareCanvas(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  if (canvas.width !== width || canvas.height !== height) { canvas.width = width; canvas.height = height; }
  const context = canvas.getContext("2d");
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, canvas.clientWidth, canvas.clientHeight);
  context.font = "11px system-ui, sans-serif";
  return { context, width: canvas.clientWidth, height: canvas.clientHeight };
}

function niceNumber(value) {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6) return (value / 1e6).toFixed(1) + "M";
  if (magnitude >= 1e3) return (value / 1e3).toFixed(0) + "k";
  if (magnitude >= 10 || value === 0) return value.toFixed(0);
  return value.toFixed(2);
}

// lines: [{label, values: [number|null per month]}]; months: the run's length (x axis).
function drawLines(canvas, lines, months, fixedRange) {
  const { context, width, height } = prepareCanvas(canvas);
  const left = 38, right = 6, top = 6, bottom = 30;
  let low = fixedRange ? fixedRange[0] : Infinity, high = fixedRange ? fixedRange[1] : -Infinity;
  if (!fixedRange) {
    for (const line of lines) for (const v of line.values) if (v !== null && Number.isFinite(v)) { low = Math.min(low, v); high = Math.max(high, v); }
    if (!Number.isFinite(low)) { low = 0; high = 1; }
    low = Math.min(low, 0);
    if (high === low) high = low + 1;
  }
  const x = (month) => left + (width - left - right) * month / Math.max(1, months);
  const y = (v) => top + (height - top - bottom) * (1 - (v - low) / (high - low));
  context.strokeStyle = "#d7dfda"; context.fillStyle = "#5b6b63"; context.lineWidth = 1;
  for (const fraction of [0, 0.5, 1]) {
    const v = low + (high - low) * fraction;
    context.beginPath(); context.moveTo(left, y(v)); context.lineTo(width - right, y(v)); context.stroke();
    context.fillText(niceNumber(v), 2, y(v) + 4);
  }
  const years = Math.round(months / 12);
  for (let year = 0; year <= years; year += Math.max(1, Math.ceil(years / 6)))
    context.fillText(String(year), x(year * 12) - 3, height - bottom + 12);
  lines.forEach((line, index) => {
    context.strokeStyle = line.color || palette[index % palette.length]; context.lineWidth = 1.6;
    context.beginPath();
    let drawing = false;
    line.values.forEach((v, month) => {
      if (v === null || !Number.isFinite(v)) { drawing = false; return; }
      if (drawing) context.lineTo(x(month + 1), y(v)); else context.moveTo(x(month + 1), y(v));
      drawing = true;
    });
    context.stroke();
  });
  // Legend along the bottom.
  let legendX = left;
  lines.forEach((line, index) => {
    context.fillStyle = line.color || palette[index % palette.length];
    context.fillRect(legendX, height - 11, 8, 8);
    context.fillStyle = "#1d2a24";
    context.fillText(line.label, legendX + 11, height - 3);
    legendX += context.measureText(line.label).width + 22;
  });
}

// Horizontal bars: labels and values (a funnel).
function drawBars(canvas, labels, values) {
  const { context, width, height } = prepareCanvas(canvas);
  const max = Math.max(1, ...values.filter(Number.isFinite));
  const rowHeight = (height - 4) / Math.max(1, labels.length);
  labels.forEach((label, index) => {
    const value = Number.isFinite(values[index]) ? values[index] : 0;
    const barWidth = (width - 150) * value / max;
    context.fillStyle = palette[0];
    context.fillRect(80, 2 + index * rowHeight + 2, barWidth, rowHeight - 4);
    context.fillStyle = "#1d2a24";
    context.fillText(label, 2, 2 + index * rowHeight + rowHeight / 2 + 4);
    context.fillText(niceNumber(value), 84 + barWidth, 2 + index * rowHeight + rowHeight / 2 + 4);
  });
}
