// The region map: every farm a dot coloured by its stage for one practice, drawn into one ImageData
// (no DOM node per farm), so 100,000 farms redraw in a few milliseconds.
"use strict";

const stageColours = {
  unaware: [205, 211, 208], aware: [158, 202, 225], interested: [107, 174, 214], planning: [49, 130, 189],
  applied: [253, 174, 107], adopted: [47, 125, 79], dropped: [222, 45, 38], abandoned: [117, 107, 177],
};

function drawMap(canvas, farms, map, practice) {
  const size = Math.max(1, Math.round(canvas.clientWidth * (window.devicePixelRatio || 1)));
  if (canvas.width !== size || canvas.height !== size) { canvas.width = size; canvas.height = size; }
  const context = canvas.getContext("2d");
  const image = context.createImageData(size, size);
  const pixels = image.data;
  pixels.fill(255);
  const count = farms.x_km.length;
  const dot = count > 20000 ? 1 : Math.max(2, Math.round(size / 150));
  const colours = farms.stages.map((name) => stageColours[name] || [0, 0, 0]);
  const scaleX = (size - dot) / farms.width_km, scaleY = (size - dot) / farms.height_km;
  const offset = map ? practice * map.farms : 0;
  for (let i = 0; i < count; ++i) {
    const stage = map ? map.stages[offset + i] : 0;
    if (stage === 255) continue;  // the farm has exited
    const colour = colours[stage] || [0, 0, 0];
    const px = Math.floor(farms.x_km[i] * scaleX), py = Math.floor((farms.height_km - farms.y_km[i]) * scaleY);
    for (let dy = 0; dy < dot; ++dy)
      for (let dx = 0; dx < dot; ++dx) {
        const at = ((py + dy) * size + px + dx) * 4;
        if (at < 0 || at >= pixels.length) continue;
        pixels[at] = colour[0]; pixels[at + 1] = colour[1]; pixels[at + 2] = colour[2];
      }
  }
  context.putImageData(image, 0, 0);
}

// The binary map frame (docs/API.md): "KMAP", months, farms, practices (uint32 LE), then stages.
function parseMapFrame(buffer) {
  const view = new DataView(buffer);
  const magic = String.fromCharCode(...new Uint8Array(buffer, 0, 4));
  if (magic !== "KMAP") return null;
  const month = view.getUint32(4, true), farms = view.getUint32(8, true), practices = view.getUint32(12, true);
  return { month, farms, practices, stages: new Uint8Array(buffer, 16, farms * practices) };
}

function legendHtml(stages) {
  return stages.map((name) => {
    const c = stageColours[name] || [0, 0, 0];
    return `<span><i style="background: rgb(${c.join(",")})"></i>${name}</span>`;
  }).join("");
}
