// kehoach programme editor: reorder rows by drag and drop (native HTML5 drag
// API), posting the new order to the server, which answers with the
// re-rendered programme. Buttons do the same without a mouse.
(function () {
  "use strict";

  var dragged = null;

  function rowsOf(tbody) {
    return Array.prototype.slice.call(tbody.querySelectorAll("tr[data-slot-id]"));
  }

  function clearMarks(tbody) {
    rowsOf(tbody).forEach(function (row) {
      row.classList.remove("kh-drop-before", "kh-drop-after", "kh-dragging");
    });
  }

  function below(row, event) {
    var box = row.getBoundingClientRect();
    return event.clientY > box.top + box.height / 2;
  }

  document.addEventListener("dragstart", function (event) {
    var row = event.target.closest && event.target.closest("tr[data-slot-id][draggable=true]");
    if (!row) return;
    dragged = row;
    row.classList.add("kh-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", row.dataset.slotId);
  });

  document.addEventListener("dragover", function (event) {
    if (!dragged) return;
    var row = event.target.closest && event.target.closest("tr[data-slot-id]");
    if (!row || row === dragged || row.parentNode !== dragged.parentNode) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    clearMarks(row.parentNode);
    dragged.classList.add("kh-dragging");
    row.classList.add(below(row, event) ? "kh-drop-after" : "kh-drop-before");
  });

  document.addEventListener("drop", function (event) {
    if (!dragged) return;
    var row = event.target.closest && event.target.closest("tr[data-slot-id]");
    var tbody = dragged.parentNode;
    if (!row || row === dragged || row.parentNode !== tbody) return;
    event.preventDefault();
    if (below(row, event)) {
      row.after(dragged);
    } else {
      row.before(dragged);
    }
    clearMarks(tbody);
    var table = tbody.closest("table[data-reorder-url]");
    var ids = rowsOf(tbody).map(function (r) { return r.dataset.slotId; });
    dragged = null;
    if (!table || !window.htmx) return;
    var values = { order: ids.join(",") };
    // The body's hx-headers carry the CSRF token; the form field is a fallback.
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) values.csrfmiddlewaretoken = token.value;
    window.htmx.ajax("POST", table.dataset.reorderUrl, {
      source: table,
      target: "#programme-part",
      swap: "outerHTML",
      values: values
    });
  });

  document.addEventListener("dragend", function () {
    if (dragged) clearMarks(dragged.parentNode);
    dragged = null;
  });

  // After a swap, an edit form takes the focus, unless the person is typing in
  // another field meanwhile (the caret never jumps mid-word).
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var field = event.detail.target && event.detail.target.querySelector
      ? event.detail.target.querySelector(".kh-editing textarea, .kh-editing input[type=time]")
      : null;
    var active = document.activeElement;
    var trigger = event.detail.requestConfig ? event.detail.requestConfig.elt : null;
    var typing = active && active !== trigger && active.matches("input, textarea, select, [contenteditable]");
    if (field && !typing) field.focus();
  });

  // Escape leaves an edit form; Ctrl+Enter saves it.
  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (!el.form) return;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      el.form.requestSubmit();
    } else if (event.key === "Escape") {
      var cancel = el.form.querySelector("[data-cancel]");
      if (cancel) {
        event.preventDefault();
        cancel.click();
      }
    }
  });
})();
