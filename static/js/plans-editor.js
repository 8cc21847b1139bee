// kehoach plan editor: preview reload, agency pickers, keyboard shortcuts.
// No inline scripts anywhere (a strict CSP follows); texts come from data- attributes.
(function () {
  "use strict";

  // ---- Preview pane: the printed document in an iframe, scaled to fit, reloaded
  // after every successful save (the server sends HX-Trigger: planChanged).
  var PAGE_WIDTH = 820; // px: an A4 page (210 mm) plus a margin
  var frameBox = document.querySelector("[data-preview-frame]");
  var iframe = document.querySelector("iframe[data-preview]");
  var state = document.querySelector("[data-preview-state]");
  var reloadTimer = null;
  var savedScroll = 0;

  function fit() {
    if (!frameBox || !iframe) return;
    var scale = Math.min(1, frameBox.clientWidth / PAGE_WIDTH);
    iframe.style.width = PAGE_WIDTH + "px";
    iframe.style.height = Math.round(frameBox.clientHeight / scale) + "px";
    iframe.style.transform = "scale(" + scale + ")";
  }

  function setState(key) {
    if (state) state.textContent = state.dataset[key] || "";
  }

  function reloadPreview() {
    if (!iframe) return;
    try {
      savedScroll = iframe.contentWindow.scrollY || 0;
    } catch (e) {
      savedScroll = 0;
    }
    setState("msgLoading");
    var url = new URL(iframe.getAttribute("src"), window.location.href);
    url.searchParams.set("_", Date.now().toString());
    iframe.setAttribute("src", url.pathname + url.search);
  }

  if (iframe) {
    iframe.addEventListener("load", function () {
      try {
        iframe.contentWindow.scrollTo(0, savedScroll);
      } catch (e) { /* another origin: nothing to restore */ }
      setState("msgReady");
    });
    window.addEventListener("resize", fit);
    fit();
  }

  document.body.addEventListener("planChanged", function () {
    window.clearTimeout(reloadTimer);
    reloadTimer = window.setTimeout(reloadPreview, 300);
  });

  // ---- Agency pickers: choosing a directory name appends it, one per line, to the
  // lead / cooperating cell. Free text typed in the cell itself stays allowed.
  function appendAgency(input) {
    var name = input.value.trim();
    var target = document.getElementById(input.dataset.appendTo);
    if (!name || !target) return false;
    if (target.tagName === "INPUT") {
      target.value = name; // one agency per field (assignments)
    } else {
      var lines = target.value.split("\n").map(function (l) { return l.trim(); }).filter(Boolean);
      if (lines.indexOf(name) === -1) lines.push(name);
      target.value = lines.join("\n");
    }
    target.dispatchEvent(new Event("input", { bubbles: true }));
    input.value = "";
    return true;
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-agency-picker]")) return;
    // Picking from the datalist fires an input event without a typing inputType.
    if (!event.inputType || event.inputType === "insertReplacementText") {
      var options = document.querySelectorAll("#agency-options option");
      for (var i = 0; i < options.length; i++) {
        if (options[i].value === input.value) {
          appendAgency(input);
          return;
        }
      }
    }
  });

  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (!el.matches) return;
    // Enter in a picker adds what was typed instead of submitting the form.
    if (event.key === "Enter" && el.matches("[data-agency-picker]")) {
      event.preventDefault();
      appendAgency(el);
      return;
    }
    // Ctrl+Enter (⌘+Enter) in a text area saves the form.
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && el.form) {
      event.preventDefault();
      el.form.requestSubmit();
      return;
    }
    // Escape leaves an edit form without saving.
    if (event.key === "Escape" && el.form) {
      var cancel = el.form.querySelector("[data-cancel]");
      if (cancel) {
        event.preventDefault();
        cancel.click();
      }
    }
  });

  // ---- Focus: an edit form that opens takes the focus through its autofocus field
  // (app.js, never away from a field being typed in); after an add, the fresh add
  // form's first text field does, so rows can be typed one after another.
  function focusFirstField(root) {
    var field = root.querySelector("textarea, input[type=text], input:not([type]), input[type=number]");
    if (field) field.focus();
  }

  document.body.addEventListener("htmx:oobAfterSwap", function (event) {
    var target = event.detail.target;
    var active = document.activeElement;
    if (target && target.id && target.id.indexOf("new-") === 0 && (!active || active === document.body)) {
      focusFirstField(target);
    }
  });
})();
