// The kiosk's idle logout (docs/SECURITY.md "Sessions"): only idle time
// counts. Any key or pointer activity keeps the session alive; the server's
// idle clock is the authority, so activity touches it (POST /kiosk/alive,
// at most every few seconds) and the page's deadline is the last touch plus
// the idle limit. Thirty seconds before the deadline a countdown with a
// "continue" button appears. Without JavaScript the page's <noscript>
// refresh logs out after the idle limit as before.
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-idle"), 10);
  var box = document.getElementById("idle-warning");
  var left = document.getElementById("idle-countdown");
  var form = document.getElementById("idle-form");
  if (!idle || !box || !left || !form) {
    return;
  }
  var warn = Math.min(30, Math.floor(idle / 2)); // seconds of warning
  var throttle = Math.max(1, Math.min(10, Math.floor(idle / 6))) * 1000;
  var touched = Date.now(); // when the server's idle clock last restarted
  var pinging = false;
  var pending = false; // activity since the last touch

  function touch(force) {
    if (pinging && !force) {
      pending = true;
      return;
    }
    pinging = true;
    pending = false;
    var sent = Date.now();
    var data = new FormData(form);
    data.append("script", "1");
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin", redirect: "manual" })
      .then(function (r) {
        if (r.status === 204) {
          touched = sent;
        }
      })
      .catch(function () {})
      .then(function () {
        pinging = false;
      });
  }

  function activity() {
    if (!box.hidden) {
      return; // while the countdown shows, only the button continues
    }
    if (Date.now() - touched >= throttle) {
      touch(false);
    } else {
      pending = true;
    }
  }

  function tick() {
    var now = Date.now();
    if (pending && !pinging && now - touched >= throttle && box.hidden) {
      touch(false);
    }
    var rest = Math.ceil((touched + idle * 1000 - now) / 1000);
    if (rest <= 0) {
      window.location.assign("/logout-idle");
      return;
    }
    if (rest <= warn) {
      left.textContent = String(rest);
      if (box.hidden) {
        box.hidden = false;
        document.getElementById("idle-continue").focus();
      }
    }
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    box.hidden = true;
    touch(true);
  });
  ["keydown", "pointerdown", "pointermove", "wheel", "touchstart", "input"].forEach(function (type) {
    document.addEventListener(type, activity, { passive: true, capture: true });
  });
  setInterval(tick, 250);
})();
