// Koers: small behaviour for all pages. Pages work without it.

// A second click on a submit button while the page is still sending would save a contact or a
// youth twice. Ignore further submits of the same form until the next page has loaded.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.sending === "yes") {
    event.preventDefault();
    return;
  }
  form.dataset.sending = "yes";
});

// Coming back with the browser's back button shows the page from memory: allow sending again.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-sending]").forEach(function (form) {
    delete form.dataset.sending;
  });
});
