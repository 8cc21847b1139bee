// kehoach event editor: live budget totals. No inline scripts (a strict CSP
// follows); figures come from data- attributes.
(function () {
  "use strict";

  function formatVnd(value) {
    var rounded = Math.round(value);
    var sign = rounded < 0 ? "-" : "";
    return sign + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function number(input) {
    if (!input) return 0;
    var text = String(input.value || "").trim().replace(/\s/g, "");
    // Accept "1,5" as the Vietnamese decimal comma; "1.500.000" as thousands.
    if (/^\d{1,3}(\.\d{3})+$/.test(text)) text = text.replace(/\./g, "");
    text = text.replace(",", ".");
    var value = parseFloat(text);
    return isNaN(value) ? 0 : value;
  }

  function update(form) {
    var quantity = number(form.querySelector("[data-budget=quantity]"));
    var price = number(form.querySelector("[data-budget=price]"));
    var amount = quantity * price;
    var total = parseInt(form.dataset.total || "0", 10) || 0;
    var amountBox = form.querySelector("[data-budget-amount]");
    var totalBox = form.querySelector("[data-budget-new-total]");
    if (amountBox) amountBox.textContent = formatVnd(amount);
    if (totalBox) totalBox.textContent = formatVnd(total + amount);
  }

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form");
    if (form && event.target.matches("[data-budget]")) update(form);
  });

  function init(root) {
    var forms = (root || document).querySelectorAll("[data-budget-form]");
    for (var i = 0; i < forms.length; i++) update(forms[i]);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.body.addEventListener("htmx:afterSwap", function (event) { init(event.detail.target); });

  // Ctrl+Enter saves the form; Escape leaves an edit form without saving.
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
