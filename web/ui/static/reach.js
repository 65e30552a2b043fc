// reach — the little script that makes the pages instant. Every page works
// without it: it only fetches what a form would, and swaps it in place.
"use strict";

(() => {
  const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content || "";

  // fragment fetches the named part of a page, as the server renders it.
  async function fragment(url, name) {
    const res = await fetch(url, { headers: { "X-Reach-Fragment": name }, credentials: "same-origin" });
    if (res.redirected && new URL(res.url).pathname === "/signin") {
      location.assign(res.url);
      return null;
    }
    return res.text();
  }

  // "/" focuses the search box from anywhere but a field being typed in.
  document.addEventListener("keydown", (e) => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t.closest && t.closest("input, textarea, select, [contenteditable]")) return;
    const box = document.querySelector("#q") || document.querySelector("#top-q");
    if (box) {
      e.preventDefault();
      box.focus();
      box.select();
    }
  });

  // Times are written in UTC; show them in the reader's zone.
  function localTimes(root) {
    root.querySelectorAll("time[datetime]").forEach((el) => {
      const d = new Date(el.getAttribute("datetime"));
      if (!isNaN(d)) el.textContent = d.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
    });
  }

  // Live search: results as you type, ↑ ↓ to choose, Enter to open.
  function liveSearch(form) {
    const input = form.querySelector("input[type=search]");
    let timer = 0;
    let asked = 0;
    const options = () => [...document.querySelectorAll("#results [role=option]")];
    const selected = () => options().findIndex((o) => o.getAttribute("aria-selected") === "true");
    const select = (i) => {
      const all = options();
      all.forEach((o, j) => o.setAttribute("aria-selected", String(j === i)));
      if (all[i]) {
        all[i].id = all[i].id || "result-" + i;
        input.setAttribute("aria-activedescendant", all[i].id);
        all[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const q = input.value.trim();
        const url = q ? "/?q=" + encodeURIComponent(q) : "/";
        const n = ++asked;
        const html = await fragment(url, "results");
        if (html === null || n !== asked) return; // a newer search is on its way
        document.querySelector("#results").outerHTML = html;
        history.replaceState(null, "", url);
        select(-1);
      }, 150);
    });
    input.addEventListener("keydown", (e) => {
      const all = options();
      if (!all.length) return;
      const i = selected();
      if (e.key === "ArrowDown") {
        e.preventDefault();
        select(Math.min(i + 1, all.length - 1));
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        select(Math.max(i - 1, 0));
      } else if (e.key === "Enter" && i >= 0) {
        e.preventDefault();
        location.assign(all[i].querySelector("a").href);
      }
    });
  }

  window.reach = { csrf, fragment, localTimes };

  document.addEventListener("DOMContentLoaded", () => {
    localTimes(document);
    document.querySelectorAll("form[data-live-search]").forEach(liveSearch);
  });
})();
