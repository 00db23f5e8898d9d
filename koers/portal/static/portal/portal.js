// The youth portal: a warning two minutes before the session ends, with "Doorgaan".
(function () {
  "use strict";
  var body = document.body;
  var left = parseInt(body.dataset.secondsLeft || "0", 10);
  var dialog = document.getElementById("session-warning");
  if (!left || !dialog) { return; }
  var WARN_BEFORE = 120;
  var warnTimer, endTimer;

  function schedule(seconds) {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(function () {
      if (typeof dialog.showModal === "function" && !dialog.open) { dialog.showModal(); }
      var button = dialog.querySelector("[data-keep-alive-button]");
      if (button) { button.focus(); }
    }, Math.max(0, seconds - WARN_BEFORE) * 1000);
    endTimer = setTimeout(function () {
      window.location.assign(body.dataset.signIn);
    }, seconds * 1000);
  }

  dialog.querySelector("[data-keep-alive-button]").addEventListener("click", function () {
    fetch(body.dataset.keepAlive, {
      method: "POST",
      headers: { "X-CSRFToken": body.dataset.csrf },
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) { window.location.assign(body.dataset.signIn); return null; }
      return response.json();
    }).then(function (data) {
      if (!data) { return; }
      dialog.close();
      schedule(data.seconds_left);
    });
  });

  schedule(left);
})();
