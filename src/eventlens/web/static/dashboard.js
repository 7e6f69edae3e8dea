/* eventlens dashboard: filters drive the map, the timeline and the events table together.
 * Data from the API is untrusted: it only ever reaches the page through textContent. */
(function () {
  "use strict";
  const FIELDS = ["type", "actor", "country", "since", "until", "text"];
  const PAGE = 25;
  const form = document.getElementById("filters");
  const state = { offset: 0, seq: 0 };
  const map = new window.EventLensMap(document.getElementById("map"), {
    onSelect: (p) => { map.select(p.key); showPlace(p); },
  });

  function h(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function filters() {
    const params = new URLSearchParams();
    FIELDS.forEach((f) => {
      const v = form.elements[f].value.trim();
      if (v) params.set(f, v);
    });
    return params;
  }

  function readUrl() {
    const params = new URLSearchParams(location.search);
    FIELDS.forEach((f) => { if (params.has(f)) form.elements[f].value = params.get(f); });
  }

  async function getJson(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await r.json();
    if (!r.ok) throw new Error((body.error && body.error.message) || r.statusText);
    return body;
  }

  function actorCell(actor) {
    const td = h("td");
    if (!actor) { td.appendChild(h("span", "\u2014", "muted")); return td; }
    td.appendChild(h("span", actor.name || actor.text));
    if (actor.country) { td.appendChild(document.createTextNode(" ")); td.appendChild(h("span", actor.country, "actor-country")); }
    return td;
  }

  function eventRow(ev) {
    const tr = h("tr");
    tr.dataset.eventId = ev.id;
    tr.appendChild(h("td", ev.day || ev.date || "\u2014"));
    const type = h("td");
    const link = h("a", ev.type, "badge");
    link.href = "/events/" + encodeURIComponent(ev.id);
    type.appendChild(link);
    if (ev.status && ev.status !== "occurred") { type.appendChild(document.createTextNode(" ")); type.appendChild(h("span", ev.status, "badge status-" + ev.status)); }
    tr.appendChild(type);
    tr.appendChild(actorCell(ev.source));
    tr.appendChild(actorCell(ev.target));
    const loc = ev.location;
    tr.appendChild(h("td", loc ? [loc.name || loc.text, loc.country].filter(Boolean).join(", ") : "\u2014"));
    const evidence = h("td", null, "evidence");
    evidence.appendChild(h("div", ev.sentence));
    const art = h("a", ev.article_title || "article " + ev.article_id);
    art.href = "/articles/" + encodeURIComponent(ev.article_id) + "#s-" + encodeURIComponent(ev.start);
    evidence.appendChild(art);
    tr.appendChild(evidence);
    return tr;
  }

  function renderTable(page) {
    const body = document.getElementById("events-body");
    body.replaceChildren(...page.events.map(eventRow));
    document.getElementById("events-empty").hidden = page.events.length > 0;
    const last = Math.min(page.offset + page.events.length, page.total);
    document.getElementById("page-info").textContent =
      page.total ? (page.offset + 1) + "\u2013" + last + " of " + page.total.toLocaleString() : "0 events";
    document.getElementById("prev").disabled = page.offset <= 0;
    document.getElementById("next").disabled = last >= page.total;
    document.getElementById("match-count").textContent = page.total.toLocaleString() + " matching events";
  }

  function renderTimeline(days) {
    const svg = document.getElementById("timeline");
    svg.replaceChildren();
    document.getElementById("timeline-empty").hidden = days.length > 0;
    if (!days.length) return;
    const W = svg.clientWidth || 600, H = svg.clientHeight || 180, left = 30, bottom = 20;
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    const start = Date.parse(days[0].day), end = Date.parse(days[days.length - 1].day);
    const span = Math.round((end - start) / 86400000) + 1;
    const max = Math.max(...days.map((d) => d.count));
    const slot = (W - left) / span, NS = "http://www.w3.org/2000/svg";
    [0, 0.5, 1].forEach((f) => {
      const y = (H - bottom) * (1 - f) + (f === 1 ? 4 : 0);
      const line = document.createElementNS(NS, "line");
      Object.entries({ x1: left, x2: W, y1: y, y2: y, class: "gridline" }).forEach(([k, v]) => line.setAttribute(k, v));
      svg.appendChild(line);
      const label = document.createElementNS(NS, "text");
      Object.entries({ x: left - 4, y: y + 3, "text-anchor": "end", class: "axis" }).forEach(([k, v]) => label.setAttribute(k, v));
      label.textContent = String(Math.round(max * f));
      svg.appendChild(label);
    });
    days.forEach((d) => {
      const i = Math.round((Date.parse(d.day) - start) / 86400000);
      const bh = Math.max(2, ((H - bottom - 4) * d.count) / max);
      const bar = document.createElementNS(NS, "rect");
      Object.entries({ x: left + i * slot + slot * 0.1, y: H - bottom - bh, width: Math.max(1, slot * 0.8), height: bh, class: "bar" })
        .forEach(([k, v]) => bar.setAttribute(k, v));
      const title = document.createElementNS(NS, "title");
      title.textContent = d.day + ": " + d.count + " events";
      bar.appendChild(title);
      bar.addEventListener("click", () => { form.elements.since.value = d.day; form.elements.until.value = d.day; apply(); });
      svg.appendChild(bar);
    });
    [days[0].day, days[days.length - 1].day].forEach((day, j) => {
      const label = document.createElementNS(NS, "text");
      Object.entries({ x: j ? W : left, y: H - 5, "text-anchor": j ? "end" : "start", class: "axis" }).forEach(([k, v]) => label.setAttribute(k, v));
      label.textContent = day;
      svg.appendChild(label);
    });
  }

  function showPlace(p) {
    document.getElementById("map-info").textContent = p.label + ": " + p.count + " events";
  }

  function renderMap(summary) {
    map.setCountries(summary.countries || {});
    map.setPoints(summary.places.map((p, i) => ({
      key: i, lat: p.lat, lon: p.lon, count: p.count,
      label: [p.name, p.country].filter(Boolean).join(", "),
    })));
    document.getElementById("map-info").textContent =
      summary.places.length + " places" + (summary.unlocated ? " \u00b7 " + summary.unlocated + " events without a location" : "");
  }

  async function apply(keepOffset) {
    if (!keepOffset) state.offset = 0;
    const params = filters();
    history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
    const seq = ++state.seq;
    const page = new URLSearchParams(params);
    page.set("limit", PAGE); page.set("offset", state.offset);
    document.getElementById("error").hidden = true;
    try {
      const [events, summary] = await Promise.all([getJson("/api/events?" + page), getJson("/api/summary?" + params)]);
      if (seq !== state.seq) return;
      renderTable(events);
      renderTimeline(summary.timeline);
      renderMap(summary);
      document.body.dataset.loaded = String(seq);
    } catch (err) {
      const box = document.getElementById("error");
      box.textContent = "Could not load events: " + err.message;
      box.hidden = false;
    }
  }

  let timer = null;
  form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
  form.addEventListener("change", () => apply());
  form.elements.text.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(apply, 350); });
  form.elements.actor.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(apply, 350); });
  document.getElementById("clear-filters").addEventListener("click", () => { form.reset(); apply(); });
  document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); apply(true); });
  document.getElementById("next").addEventListener("click", () => { state.offset += PAGE; apply(true); });
  readUrl();
  map.ready.then(() => apply(), () => apply());
})();
