// wiregold render: the page's script (inlined). Reads the JSON in #wg-data, never
// writes markup from data (textContent and createElement only), and on load writes a
// self-check of the page into #selfcheck (read by the tests through --dump-dom).
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("wg-data").textContent);
  const docEl = document.getElementById("doc");
  const info = document.getElementById("info-body");
  const jsErrors = [];
  window.addEventListener("error", (e) => jsErrors.push(String(e.message)));

  // Fragments of every marked item, by "kind:id", in document order.
  const index = new Map();
  for (const el of docEl.querySelectorAll("[data-kind]")) {
    const key = el.dataset.kind + ":" + el.dataset.id;
    if (!index.has(key)) index.set(key, []);
    index.get(key).push(el);
  }
  const frags = (kind, id) => index.get(kind + ":" + id) || [];
  const byTarget = (target) => index.get(target) || [];

  // ------------------------------------------------------------------ panel helpers
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function kv(pairs) {
    const dl = el("dl", null, "kv");
    for (const [k, v] of pairs) {
      if (v === undefined || v === null || v === "") continue;
      dl.append(el("dt", k));
      const dd = el("dd");
      if (v instanceof Node) dd.append(v); else dd.textContent = String(v);
      dl.append(dd);
    }
    return dl;
  }
  function jump(kind, id, label) {
    const b = el("button", label, "link");
    b.type = "button";
    b.addEventListener("click", (e) => { e.stopPropagation(); select(kind, id, []); reveal(frags(kind, id)); });
    return b;
  }
  let quiet = false; // no scrolling while the self-check clicks around
  function reveal(els) {
    if (!els.length || quiet) return;
    const box = els[0].getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) els[0].scrollIntoView({ block: "center", behavior: "auto" });
    for (const f of els) { f.classList.remove("flash"); void f.offsetWidth; f.classList.add("flash"); }
  }
  const entityName = (id) => (data.entities[id] ? data.entities[id].name + " (" + id + ")" : id || "—");
  const countText = (c) => {
    if (!c) return "—";
    if (c.value === null && c.low === null && c.high === null) return c.precision || "unknown";
    let shown = c.value !== null ? String(c.value) : (c.low ?? "?") + "–" + (c.high ?? "?");
    return shown + " (" + (c.precision || "unspecified") + ")";
  };

  // ------------------------------------------------------------------- selection
  const marked = [];
  function mark(els, cls, role) {
    for (const f of els) {
      f.classList.add(cls);
      if (role) f.dataset.role = role;
      marked.push([f, cls, role]);
    }
  }
  function clear() {
    for (const [f, cls, role] of marked) {
      f.classList.remove(cls);
      if (role) delete f.dataset.role;
    }
    marked.length = 0;
    for (const s of document.querySelectorAll("tr.sel, ol.errs li.sel")) s.classList.remove("sel");
  }

  function describe(kind, id) {
    const out = [];
    if (kind === "mention") {
      const m = data.mentions[id];
      const e = data.entities[m.entity] || {};
      const mates = data.entity_mentions[m.entity] || [];
      mark(mates.flatMap((mid) => frags("mention", mid)), "hl");
      out.push(el("h3", "Mention " + id + ": “" + m.text + "”"));
      out.push(kv([["type", m.type + (m.subtype ? "." + m.subtype : "")], ["kind", m.kind],
        ["head", m.head ? m.head.text : ""], ["GPE role", m.gpe_role], ["metonymy", m.metonymy]]));
      out.push(el("h3", "Entity " + m.entity + ": " + (e.name || "?")));
      out.push(kv([["type", (e.type || "") + (e.subtype ? "." + e.subtype : "")], ["class", e.class],
        ["mentions", String(mates.length) + " (highlighted)"]]));
      const list = el("div", null, "chain");
      for (const mid of mates) list.append(jump("mention", mid, data.mentions[mid].text));
      out.push(list);
    } else if (kind === "trigger") {
      const ev = data.events[id];
      const hopper = data.hoppers[ev.hopper] || {};
      const mates = (data.hopper_events[ev.hopper] || []).filter((x) => x !== id);
      mark(mates.flatMap((x) => frags("trigger", x)), "hop");
      out.push(el("h3", "Event " + id + ": “" + ev.trigger.text + "”"));
      out.push(kv([["type", ev.type], ["realis", ev.realis], ["hopper", ev.hopper ? ev.hopper + ": " + (hopper.description || "") : ""],
        ["hopper mates", mates.length ? mates.length + " (red ring)" : "none"]]));
      const ul = el("ul");
      for (const a of ev.arguments || []) {
        const target = a.mention ? ["mention", a.mention] : ["timex", a.timex];
        mark(frags(target[0], target[1]), "arg", a.role);
        const item = target[0] === "mention" ? data.mentions[target[1]] : data.timexes[target[1]];
        const li = el("li");
        li.append(el("b", a.role + ": "), jump(target[0], target[1], item ? item.text : target[1]));
        ul.append(li);
      }
      out.push(el("div", "Arguments (labelled in the text):", "muted"), ul);
    } else if (kind === "quote" || kind === "cue" || kind === "source") {
      const q = data.quotes[id];
      for (const part of ["quote", "cue", "source"]) mark(frags(part, id), "hl");
      const people = (list, role) => {
        const box = el("span");
        for (const p of list || []) {
          if (p.mention) mark(frags("mention", p.mention), "arg", role);
          box.append(p.mention ? jump("mention", p.mention, entityName(p.entity)) : el("span", entityName(p.entity) + " "));
        }
        return list && list.length ? box : "none";
      };
      out.push(el("h3", "Quote " + id + " (" + q.kind + ")"));
      out.push(el("p", "“" + q.content.text + "”", "quote-text"));
      out.push(kv([["speakers", people(q.speakers, "speaker")], ["addressees", people(q.addressees, "addressee")],
        ["cue", q.cue ? q.cue.text : "none"], ["source", q.source ? q.source.text : "none"]]));
    } else if (kind === "timex") {
      const t = data.timexes[id];
      out.push(el("h3", "Time expression " + id + ": “" + t.text + "”"));
      out.push(kv([["type", t.type], ["value", t.value], ["mod", t.mod], ["anchor", t.anchor], ["function", t.function]]));
    } else if (kind === "evidence") {
      const c = data.casualties[id];
      mark(frags("evidence", id), "hl");
      for (const mid of (c.victims && c.victims.mentions) || []) mark(frags("mention", mid), "arg", "victim");
      const row = document.querySelector('#casualties tr[data-record="' + CSS.escape(id) + '"]');
      if (row) row.classList.add("sel");
      out.push(el("h3", "Casualty record " + id + ": " + c.kind + " " + countText(c.count)));
      out.push(kv([["victims", (c.victims && (c.victims.description || (c.victims.groups || []).join(", "))) || "—"],
        ["perpetrators", (c.perpetrators || []).map(entityName).join(", ")],
        ["places", (c.places || []).map(entityName).join(", ")],
        ["times", (c.times || []).map((t) => (data.timexes[t] ? data.timexes[t].text + " " + data.timexes[t].value : t)).join(", ")],
        ["events", (c.hoppers || []).map((h) => h + (data.hoppers[h] ? ": " + data.hoppers[h].description : "")).join("; ")],
        ["source", c.reported_by ? (c.reported_by.entity ? entityName(c.reported_by.entity) : c.reported_by.description || "unspecified") : "—"],
        ["evidence", (c.evidence || []).length + " span(s), hatched in the text"]]));
    } else if (kind === "zone") {
      const z = data.zones[id];
      out.push(el("h3", "Zone " + id + ": " + z.type));
      out.push(kv([["language", z.language], ["annotated", z.annotated ? "yes" : "no: the guidelines leave it unannotated"],
        ["span", "[" + z.start + ", " + z.end + ")"]]));
    } else if (kind === "pred") {
      out.push(el("h3", "Predicted item (not in the gold at this span)"));
    }
    return out;
  }

  function errorsOf(target) {
    const found = (data.by_target && data.by_target[target]) || [];
    if (!found.length) return [];
    const box = el("div");
    box.append(el("h3", found.length + " error(s) here"));
    const ol = el("ol", null, "errs");
    for (const i of found) {
      const e = data.errors[i];
      const li = el("li", null, "o-" + e.outcome);
      li.append(el("b", e.category.replace(/_/g, " ")));
      if (e.gold !== null) li.append(el("div", "gold: " + e.gold));
      if (e.pred !== null) li.append(el("div", "pred: " + e.pred));
      if (e.detail) li.append(el("div", e.detail, "muted"));
      ol.append(li);
      const listed = document.querySelector('ol.errs li[data-error="' + i + '"]');
      if (listed) listed.classList.add("sel");
    }
    box.append(ol);
    return [box];
  }

  let current = null;
  function select(kind, id, chain) {
    clear();
    current = kind + ":" + id;
    mark(frags(kind, id), "sel");
    info.replaceChildren();
    if (chain && chain.length > 1) {
      const bar = el("div", null, "chain");
      bar.append(el("span", "Here:", "muted"));
      for (const [k, i] of chain) {
        const b = el("button", k + " " + i);
        b.type = "button";
        if (k + ":" + i === current) b.classList.add("on");
        b.addEventListener("click", (e) => { e.stopPropagation(); select(k, i, chain); });
        bar.append(b);
      }
      info.append(bar);
    }
    info.append(...describe(kind, id), ...errorsOf(current));
  }

  docEl.addEventListener("click", (e) => {
    const chain = [];
    for (let n = e.target; n && n !== docEl; n = n.parentElement) {
      if (n.dataset && n.dataset.kind) {
        const pair = [n.dataset.kind, n.dataset.id];
        if (!chain.some(([k, i]) => k === pair[0] && i === pair[1])) chain.push(pair);
      }
    }
    if (!chain.length) { clear(); return; }
    // Clicking the selected item again selects the one around it.
    const at = chain.findIndex(([k, i]) => k + ":" + i === current);
    const [k, i] = chain[at >= 0 && at + 1 < chain.length ? at + 1 : 0];
    select(k, i, chain);
  });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") { clear(); current = null; } });

  for (const row of document.querySelectorAll("#casualties tbody tr[data-record], #casualties tbody tr[data-pred]")) {
    row.addEventListener("click", () => {
      const [kind, id] = row.dataset.record ? ["evidence", row.dataset.record] : ["pred", row.dataset.pred];
      select(kind, id, []);
      reveal(frags(kind, id));
      row.classList.add("sel");
    });
  }
  for (const li of document.querySelectorAll("ol.errs li[data-error]")) {
    li.addEventListener("click", () => {
      clear();
      const e = data.errors[Number(li.dataset.error)];
      const els = e.targets.flatMap(byTarget);
      mark(els, "sel");
      li.classList.add("sel");
      info.replaceChildren(...errorsOf(e.targets[0] || ""));
      if (!e.targets.length) info.append(el("p", "Not placed in the text (no offsets): " + (e.gold || e.pred || ""), "muted"));
      reveal(els);
    });
  }
  for (const box of document.querySelectorAll(".toggles input[data-layer]")) {
    box.addEventListener("change", () => document.body.classList.toggle("show-" + box.dataset.layer, box.checked));
  }

  // ------------------------------------------------------------------ self-check
  function selfcheck() {
    const out = { view: data.view, doc_id: data.doc_id, text_ok: docEl.textContent === data.text, layers: {}, interactions: {} };
    const layers = { zones: "zone", mentions: "mention", timexes: "timex", events: "trigger", quotes: "quote", casualties: "evidence" };
    const textOf = {
      events: (x) => x.trigger.text,
      quotes: (x) => x.content.text,
      casualties: (x) => [...x.evidence].sort((a, b) => a.start - b.start).map((s) => s.text).join(""),
    };
    for (const [layer, kind] of Object.entries(layers)) {
      const ids = Object.keys(data[layer] || {});
      const missing = [], mismatch = [];
      for (const id of ids) {
        const els = frags(kind, id);
        if (!els.length) { missing.push(id); continue; }
        const want = (textOf[layer] || ((x) => x.text))(data[layer][id]);
        if (els.map((f) => f.textContent).join("") !== want) mismatch.push(id);
      }
      out.layers[layer] = { expected: ids.length, found: ids.length - missing.length, missing, text_mismatch: mismatch,
        elements: docEl.querySelectorAll('[data-kind="' + kind + '"]').length };
    }
    const distinct = (cls, kind) => new Set([...docEl.querySelectorAll("." + cls + '[data-kind="' + kind + '"]')].map((f) => f.dataset.id)).size;
    const it = out.interactions;
    const entity = Object.keys(data.entity_mentions).find((e) => data.entity_mentions[e].length > 1);
    if (entity) {
      const mid = data.entity_mentions[entity][0];
      select("mention", mid, []);
      it.entity = { id: entity, mentions: data.entity_mentions[entity].length, highlighted: distinct("hl", "mention"),
        panel: info.textContent.includes(data.entities[entity].name) };
    }
    const ev = Object.values(data.events).find((x) => (x.arguments || []).length && x.hopper && data.hopper_events[x.hopper].length > 1);
    if (ev) {
      select("trigger", ev.id, []);
      const targets = new Set(ev.arguments.map((a) => (a.mention ? "mention:" : "timex:") + (a.mention || a.timex)));
      const labelled = new Set([...docEl.querySelectorAll(".arg[data-role]")].map((f) => f.dataset.kind + ":" + f.dataset.id));
      it.event = { id: ev.id, arguments: targets.size, labelled: labelled.size,
        hopper_mates: data.hopper_events[ev.hopper].length - 1, hop_highlighted: distinct("hop", "trigger"),
        panel: info.textContent.includes(ev.type) };
    }
    const q = Object.values(data.quotes).find((x) => x.cue && x.speakers.some((s) => s.mention));
    if (q) {
      select("cue", q.id, []);
      const speaker = q.speakers.find((s) => s.mention).mention;
      it.quote = { id: q.id, content: frags("quote", q.id).every((f) => f.classList.contains("hl")),
        cue: frags("cue", q.id).every((f) => f.classList.contains("hl")),
        speaker: frags("mention", speaker).every((f) => f.dataset.role === "speaker") };
    }
    const row = document.querySelector("#casualties tbody tr[data-record]");
    if (row) {
      row.click();
      const id = row.dataset.record;
      it.casualty = { id, evidence: frags("evidence", id).length, highlighted: frags("evidence", id).filter((f) => f.classList.contains("hl")).length,
        row_selected: row.classList.contains("sel") };
    }
    const li = document.querySelector("ol.errs li[data-error]");
    if (li) {
      li.click();
      const e = data.errors[Number(li.dataset.error)];
      const els = e.targets.flatMap(byTarget);
      it.error = { index: Number(li.dataset.error), targets: e.targets.length, elements: els.length,
        selected: els.filter((f) => f.classList.contains("sel")).length };
    }
    if (data.errors) {
      const missingTargets = [];
      data.errors.forEach((e, i) => { for (const t of e.targets) if (!byTarget(t).length) missingTargets.push(i + " " + t); });
      out.errors_view = { errors: data.errors.length, listed: document.querySelectorAll("ol.errs li[data-error]").length,
        pred_marks: new Set([...docEl.querySelectorAll('[data-kind="pred"]')].map((f) => f.dataset.id)).size,
        missing_targets: missingTargets };
    }
    const box = document.querySelector('.toggles input[data-layer="entities"]');
    if (box) {
      box.click();
      const hidden = !document.body.classList.contains("show-entities");
      box.click();
      it.toggle = hidden && document.body.classList.contains("show-entities");
    }
    clear();
    current = null;
    info.replaceChildren(el("p", "Click an item in the text, a casualty row or an error.", "muted"));
    out.js_errors = jsErrors;
    return out;
  }
  let result;
  quiet = true;
  try { result = selfcheck(); } catch (err) { result = { failed: String(err && err.stack || err), js_errors: jsErrors }; }
  quiet = false;
  document.getElementById("selfcheck").textContent = JSON.stringify(result);

  // A link to an item: page.html#mention:m3, #trigger:ev10, #evidence:c1, #error:4.
  const wanted = decodeURIComponent(location.hash.slice(1));
  const at = wanted.indexOf(":");
  if (at > 0) {
    const [kind, id] = [wanted.slice(0, at), wanted.slice(at + 1)];
    const listed = kind === "error" && document.querySelector('ol.errs li[data-error="' + CSS.escape(id) + '"]');
    if (listed) { listed.closest("details").open = true; listed.click(); }
    else if (index.has(kind + ":" + id)) { select(kind, id, []); reveal(frags(kind, id)); }
  }
})();
