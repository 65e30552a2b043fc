// reach — the little script that makes the pages instant. Every page works
// without it: it only fetches what a form would, and swaps it in place.
"use strict";

(() => {
  const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content || "";

  // fragment fetches the named part of a page, as the server renders it;
  // null when the server answered with a whole page instead (signed out, an
  // error page), which the browser is then sent to.
  async function fragment(url, name, init = {}) {
    const res = await fetch(url, { ...init, headers: { "X-Reach-Fragment": name }, credentials: "same-origin" });
    if (res.headers.get("X-Reach-Fragment") !== name) {
      if (init.method === "POST") return null; // the caller posts its form the plain way
      location.assign(res.redirected ? res.url : url);
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

  // Live search: results as you type. ↓ from the box moves into the
  // results, ↑ ↓ move between them, Enter opens the one in focus (it is a
  // link), and ↑ from the first goes back to the box.
  function liveSearch(form) {
    const input = form.querySelector("input[type=search]");
    let timer = 0;
    let asked = 0;
    const links = () => [...document.querySelectorAll("#results .result-list a")];
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
      }, 150);
    });
    document.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      const all = links();
      const i = all.indexOf(document.activeElement);
      if (e.target === input && e.key === "ArrowDown" && all.length) {
        e.preventDefault();
        all[0].focus();
      } else if (i >= 0) {
        e.preventDefault();
        if (e.key === "ArrowDown") all[Math.min(i + 1, all.length - 1)].focus();
        else if (i === 0) input.focus();
        else all[i - 1].focus();
      }
    });
  }

  // post sends JSON to the API as the signed-in user.
  async function post(url, body) {
    const res = await fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
      body: JSON.stringify(body),
    });
    return { ok: res.ok, status: res.status, body: await res.json().catch(() => ({})) };
  }

  // Edit Contact Methods: each value checked as it is typed, by the same
  // rules a save applies (POST /api/v1/validate); rows added in place; one
  // primary per group.
  function editMethods(form) {
    const timers = new WeakMap();
    const rowOf = (el) => el.closest("[data-row]");
    const kindOf = (row) => (row.querySelector("input[name$='.kind']:checked") || row.querySelector("input[type=hidden][name$='.kind']"))?.value || "";
    async function check(input) {
      const row = rowOf(input);
      const msg = row.querySelector("[data-feedback]");
      const value = input.value.trim();
      if (!value) {
        input.removeAttribute("aria-invalid");
        msg.className = "hint";
        msg.textContent = "";
        return;
      }
      const res = await post("/api/v1/validate", { kind: kindOf(row), value });
      if (input.value.trim() !== value) return; // typed on since
      if (res.body.valid) {
        input.removeAttribute("aria-invalid");
        msg.className = "field-ok";
        msg.textContent = "✓ " + (res.body.display || value);
      } else if (res.body.message) {
        input.setAttribute("aria-invalid", "true");
        msg.className = "field-error";
        msg.textContent = res.body.message;
      }
    }
    form.addEventListener("input", (e) => {
      if (!e.target.matches("[data-validate]")) return;
      clearTimeout(timers.get(e.target));
      timers.set(e.target, setTimeout(() => check(e.target), 350));
    });
    form.addEventListener("change", (e) => {
      const t = e.target;
      const row = rowOf(t);
      if (t.matches("input[name$='.kind']")) {
        const value = row.querySelector("[data-validate]");
        if (value.value.trim()) check(value);
      } else if (t.matches("[data-primary]") && t.checked) {
        form.querySelectorAll(`[data-primary="${t.dataset.primary}"]`).forEach((o) => { if (o !== t) o.checked = false; });
      } else if (t.matches("[data-remove]")) {
        row.classList.toggle("removed", t.checked);
      }
    });
    form.addEventListener("submit", async (e) => {
      const button = e.submitter;
      if (!button || !String(button.value).startsWith("add-") || form.dataset.plain) return;
      e.preventDefault();
      const data = new FormData(form);
      data.set("action", button.value);
      // (form.action would be the buttons named "action", not the attribute)
      const html = await fragment(form.getAttribute("action") || location.pathname, "edit-form", { method: "POST", body: new URLSearchParams(data) });
      if (html === null) { // let the server's page say what went wrong
        form.dataset.plain = "1";
        form.requestSubmit(button);
        return;
      }
      // The server renders the rows as typed; what was checked is checked again.
      const checked = [...form.querySelectorAll("[data-validate]")].filter((v) => rowOf(v).querySelector("[data-feedback]").textContent.trim()).map((v) => v.id);
      document.querySelector("#edit-form").outerHTML = html;
      const fresh = document.querySelector("#edit-form form[data-edit-methods]");
      editMethods(fresh);
      checked.forEach((id) => { const v = document.getElementById(id); if (v) check(v); });
      const values = fresh.querySelectorAll("[data-validate]");
      values[values.length - 1]?.focus();
    });
  }

  // The call pop: the screen pop stream, read with fetch so the session's
  // cookie goes with it; each incoming call shown with its matches, linked
  // in one click — never to whatever happens to be open.
  function callPop(pop) {
    let lastID = "";
    const canLink = pop.hasAttribute("data-can-link"); // a viewer opens records, never links or creates
    let retry = 2000;
    const calls = new Map();

    // display writes a domestic E.164 number as the pages do: (512) 867-5309.
    const display = (e164) => /^\+1\d{10}$/.test(e164 || "") ? `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}` : "";

    // back is where focus was before it moved into the pop.
    let back = null;
    pop.addEventListener("focusin", (e) => {
      if (e.relatedTarget && !pop.contains(e.relatedTarget)) back = e.relatedTarget;
    });

    function render() {
      pop.replaceChildren();
      const ringing = [...calls.values()].filter((c) => c.status === "ringing");
      pop.hidden = ringing.length === 0;
      for (const call of ringing) {
        const box = document.createElement("section");
        box.setAttribute("aria-label", "Incoming call");
        const h = document.createElement("h2");
        h.textContent = "Incoming call";
        const who = document.createElement("p");
        who.className = "caller";
        who.textContent = display(call.from_number) || call.from;
        box.append(h, who);
        const matches = Array.isArray(call.matches) ? call.matches : [];
        if (matches.length) {
          const p = document.createElement("p");
          p.textContent = matches.length === 1 ? "Matches:" : `Matches ${matches.length} records — pick the caller's:`;
          const ul = document.createElement("ul");
          for (const m of matches) {
            const li = document.createElement("li");
            const b = document.createElement("button");
            b.type = "button";
            const place = m.record.type === "location" ? ` (location of ${m.customer.name})` : "";
            b.textContent = `Open ${m.record.name}${place}`;
            b.addEventListener("click", () => link(call, m.record));
            li.append(b);
            ul.append(li);
          }
          box.append(p, ul);
        } else {
          const p = document.createElement("p");
          p.textContent = "No record holds this number.";
          box.append(p);
          if (canLink) {
            const a = document.createElement("a");
            a.className = "button primary";
            a.href = "/customers/new?phone=" + encodeURIComponent(call.from_number || call.from) + "&call=" + encodeURIComponent(call.id);
            a.textContent = "New customer with this number";
            box.append(a);
          }
        }
        const dismiss = document.createElement("button");
        dismiss.type = "button";
        dismiss.className = "link";
        dismiss.textContent = "Dismiss";
        dismiss.addEventListener("click", () => {
          calls.delete(call.id);
          render();
          back?.focus(); // out of the pop, to where the agent was
        });
        box.append(dismiss);
        pop.append(box);
      }
    }

    // link records the agent's choice, unless the call already belongs to
    // that record (its number matched one customer's), and opens it.
    async function link(call, record) {
      const go = () => location.assign((record.type === "location" ? "/locations/" : "/customers/") + record.id);
      if (!canLink || (call.link && call.link.type === record.type && call.link.id === record.id)) return go();
      const body = record.type === "location" ? { location_id: record.id } : { customer_id: record.id };
      const res = await post("/api/v1/calls/" + encodeURIComponent(call.id) + "/link", body);
      if (!res.ok) {
        alert(res.body.detail || "The call could not be linked.");
        return;
      }
      go();
    }

    function handle(event, data) {
      let call;
      try { call = JSON.parse(data); } catch { return; }
      if (event === "call.incoming" || event === "call.linked" || event === "call.status") {
        calls.set(call.id, call);
        if (calls.size > 20) calls.delete(calls.keys().next().value);
        render();
      }
    }

    // signedOut says so where calls would pop, instead of retrying unseen.
    function signedOut() {
      const box = document.createElement("section");
      box.setAttribute("aria-label", "Incoming calls paused");
      const p = document.createElement("p");
      p.textContent = "Your session has ended, so incoming calls no longer show here. ";
      const a = document.createElement("a");
      a.href = "/signin?next=" + encodeURIComponent(location.pathname + location.search);
      a.textContent = "Sign in again";
      p.append(a);
      box.append(p);
      pop.replaceChildren(box);
      pop.hidden = false;
    }

    async function connect() {
      try {
        const headers = lastID ? { "Last-Event-ID": lastID } : {};
        const res = await fetch("/api/v1/calls/stream", { credentials: "same-origin", headers });
        if (res.status === 401) return signedOut();
        if (!res.ok || !res.body) throw new Error("stream " + res.status);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let end;
          while ((end = buf.indexOf("\n\n")) >= 0) {
            const block = buf.slice(0, end);
            buf = buf.slice(end + 2);
            let event = "message", data = "";
            for (const line of block.split("\n")) {
              if (line.startsWith("id:")) lastID = line.slice(3).trim();
              else if (line.startsWith("event:")) event = line.slice(6).trim();
              else if (line.startsWith("data:")) data += line.slice(5).trim();
              else if (line.startsWith("retry:")) retry = Number(line.slice(6)) || retry;
            }
            if (data) handle(event, data);
          }
        }
      } catch (err) {
        console.warn("call pop: the stream dropped; reconnecting", err);
      }
      setTimeout(connect, retry);
    }
    connect();
  }

  window.reach = { csrf, fragment, localTimes, post };

  document.addEventListener("DOMContentLoaded", () => {
    localTimes(document);
    // A form sent back with problems: start at the first field to fix.
    document.querySelector("form [aria-invalid=true]")?.focus();
    document.querySelectorAll("form[data-live-search]").forEach(liveSearch);
    document.querySelectorAll("form[data-edit-methods]").forEach(editMethods);
    const pop = document.querySelector("#call-pop");
    if (pop && document.querySelector('meta[name="csrf-token"]')) callPop(pop);
  });
})();
