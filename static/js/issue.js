// kehoach: the clerk's issue form. "Lấy số tiếp theo trong sổ" takes the number
// and today's date from the register, so the number and date fields are greyed
// out (and not sent) in that mode; the server ignores them there anyway.
(function () {
  "use strict";

  var form = document.querySelector("form[data-issue-form]");
  if (!form) return;

  function sync() {
    var checked = form.querySelector("input[name=mode]:checked");
    var manual = Boolean(checked && checked.value === "eoffice");
    form.querySelectorAll("[data-eoffice-only]").forEach(function (input) {
      input.disabled = !manual;
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "mode") sync();
  });
  sync();
})();
