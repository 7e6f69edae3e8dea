/* eventlens dashboard: filters drive the map, the timeline and the events table together.
 * Data from the API is untrusted: it only ever reaches the page through textContent. */
(function () {
  "use strict";
  const FIELDS = ["type", "actor", "country", "since", "until", "text", "min_confidence", "status", "sector", "near", "source_country", "target_country", "undated"];
  const DYAD_SIDE = 8;  // the matrix shows this many busiest source and target countries
  // "any" stays in the page URL (so a reload keeps it over the 0.3 default) but is not sent to the API.
  const ANY = "any";
  const PAGE = 25;
  const form = document.getElementById("filters");
  const state = { offset: 0, seq: 0 };
  const NEAR_KM = 25;
  const map = new window.EventLensMap(document.getElementById("map"), {
    // A place on the map filters everything to the events within NEAR_KM of it.
    onSelect: (p) => { map.select(p.key); showPlace(p); form.elements.near.value = [p.lat, p.lon, NEAR_KM].join(","); apply(); },
  });

  // Enter or Space on a focusable chart element acts as a click (type rows, dyad cells).
  const pressable = window.EventLensUI.pressable;

  function h(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function filters(forUrl) {
    const params = new URLSearchParams();
    FIELDS.forEach((f) => {
      const v = form.elements[f].value.trim();
      if (v && (forUrl || v !== ANY)) params.set(f, v);
    });
    return params;
  }

  function readUrl() {
    const params = new URLSearchParams(location.search);
    FIELDS.forEach((f) => {
      const el = form.elements[f], v = params.get(f);
      // A select keeps its default when the URL names none of its options.
      if (v !== null && (el.tagName !== "SELECT" || [...el.options].some((o) => o.value === v))) el.value = v;
    });
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
    // An actor's name opens its view: every event it is source or target of, its
    // places, its timeline and its quotes (the dashboard filtered on the name).
    const name = actor.name || actor.text;
    if (name) {
      const link = h("a", name, "actor-link");
      link.href = "/?" + new URLSearchParams({ actor: name, min_confidence: form.elements.min_confidence.value, status: form.elements.status.value });
      td.appendChild(link);
    } else td.appendChild(h("span", "(implied)", "muted"));
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
    tr.appendChild(h("td", typeof ev.confidence === "number" ? ev.confidence.toFixed(2) : "\u2014", "confidence"));
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
    document.getElementById("match-count").textContent =
      page.total.toLocaleString() + (page.total === 1 ? " matching event" : " matching events");
  }

  const { typeColour, renderTimeline } = window.EventLensTimeline;

  function renderTypes(types) {
    const list = document.getElementById("types");
    const entries = Object.entries(types).sort((a, b) => b[1] - a[1]);
    const max = Math.max(1, ...entries.map((e) => e[1]));
    list.replaceChildren(...entries.map(([type, n]) => {
      const li = h("li");
      const swatch = h("span", null, "swatch");
      swatch.style.background = typeColour(type);
      li.appendChild(swatch);
      li.appendChild(h("span", type, "type-name"));
      const track = h("span", null, "track"), fill = h("span", null, "fill");
      fill.style.display = "block";
      fill.style.width = ((100 * n) / max).toFixed(1) + "%";
      track.appendChild(fill);
      li.appendChild(track);
      li.appendChild(h("span", n.toLocaleString(), "n"));
      pressable(li, type + ": " + n + " events", () => { form.elements.type.value = type; apply(); });
      return li;
    }));
  }

  // Events with no date at all are counted, not drawn: a button shows just them.
  function renderUndated(n) {
    const box = document.getElementById("undated");
    box.replaceChildren();
    if (!n || form.elements.undated.value === "true") return;
    box.appendChild(document.createTextNode(" \u00b7 "));
    const button = h("button", n.toLocaleString() + " undated (not drawn): show them", "linkish");
    button.type = "button";
    button.addEventListener("click", () => { form.elements.undated.value = "true"; apply(); });
    box.appendChild(button);
  }

  function renderExports(params) {
    ["csv", "jsonl", "parquet"].forEach((fmt) => {
      const q = new URLSearchParams(params);
      q.set("format", fmt);
      document.getElementById("export-" + fmt).href = "/api/export?" + q;
    });
  }

  function renderQuotes(body) {
    const list = document.getElementById("quotes");
    list.replaceChildren(...body.quotes.map((q) => {
      const li = h("li");
      li.appendChild(h("q", q.text.replace(/^["\u201c]|["\u201d,]+$/g, "")));
      const who = h("div", null, "muted");
      who.appendChild(h("span", (q.speaker_name || "unattributed") + (q.speaker_country ? " (" + q.speaker_country + ")" : "") + " \u2014 "));
      const art = h("a", q.article_title || "article " + q.article_id);
      art.href = "/articles/" + encodeURIComponent(q.article_id);
      who.appendChild(art);
      li.appendChild(who);
      return li;
    }));
    document.getElementById("quotes-empty").hidden = body.quotes.length > 0;
    document.getElementById("quotes-count").textContent = body.total.toLocaleString() + (body.total === 1 ? " quote" : " quotes");
  }

  function renderDyads(body) {
    const table = document.getElementById("dyads");
    const rank = (key) => {
      const totals = new Map();
      body.dyads.forEach((d) => totals.set(d[key], (totals.get(d[key]) || 0) + d.count));
      return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, DYAD_SIDE).map((e) => e[0]);
    };
    const sources = rank("source"), targets = rank("target");
    const cell = new Map(body.dyads.map((d) => [d.source + ">" + d.target, d.count]));
    const head = h("tr");
    head.appendChild(h("th", "source \u2193 / target \u2192"));
    targets.forEach((t) => head.appendChild(h("th", t)));
    const rows = sources.map((src) => {
      const tr = h("tr");
      tr.appendChild(h("th", src));
      targets.forEach((tgt) => {
        const n = cell.get(src + ">" + tgt) || 0;
        const td = h("td", n ? n.toLocaleString() : "", n ? "dyad" : "dyad none");
        if (n) pressable(td, src + " to " + tgt + ": " + n + " events", () => {
          form.elements.source_country.value = src; form.elements.target_country.value = tgt; apply();
        });
        tr.appendChild(td);
      });
      return tr;
    });
    table.replaceChildren(...(sources.length ? [head, ...rows] : []));
    document.getElementById("dyads-empty").hidden = sources.length > 0;
  }

  function clearResults() {
    // A failed query must not leave the previous answer on screen as if it were this one's.
    document.getElementById("events-body").replaceChildren();
    document.getElementById("match-count").textContent = "";
    document.getElementById("page-info").textContent = "";
    document.getElementById("timeline").replaceChildren();
    document.getElementById("types").replaceChildren();
    document.getElementById("dyads").replaceChildren();
    map.setPoints([]);
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
      summary.places.length + " places" + (summary.unlocated ? " \u00b7 " + summary.unlocated + " events without a location" : "") +
      (summary.places.length ? " \u00b7 click a place to filter" : "");
  }

  async function apply(keepOffset, fromHistory) {
    if (!keepOffset) state.offset = 0;
    const params = filters(false), shown = filters(true);
    const url = shown.toString() ? "?" + shown : location.pathname;
    // Each filter change is a history entry, so Back undoes it.
    if (fromHistory || url === location.search || (url === location.pathname && !location.search)) history.replaceState(null, "", url);
    else history.pushState(null, "", url);
    const seq = ++state.seq;
    const page = new URLSearchParams(params);
    page.set("limit", PAGE); page.set("offset", state.offset);
    const quotes = new URLSearchParams({ limit: 10 });
    ["since", "until"].forEach((f) => { if (params.get(f)) quotes.set(f, params.get(f)); });
    if (params.get("actor")) quotes.set("speaker", params.get("actor"));
    document.getElementById("error").hidden = true;
    renderExports(params);
    try {
      const [events, summary, said, dyads] = await Promise.all([
        getJson("/api/events?" + page), getJson("/api/summary?" + params), getJson("/api/quotes?" + quotes),
        getJson("/api/dyads?" + params)]);
      if (seq !== state.seq) return;
      renderTable(events);
      renderTimeline(summary, (start, end) => { form.elements.since.value = start; form.elements.until.value = end; apply(); });
      renderUndated(summary.undated);
      renderTypes(summary.types || {});
      renderMap(summary);
      renderQuotes(said);
      renderDyads(dyads);
      document.body.dataset.loaded = String(seq);
    } catch (err) {
      if (seq !== state.seq) return;
      clearResults();
      const box = document.getElementById("error");
      box.textContent = "Could not load events: " + err.message;
      box.hidden = false;
      document.body.dataset.loaded = "error-" + seq;
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
  window.addEventListener("popstate", () => { form.reset(); readUrl(); apply(false, true); });
  readUrl();
  apply(false, true);
})();
