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
