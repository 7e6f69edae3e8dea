/* eventlens timeline: events per day, week, month or year, stacked by event type.
 * An event dated only to a month or a year is spread evenly over the bars its period
 * covers (drawn lighter) instead of standing as a spike on the period's first day.
 * Data from the API is untrusted: labels only ever go through textContent. */
(function () {
  "use strict";
  // One colour per PLOVER type, fixed, so a type keeps its colour from view to view.
  const TYPE_ORDER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  const typeColour = (t) => "hsl(" + Math.round((TYPE_ORDER.indexOf(t) * 360) / TYPE_ORDER.length) + ", 55%, 52%)";

  const DAY_MS = 86400000;
  const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
  const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

  function startOf(t, unit) {
    const d = new Date(t);
    if (unit === "week") return t - ((d.getUTCDay() + 6) % 7) * DAY_MS;
    if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    if (unit === "year") return Date.UTC(d.getUTCFullYear(), 0, 1);
    return t;
  }

  // The last day of the unit (or of a month/year period) that starts at t.
  function endOf(t, unit) {
    const d = new Date(t);
    if (unit === "week") return t + 6 * DAY_MS;
    if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - DAY_MS;
    if (unit === "year") return Date.UTC(d.getUTCFullYear() + 1, 0, 1) - DAY_MS;
    return t;
  }

  const chooseUnit = (spanDays) => spanDays <= 62 ? "day" : spanDays <= 400 ? "week" : spanDays <= 3660 ? "month" : "year";

  // One entry per day and precision: exact days, then the month/year periods of that day.
  function entries(summary) {
    const byType = summary.timeline_types || {}, periods = summary.timeline_periods || {};
    const out = [];
    (summary.timeline || []).forEach((d) => {
      const t = Date.parse(d.day);
      if (!Number.isFinite(t)) return;
      const exact = Object.assign({}, byType[d.day] || {});
      Object.entries(periods[d.day] || {}).forEach(([precision, types]) => {
        Object.entries(types).forEach(([type, n]) => { exact[type] = (exact[type] || 0) - n; });
        out.push({ t: t, end: endOf(t, precision), types: types, precision: precision });
      });
      Object.keys(exact).forEach((type) => { if (exact[type] <= 0) delete exact[type]; });
      // A day whose counts carry no type split still counts (older servers).
      if (!Object.keys(exact).length && !periods[d.day]) exact[""] = d.count;
      if (total(exact)) out.push({ t: t, end: t, types: exact, precision: "day" });
    });
    return out;
  }

  function add(into, types, share) {
    Object.entries(types).forEach(([type, n]) => { into[type] = (into[type] || 0) + n * share; });
  }

  /** Bars over the whole span, each with exact and spread counts per type. */
  function buckets(summary) {
    const items = entries(summary);
    if (!items.length) return { unit: "day", bars: [] };
    const first = Math.min(...items.map((e) => e.t)), last = Math.max(...items.map((e) => e.end));
    const unit = chooseUnit((last - first) / DAY_MS + 1);
    const bars = [], index = new Map();
    for (let t = startOf(first, unit); t <= last; t = endOf(t, unit) + DAY_MS) {
      index.set(t, bars.length);
      bars.push({ start: t, end: endOf(t, unit), exact: {}, spread: {} });
    }
    items.forEach((e) => {
      const s = startOf(e.t, unit);
      if (s === startOf(e.end, unit)) { add(bars[index.get(s)].exact, e.types, 1); return; }
      // Spread by the share of the period's days that fall in each bar.
      const days = (e.end - e.t) / DAY_MS + 1;
      for (let t = s; t <= e.end; t = endOf(t, unit) + DAY_MS) {
        const bar = bars[index.get(t)];
        const overlap = (Math.min(bar.end, e.end) - Math.max(bar.start, e.t)) / DAY_MS + 1;
        add(bar.spread, e.types, overlap / days);
      }
    });
    bars.forEach((b) => { b.count = total(b.exact) + total(b.spread); });
    return { unit: unit, bars: bars };
  }

  const svgEl = window.EventLensUI.svg;

  const round = (n) => (Math.abs(n - Math.round(n)) < 0.05 ? String(Math.round(n)) : n.toFixed(1));

  function describe(b, unit) {
    const range = unit === "day" ? iso(b.start) : iso(b.start) + " to " + iso(b.end);
    const spread = total(b.spread);
    return range + ": " + round(b.count) + " events" +
      (spread >= 0.05 ? " (" + round(spread) + " of them spread from dates known only to the month or year)" : "");
  }

  // Segments bottom up in the fixed type order: exact dates solid, spread ones lighter.
  function drawSegments(svg, b, x, width, bottom, height) {
    let y = bottom;
    [["exact", "seg"], ["spread", "seg spread"]].forEach(([part, cls]) => {
      const types = b[part];
      [...TYPE_ORDER, ""].filter((t) => types[t]).forEach((t) => {
        const sh = (height * types[t]) / b.count;
        y -= sh;
        const seg = svgEl("rect", { x: x, y: y, width: width, height: sh, class: cls, "data-type": t });
        if (t) seg.setAttribute("fill", typeColour(t));
        svg.appendChild(seg);
      });
    });
  }

  /** Draw ``summary``'s timeline into #timeline; ``onPick(since, until)`` on a bar's click. */
  function renderTimeline(summary, onPick) {
    const svg = document.getElementById("timeline");
    svg.replaceChildren();
    const { unit, bars } = buckets(summary);
    document.getElementById("timeline-empty").hidden = bars.length > 0;
    document.getElementById("timeline-unit").textContent = unit;
    svg.setAttribute("aria-label", "Events per " + unit);
    if (!bars.length) return;
    const W = svg.clientWidth || 600, H = svg.clientHeight || 180, left = 34, bottom = 20, top = 6;
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    const max = Math.max(...bars.map((b) => b.count));
    const slot = (W - left) / bars.length, plot = H - bottom - top;
    [0, 0.5, 1].forEach((f) => {
      const y = top + plot * (1 - f);
      svg.appendChild(svgEl("line", { x1: left, x2: W, y1: y, y2: y, class: "gridline" }));
      svg.appendChild(svgEl("text", { x: left - 6, y: y + 3, "text-anchor": "end", class: "axis" }, round(max * f)));
    });
    bars.forEach((b, i) => {
      if (b.count < 0.005) return;
      const bh = Math.max(2, (plot * b.count) / max), x = left + i * slot + slot * 0.12, width = Math.max(1.5, slot * 0.76);
      const bar = svgEl("rect", { x: x, y: top + plot - bh, width: width, height: bh, rx: Math.min(2, slot * 0.2), class: "bar" });
      const label = describe(b, unit);
      bar.appendChild(svgEl("title", {}, label));
      bar.dataset.since = iso(b.start);
      window.EventLensUI.pressable(bar, label, () => onPick(iso(b.start), iso(b.end)));
      svg.appendChild(bar);
      drawSegments(svg, b, x, width, top + plot, bh);
    });
    // Up to five date ticks (fewer on a narrow screen), spread evenly, first and last at the ends.
    const tick = (t) => unit === "year" ? iso(t).slice(0, 4) : unit === "month" ? iso(t).slice(0, 7) : iso(t);
    const ticks = Math.min(5, bars.length, Math.max(2, Math.floor((W - left) / 90)));  // ~90 px per label
    for (let k = 0; k < ticks; k++) {
      const i = ticks === 1 ? 0 : Math.round((k * (bars.length - 1)) / (ticks - 1));
      const x = k === 0 ? left : k === ticks - 1 ? W : left + (i + 0.5) * slot;
      const anchor = k === 0 ? "start" : k === ticks - 1 ? "end" : "middle";
      svg.appendChild(svgEl("text", { x: x, y: H - 5, "text-anchor": anchor, class: "axis tick" },
        tick(k === ticks - 1 && unit !== "year" ? bars[i].end : bars[i].start)));
    }
  }

  window.EventLensTimeline = { TYPE_ORDER: TYPE_ORDER, typeColour: typeColour, buckets: buckets, renderTimeline: renderTimeline };
})();
