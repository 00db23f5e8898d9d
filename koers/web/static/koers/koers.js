// Koers: small behaviour for all pages. Pages work without it.

// A second click on a submit button while the page is still sending would save a contact or a
// youth twice. Ignore further submits of the same form until the next page has loaded.
// (Forms sent by htmx are guarded by htmx itself: hx-disabled-elt below.)
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.hasAttribute("hx-post")) {
    return;
  }
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

// htmx: while a form is being sent its buttons are disabled; after a section came back with an
// error, move the focus to its first error so keyboard and screen-reader users land on it.
document.addEventListener("htmx:configRequest", function (event) {
  var form = event.detail.elt;
  if (form.tagName === "FORM") {
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.disabled = true;
    });
  }
});
document.addEventListener("htmx:afterSwap", function (event) {
  var error = event.detail.target.querySelector && event.detail.target.querySelector("[role=alert], .koers-error");
  var swapped = document.getElementById(event.detail.target.id) || event.detail.target;
  error = error || (swapped.querySelector && swapped.querySelector("[role=alert], .koers-error"));
  if (error) {
    error.setAttribute("tabindex", "-1");
    error.focus();
  }
  markTitle(document.querySelector("[data-error-summary]"));
});

// The title says "Fout: ..." while a refused form is on the page, also after an htmx swap: it is
// the first thing a screen reader announces, and what a tab shows.
var errorTitlePrefix = "";
function markTitle(summary) {
  if (summary && !errorTitlePrefix) {
    errorTitlePrefix = summary.dataset.titlePrefix || "";
    if (document.title.indexOf(errorTitlePrefix) !== 0) {
      document.title = errorTitlePrefix + document.title;
    }
  } else if (!summary && errorTitlePrefix) {
    if (document.title.indexOf(errorTitlePrefix) === 0) {
      document.title = document.title.slice(errorTitlePrefix.length);
    }
    errorTitlePrefix = "";
  }
}

// A page that comes back with a refused form: move the focus to the list of errors at its top,
// so the user hears and sees at once what to fix (the links in it go to the fields).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("#error-summary, [data-error-summary]");
  var messages = document.querySelector(".koers-messages");
  if (summary) {
    summary.focus();
  } else if (messages) {
    // After a save ("Contact opgeslagen"): start at the confirmation, just above the updated file.
    messages.focus();
  }
  markTitle(document.querySelector("[data-error-summary]"));
});

// The booklet's print button (no inline scripts: the page's CSP allows only our own files).
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) {
    window.print();
  }
});

// A text area with a limit says how many characters are left (in a [data-chars-left-for] element
// of the page, or a line added under it). Screen readers hear it only near the end.
function showCharsLeft(area) {
  var counter = document.querySelector('[data-chars-left-for="' + area.id + '"]');
  if (!counter) {
    counter = document.createElement("p");
    counter.className = "utrecht-paragraph utrecht-paragraph--small koers-muted koers-chars-left";
    area.insertAdjacentElement("afterend", counter);
  }
  var left = area.maxLength - area.value.length;
  counter.textContent = "Nog " + left.toLocaleString("nl-NL") + (left === 1 ? " teken" : " tekens") + " over.";
  counter.setAttribute("aria-live", left < 200 ? "polite" : "off");
}
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("textarea[maxlength]").forEach(showCharsLeft);
});
document.addEventListener("input", function (event) {
  if (event.target.matches && event.target.matches("textarea[maxlength]")) { showCharsLeft(event.target); }
});
document.addEventListener("htmx:afterSwap", function (event) {
  event.detail.target.querySelectorAll && event.detail.target.querySelectorAll("textarea[maxlength]").forEach(showCharsLeft);
});

// A folded section of the youth file: after it loaded in place, the focus goes to its heading,
// so a keyboard or screen-reader user lands in what they opened. A link to a folded section's
// heading (#plan-heading) opens it.
document.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail.target;
  if (!target.classList || !target.classList.contains("koers-folded")) return;
  var heading = document.getElementById(target.id + "-heading");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
});
window.addEventListener("load", function () {
  // After htmx set up the page; without htmx the click opens the page with the section.
  var heading = location.hash && document.getElementById(location.hash.slice(1));
  var section = heading && heading.closest(".koers-folded");
  var link = section && section.querySelector(".koers-folded__open a");
  if (link) link.click();
});
