// rothroute workspace: progressive enhancement only. Every page works without this file:
// it checks the household as you type (the server's own loader, via POST /workspace/check),
// shows an account's fields for its kind at once, and reads a chosen file into the text box.
(function () {
  "use strict";
  var form = document.getElementById("household");
  if (!form) { return; }
  var timer = null, seq = 0;

  function slot(name) {
    return document.querySelector('[data-problem-for="' + CSS.escape(name) + '"]');
  }

  function show(data) {
    document.querySelectorAll("[data-problem-for]").forEach(function (el) {
      if (el.closest("#document-problems")) { return; }
      el.textContent = "";
    });
    document.querySelectorAll(".field.has-problem").forEach(function (el) { el.classList.remove("has-problem"); });
    document.querySelectorAll("[aria-invalid=true]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    Object.keys(data.fields).forEach(function (name) {
      var el = slot(name);
      if (!el) { return; }
      data.fields[name].forEach(function (text) {
        var span = document.createElement("span");
        span.className = "problem-text";
        span.textContent = text;
        el.appendChild(span);
      });
      var field = el.closest(".field");
      if (field) {
        field.classList.add("has-problem");
        var input = field.querySelector("input, select");
        if (input) { input.setAttribute("aria-invalid", "true"); }
      }
    });
    var list = document.getElementById("problem-list");
    if (list) {
      var ul = list.querySelector("ul");
      ul.replaceChildren();
      Object.keys(data.fields).forEach(function (name) {
        data.fields[name].forEach(function (text) {
          var li = document.createElement("li");
          if (document.getElementById("f-" + name)) {
            var a = document.createElement("a");
            a.href = "#f-" + name;
            a.textContent = name;
            li.appendChild(a);
            li.appendChild(document.createTextNode(": " + text));
          } else {
            li.textContent = text;
          }
          ul.appendChild(li);
        });
      });
      list.hidden = ul.children.length === 0;
    }
    var status = document.getElementById("status");
    if (status) {
      var badge = document.createElement("span");
      badge.className = "badge " + (data.count ? "bad" : "ok");
      badge.textContent = data.count ? data.count + " problem" + (data.count === 1 ? "" : "s") : "ready";
      status.replaceChildren(badge);
      status.dataset.count = data.count;
    }
  }

  function check() {
    var mine = ++seq;
    var body = new FormData(form);
    body.delete("_file");
    fetch("/workspace/check", { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && mine === seq) { show(data); } })
      .catch(function () { /* offline or stopped: the buttons still check on the server */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, 350);
  }

  function kindChanged(select) {
    var row = select.closest("fieldset.account");
    if (!row) { return; }
    var plans = ["401k", "403b", "governmental_457b"];
    var kind = select.value;
    row.dataset.kind = kind;
    var ira = row.querySelector(".kind-ira"), plan = row.querySelector(".kind-plan");
    if (ira) { ira.hidden = kind !== "" && plans.indexOf(kind) >= 0; }
    if (plan) { plan.hidden = kind !== "" && plans.indexOf(kind) < 0; }
    row.querySelectorAll(".kind-taxable").forEach(function (el) { el.hidden = kind !== "taxable"; });
    row.querySelectorAll(".kind-not-taxable").forEach(function (el) { el.hidden = kind === "taxable"; });
  }

  form.addEventListener("input", function (e) {
    if (e.target.name && e.target.name.charAt(0) !== "_") { later(); }
  });
  form.addEventListener("change", function (e) {
    var t = e.target;
    if (t.name && /^accounts\[\d+\]\.kind$/.test(t.name)) { kindChanged(t); }
    if (t.id === "f-_file" && t.files && t.files[0] && t.files[0].size < 1000000) {
      t.files[0].text().then(function (text) {
        var box = document.getElementById("f-_text");
        if (box) { box.value = text; }
      });
    }
    if (t.name && t.name.charAt(0) !== "_") { later(); }
  });
  form.addEventListener("submit", function (e) {
    var button = e.submitter;
    if (button && button.value === "optimize") {
      button.textContent = "Starting the optimizer…";
      button.setAttribute("aria-busy", "true");
    } else if (button && button.value === "compare") {
      button.textContent = "Comparing…";
      button.setAttribute("aria-busy", "true");
      setTimeout(function () { button.textContent = "Compare strategies"; button.removeAttribute("aria-busy"); }, 4000);
    }
  });
})();
