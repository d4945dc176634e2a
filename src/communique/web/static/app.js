// communique: act details on hover or click, and the act list scrolls the text.
(function () {
  "use strict";
  const dataEl = document.getElementById("acts-data");
  if (!dataEl) return;
  const acts = JSON.parse(dataEl.textContent);
  const details = document.getElementById("details");

  function field(dl, name, value) {
    const dt = document.createElement("dt");
    dt.textContent = name;
    const dd = document.createElement("dd");
    dd.textContent = value;
    dl.append(dt, dd);
  }

  // Built with textContent only: nothing from a document is ever parsed as HTML.
  function show(id) {
    const a = acts[id];
    if (!a) return;
    details.replaceChildren();
    const h = document.createElement("h3");
    h.textContent = a.type + " · " + a.modality + (a.commitment ? " · commitment" : "");
    h.className = "t-" + a.type;
    const dl = document.createElement("dl");
    field(dl, "Actors", a.actors.join(", ") || "–");
    field(dl, "Targets", a.targets.join(", ") || "–");
    field(dl, "Issues", a.issues.join(", ") || "–");
    field(dl, "CAMEO", a.cameo);
    field(dl, "PLOVER", a.plover || "–");
    field(dl, "Goldstein", String(a.goldstein));
    field(dl, "Quad class", String(a.quad_class));
    field(dl, "Rule · model", a.rule);
    field(dl, "Confidence", typeof a.confidence === "number" ? a.confidence.toFixed(2) : "–");
    field(dl, "Evidence", a.evidence);
    details.append(h, dl);
    if (a.lineage && a.lineage_size > 1) {
      const link = document.createElement("a");
      link.href = "/lineage/" + encodeURIComponent(a.lineage);
      link.textContent = "Follow this commitment through " + a.lineage_size + " statements";
      link.className = "lineage-link";
      details.append(link);
    }
    document.querySelectorAll(".active").forEach((el) => el.classList.remove("active"));
    document.querySelectorAll('#acts li[data-act="' + id + '"]').forEach((el) => el.classList.add("active"));
    document.querySelectorAll(".ev").forEach((el) => {
      if ((el.dataset.acts || "").split(" ").includes(String(id))) el.classList.add("active");
    });
  }

  function innermost(el) {
    const ids = (el.dataset.acts || "").split(" ").filter(Boolean);
    let best = ids[0], span = Infinity;
    ids.forEach((id) => {
      const a = acts[id];
      if (a && a.end - a.start < span) { best = id; span = a.end - a.start; }
    });
    return best;
  }

  document.querySelectorAll("#text .ev").forEach((el) => {
    el.addEventListener("mouseenter", () => show(innermost(el)));
    el.addEventListener("click", () => show(innermost(el)));
    el.addEventListener("focus", () => show(innermost(el)));
  });
  document.querySelectorAll("#acts .jump").forEach((el) => {
    el.addEventListener("click", (ev) => {
      ev.preventDefault();
      const id = el.dataset.act;
      const target = document.querySelector('#text .ev[data-acts~="' + id + '"]');
      if (target) target.scrollIntoView({ behavior: "smooth", block: "center" });
      show(id);
      history.replaceState(null, "", "#act-" + id);
    });
  });
  const m = location.hash.match(/^#act-(\d+)$/);
  if (m) show(m[1]);
})();
