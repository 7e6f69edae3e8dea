/* eventlens map: country outlines from the vendored TopoJSON drawn as SVG, with event
 * markers. Plain equirectangular projection (x = lon, y = -lat): the outlines are
 * computed once and zooming only changes the viewBox. All labels go through
 * textContent; nothing here builds HTML from data. */
(function () {
  "use strict";
  const WORLD = { x: -180, y: -84, w: 360, h: 144 };
  const CLUSTER_PX = 22;  // places nearer than this on screen are drawn as one cluster
  const MIN_VIEW_W = 2;   // the deepest zoom: the view is 2 degrees wide
  let basemapPromise = null;

  function decodeArcs(topology) {
    const [sx, sy] = topology.transform.scale;
    const [tx, ty] = topology.transform.translate;
    return topology.arcs.map((arc) => {
      let x = 0, y = 0;
      return arc.map(([dx, dy]) => {
        x += dx; y += dy;
        return [x * sx + tx, y * sy + ty];
      });
    });
  }

  function ringPath(ring, arcs) {
    const pts = [];
    ring.forEach((index, i) => {
      const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
      arc.forEach((p, j) => { if (i === 0 || j > 0) pts.push(p); });
    });
    // Rings that cross the antimeridian (Russia, Fiji) jump by ~360 degrees: keep them
    // continuous instead of drawing a line across the whole map.
    let shift = 0;
    const out = pts.map(([lon, lat], i) => {
      if (i > 0) {
        const jump = lon - pts[i - 1][0];
        if (jump > 180) shift -= 360;
        else if (jump < -180) shift += 360;
      }
      return (lon + shift).toFixed(2) + " " + (-lat).toFixed(2);
    });
    return "M" + out.join("L") + "Z";
  }

  function countryPaths(topology) {
    const arcs = decodeArcs(topology);
    return topology.objects.countries.geometries
      .filter((g) => g.arcs && g.properties.a3 !== "ATA")
      .map((g) => {
        const polys = g.type === "Polygon" ? [g.arcs] : g.arcs;
        const d = polys.map((poly) => poly.map((ring) => ringPath(ring, arcs)).join("")).join("");
        return { d: d, name: g.properties.name, a3: g.properties.a3 };
      });
  }

  function loadBasemap() {
    if (!basemapPromise) {
      basemapPromise = fetch("/static/basemap/countries-50m.json")
        .then((r) => { if (!r.ok) throw new Error("basemap " + r.status); return r.json(); })
        .then(countryPaths);
    }
    return basemapPromise;
  }

  const el = window.EventLensUI.svg;

  class EventMap {
    constructor(svg, options) {
      this.svg = svg;
      this.options = options || {};
      this.view = Object.assign({}, WORLD);
      this.points = [];
      this.selected = null;
      this.countryLayer = el("g", { class: "countries" });
      this.markerLayer = el("g", { class: "markers" });
      svg.appendChild(this.countryLayer);
      svg.appendChild(this.markerLayer);
      this.tip = svg.parentNode.querySelector(".map-tip");
      this.ready = loadBasemap().then((paths) => this.drawCountries(paths));
      this.applyView();
      this.bindInteraction();
    }

    drawCountries(paths) {
      this.countryNodes = {};
      paths.forEach((c) => {
        const path = el("path", { d: c.d, class: "country" });
        const title = el("title");
        title.textContent = c.name;
        path.appendChild(title);
        path.dataset.name = c.name;
        this.countryLayer.appendChild(path);
        if (c.a3) this.countryNodes[c.a3] = path;
      });
      this.svg.setAttribute("data-basemap", "ready");
      if (this.countryCounts) this.setCountries(this.countryCounts);
    }

    setCountries(counts) {
      this.countryCounts = counts;
      if (!this.countryNodes) return;
      const max = Math.max(1, ...Object.values(counts));
      Object.entries(this.countryNodes).forEach(([a3, node]) => {
        const n = counts[a3] || 0;
        node.classList.toggle("has-events", n > 0);
        node.classList.toggle("hot", n > 0 && n >= max / 2);
        // The count per country, where it happened (else the source's country).
        node.dataset.count = String(n);
        node.querySelector("title").textContent = node.dataset.name + (n ? ": " + n.toLocaleString() + (n === 1 ? " event" : " events") : "");
      });
    }

    setPoints(points, fit) {
      this.points = points.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
      if (fit !== false) this.fit();
      this.drawMarkers();
    }

    pixelScale() {
      const width = this.svg.clientWidth || 800;
      const height = this.svg.clientHeight || 360;
      return Math.max(this.view.w / width, this.view.h / height);
    }

    // Places closer than CLUSTER_PX on screen become one cluster (busiest place first,
    // greedy); at the deepest zoom nothing is merged, so every place can be reached.
    clusters(unit) {
      const reach = CLUSTER_PX * unit, deepest = this.view.w <= MIN_VIEW_W * 1.01;
      const groups = [];
      [...this.points].sort((a, b) => (b.count || 1) - (a.count || 1)).forEach((p) => {
        // The selected place stays a marker of its own, so the selection stays visible.
        const own = deepest || (this.selected !== null && p.key === this.selected);
        const g = own ? null : groups.find((c) => !c.fixed && Math.hypot(c.x - p.lon, c.y + p.lat) < reach);
        if (g) { g.members.push(p); g.count += p.count || 1; }
        else groups.push({ x: p.lon, y: -p.lat, members: [p], count: p.count || 1, fixed: own && !deepest });
      });
      return groups;
    }

    drawMarkers() {
      this.markerLayer.replaceChildren();
      const unit = this.pixelScale();
      const groups = this.clusters(unit);
      const max = Math.max(1, ...groups.map((g) => g.count));
      groups.forEach((g) => {
        const radius = (4 + 8 * Math.sqrt(g.count / max)) * unit;
        if (g.members.length === 1) { this.drawPlace(g.members[0], radius); return; }
        this.drawCluster(g, Math.max(radius, 9 * unit), unit);
      });
      const sel = this.markerLayer.querySelector(".selected");
      if (sel) this.markerLayer.appendChild(sel);
    }

    drawPlace(p, radius) {
      const dot = el("circle", { cx: p.lon, cy: -p.lat, r: radius, class: "marker" });
      if (p.key !== undefined) dot.setAttribute("data-key", p.key);
      if (this.selected !== null && p.key === this.selected) dot.classList.add("selected");
      const label = p.label + (p.count > 1 ? ", " + p.count + " events" : "");
      this.interactive(dot, label, () => { if (this.options.onSelect) this.options.onSelect(p); });
      this.markerLayer.appendChild(dot);
    }

    // A cluster shows how many places it holds and zooms in on them when chosen.
    drawCluster(g, radius, unit) {
      const names = g.members.slice(0, 3).map((p) => p.label).join("; ");
      const label = g.members.length + " places, " + g.count + " events (" + names +
        (g.members.length > 3 ? "; \u2026" : "") + "): zoom in";
      const dot = el("circle", { cx: g.x, cy: g.y, r: radius, class: "marker cluster", "data-places": g.members.length });
      this.interactive(dot, label, () => this.zoomTo(g.members));
      this.markerLayer.appendChild(dot);
      const text = el("text", { x: g.x, y: g.y + 4 * unit, "text-anchor": "middle", class: "cluster-label", "font-size": 11 * unit });
      text.textContent = String(g.members.length);
      this.markerLayer.appendChild(text);
    }

    interactive(node, label, action) {
      node.addEventListener("mouseenter", (e) => this.showTip(e, label));
      node.addEventListener("mouseleave", () => this.hideTip());
      // Keyboard: Tab reaches each marker, Enter or Space acts as a click.
      window.EventLensUI.pressable(node, label, action);
    }

    zoomTo(members) {
      const xs = members.map((p) => p.lon), ys = members.map((p) => -p.lat);
      const span = Math.max(Math.max(...xs) - Math.min(...xs), (Math.max(...ys) - Math.min(...ys)) * 2);
      const w = Math.max(MIN_VIEW_W, Math.min(span * 2.5, this.view.w / 3));
      this.centre((Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2, w);
    }

    select(key, zoom) {
      this.selected = key;
      const p = this.points.find((q) => q.key === key);
      if (p && zoom) this.centre(p.lon, -p.lat, Math.min(this.view.w, 30));
      this.drawMarkers();
    }

    showTip(event, label) {
      if (!this.tip) return;
      this.tip.textContent = label;
      const box = this.svg.getBoundingClientRect();
      this.tip.style.left = event.clientX - box.left + 12 + "px";
      this.tip.style.top = event.clientY - box.top + 12 + "px";
      this.tip.style.display = "block";
    }

    hideTip() { if (this.tip) this.tip.style.display = "none"; }

    fit() {
      if (!this.points.length) { this.view = Object.assign({}, WORLD); this.applyView(); return; }
      const xs = this.points.map((p) => p.lon), ys = this.points.map((p) => -p.lat);
      const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
      const w = Math.max(x1 - x0, 8) * 1.5, h = Math.max(y1 - y0, 5) * 1.5;
      this.centre((x0 + x1) / 2, (y0 + y1) / 2, Math.min(Math.max(w, h * 2.2), WORLD.w));
    }

    centre(cx, cy, w) {
      const aspect = (this.svg.clientHeight || 360) / (this.svg.clientWidth || 800);
      const h = w * aspect;
      this.view = { x: cx - w / 2, y: cy - h / 2, w: w, h: h };
      this.applyView();
    }

    zoom(factor, cx, cy) {
      const v = this.view;
      const w = Math.min(Math.max(v.w * factor, MIN_VIEW_W), WORLD.w * 1.2);
      const px = cx === undefined ? v.x + v.w / 2 : cx, py = cy === undefined ? v.y + v.h / 2 : cy;
      const k = w / v.w;
      this.view = { x: px - (px - v.x) * k, y: py - (py - v.y) * k, w: w, h: v.h * k };
      this.applyView();
    }

    applyView() {
      const v = this.view;
      this.svg.setAttribute("viewBox", [v.x, v.y, v.w, v.h].map((n) => n.toFixed(3)).join(" "));
      if (this.points.length) this.drawMarkers();
    }

    toMap(event) {
      const box = this.svg.getBoundingClientRect();
      const unit = this.pixelScale();
      const cx = this.view.x + this.view.w / 2 + (event.clientX - box.left - box.width / 2) * unit;
      const cy = this.view.y + this.view.h / 2 + (event.clientY - box.top - box.height / 2) * unit;
      return [cx, cy];
    }

    bindInteraction() {
      let drag = null;
      this.svg.addEventListener("wheel", (e) => {
        e.preventDefault();
        const [cx, cy] = this.toMap(e);
        this.zoom(e.deltaY < 0 ? 0.8 : 1.25, cx, cy);
      }, { passive: false });
      this.svg.addEventListener("pointerdown", (e) => { drag = { x: e.clientX, y: e.clientY }; });
      window.addEventListener("pointerup", () => { drag = null; });
      this.svg.addEventListener("pointermove", (e) => {
        if (!drag) return;
        const unit = this.pixelScale();
        this.view.x -= (e.clientX - drag.x) * unit;
        this.view.y -= (e.clientY - drag.y) * unit;
        drag = { x: e.clientX, y: e.clientY };
        this.applyView();
      });
      const tools = this.svg.parentNode.querySelector(".map-tools");
      if (!tools) return;
      tools.querySelector("[data-zoom=in]").addEventListener("click", () => this.zoom(0.6));
      tools.querySelector("[data-zoom=out]").addEventListener("click", () => this.zoom(1.6));
      tools.querySelector("[data-zoom=fit]").addEventListener("click", () => { this.fit(); });
    }
  }

  window.EventLensMap = EventMap;
})();
