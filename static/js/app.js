// kehoach: page behaviour shared by every page. No inline scripts anywhere:
// templates pass texts through data- attributes (translated by gettext).
(function () {
  "use strict";

  function showError(text) {
    var box = document.getElementById("kh-messages");
    if (!box) return;
    var alert = document.createElement("div");
    alert.className = "alert alert-danger alert-dismissible fade show";
    alert.setAttribute("role", "alert");
    alert.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close";
    close.setAttribute("data-bs-dismiss", "alert");
    close.setAttribute("aria-label", document.body.dataset.msgClose || "");
    alert.appendChild(close);
    box.appendChild(alert);
  }

  // An htmx request that fails must say so instead of doing nothing.
  document.body.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : "";
    showError(document.body.dataset.msgRequestFailed + (status ? " (" + status + ")" : ""));
  });
  document.body.addEventListener("htmx:sendError", function () {
    showError(document.body.dataset.msgNetworkError);
  });

  // Content swapped in by htmx takes the focus through its [autofocus] field, but
  // never away from a field the person is already typing in: htmx would focus it
  // after the settle delay, whatever has the focus by then. So the attribute is
  // taken off as soon as the content is in, and the focus moved after the settle
  // only if it still sits on the page, on a button or on what opened the form.
  function isTypingIn(element) {
    if (!element || element === document.body || element === document.documentElement) return false;
    return element.matches("input, textarea, select, [contenteditable], [contenteditable] *");
  }

  function holdAutofocus(event) {
    var root = event.detail && event.detail.elt;
    if (!root || !root.querySelectorAll) return;
    var fields = root.matches && root.matches("[autofocus]") ? [root] : root.querySelectorAll("[autofocus]");
    Array.prototype.forEach.call(fields, function (field) {
      field.removeAttribute("autofocus");
      field.setAttribute("data-kh-autofocus", "");
    });
  }
  document.body.addEventListener("htmx:afterSwap", holdAutofocus);
  document.body.addEventListener("htmx:oobAfterSwap", holdAutofocus);

  document.body.addEventListener("htmx:afterSettle", function (event) {
    var held = document.querySelectorAll("[data-kh-autofocus]");
    if (!held.length) return;
    var field = held[0];
    var active = document.activeElement;
    var trigger = event.detail && event.detail.requestConfig ? event.detail.requestConfig.elt : null;
    var mayMove = !isTypingIn(active) || active === trigger;
    Array.prototype.forEach.call(held, function (element) {
      // Put the attribute back: on an element already in the page it moves nothing.
      element.removeAttribute("data-kh-autofocus");
      element.setAttribute("autofocus", "");
    });
    if (mayMove && active !== field) field.focus();
  });

  // <form data-confirm="..."> and <button data-confirm="..."> ask before acting.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var text = (submitter && submitter.dataset.confirm) || form.dataset.confirm;
    if (text && !window.confirm(text)) {
      event.preventDefault();
    }
  }, true);
})();
