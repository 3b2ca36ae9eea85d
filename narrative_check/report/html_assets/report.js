// narrative-check HTML report: highlight, jump, filter. No network, no libraries;
// every piece of document text is already escaped in the page, the script only
// moves classes around and clones <template> cards.
(function () {
  "use strict";
  var lit = [];
  var flashed = [];

  function byId(id) { return document.getElementById(id); }
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function ids(text) { return (text || "").split(" ").filter(Boolean); }

  // Evidence cells: highlighted until the next jump, and scrolled into view.
  function showCells(list) {
    lit.forEach(function (el) { el.classList.remove("hl"); });
    lit = ids(list).map(byId).filter(Boolean);
    lit.forEach(function (el) { el.classList.add("hl"); });
    if (lit.length) { lit[0].scrollIntoView({ block: "center", inline: "nearest" }); }
  }

  function flash(els) {
    flashed.forEach(function (el) { el.classList.remove("flash"); });
    flashed = els;
    els.forEach(function (el) { el.classList.add("flash"); });
  }

  // The card of a mark (its claim, findings, evidence) opens under its line.
  function openCard(segment) {
    all(".card-open").forEach(function (el) { el.remove(); });
    var box = document.createElement("div");
    box.className = "card-open";
    ids(segment.getAttribute("data-m")).forEach(function (id) {
      var tpl = byId(id + "-t");
      if (tpl) { box.appendChild(tpl.content.cloneNode(true)); }
    });
    var line = segment.closest(".ln");
    line.parentNode.insertBefore(box, line.nextSibling);
    return box;
  }

  function showMark(id) {
    var segs = all('[data-m~="' + id + '"]');
    if (!segs.length) { return; }
    flash(segs);
    openCard(segs[0]);
    segs[0].scrollIntoView({ block: "center", inline: "nearest" });
  }

  function showFinding(li) {
    var mark = li.getAttribute("data-mark");
    if (mark) {
      showMark(mark);
    } else {
      var target = byId(li.getAttribute("data-target"));
      if (target) { flash([target]); target.scrollIntoView({ block: "center", inline: "nearest" }); }
    }
    all("li.f.sel").forEach(function (el) { el.classList.remove("sel"); });
    li.classList.add("sel");
    showCells(li.getAttribute("data-cells"));
  }

  // Filters: severity checkboxes and a kind menu per document.
  function applyFilter(box) {
    var doc = box.getAttribute("data-doc");
    var sevs = all("input[data-sev]", box).filter(function (i) { return i.checked; })
      .map(function (i) { return i.getAttribute("data-sev"); });
    var kind = box.querySelector("select[data-kind]").value;
    var shown = 0;
    var items = all("#" + doc + "-findings li.f");
    items.forEach(function (li) {
      var ok = sevs.indexOf(li.getAttribute("data-sev")) >= 0 && (!kind || li.getAttribute("data-kind") === kind);
      li.hidden = !ok;
      if (ok) { shown += 1; }
    });
    box.querySelector(".shown").textContent = shown + " of " + items.length + " shown";
  }

  document.addEventListener("click", function (ev) {
    var el = ev.target;
    var cells = el.closest("[data-cells]:not(li)");
    if (cells) { ev.preventDefault(); showCells(cells.getAttribute("data-cells")); return; }
    var table = el.closest("[data-table]");
    if (table) { ev.preventDefault(); var t = byId(table.getAttribute("data-table")); if (t) { flash([t]); t.scrollIntoView({ block: "start" }); } return; }
    var li = el.closest("li.f");
    if (li) { ev.preventDefault(); showFinding(li); return; }
    var seg = el.closest("mark.m");
    if (seg) { openCard(seg); flash(all('[data-m="' + seg.getAttribute("data-m") + '"]')); return; }
    var cell = el.closest("td.ev");
    if (cell) {
      var first = byId(ids(cell.getAttribute("data-f"))[0]);
      if (first) { first.hidden = false; flash([first]); first.scrollIntoView({ block: "center" }); }
    }
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") { return; }
    var el = ev.target.closest && ev.target.closest("mark.m, li.f");
    if (el) { ev.preventDefault(); el.click(); }
  });

  document.addEventListener("change", function (ev) {
    var box = ev.target.closest(".filters");
    if (box) { applyFilter(box); }
  });

  all(".filters").forEach(applyFilter);
})();
