/* Signing through the signing plug-in on this computer (phần mềm ký số, which holds the USB
 * token): list the token's certificates, send the chosen one to the server, have the plug-in
 * sign what the server answers, send the signature, then go on. The key never leaves the token.
 * No inline script (CSP script-src 'self'); the plug-in's origin is in CSP connect-src. */
(function () {
  "use strict";
  var form = document.getElementById("plugin-signing");
  if (!form) { return; }
  var d = form.dataset;
  var select = document.getElementById("plugin-certificate");
  var pin = document.getElementById("plugin-pin");
  var button = document.getElementById("plugin-sign");
  var message = document.getElementById("plugin-message");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var certificates = {};

  function say(text, kind) {
    message.textContent = text;
    message.className = "alert alert-" + (kind || "info");
    message.setAttribute("role", kind === "danger" ? "alert" : "status");
  }

  function toServer(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw new Error(data.message || d.failed); }
        return data;
      });
    });
  }

  function load() {
    select.disabled = true;
    button.disabled = true;
    say(d.connecting);
    fetch(d.pluginUrl + "/certificates", { method: "GET" })
      .then(function (response) {
        if (!response.ok) { throw new Error("plugin"); }
        return response.json();
      })
      .then(function (data) {
        select.innerHTML = "";
        certificates = {};
        (data.certificates || []).forEach(function (item) {
          certificates[item.id] = item;
          var option = document.createElement("option");
          option.value = item.id;
          option.textContent = item.name || item.subject;
          select.appendChild(option);
        });
        if (!select.options.length) { say(d.noCertificate, "warning"); return; }
        select.disabled = false;
        button.disabled = false;
        say(d.ready);
      })
      .catch(function () { say(d.notRunning, "danger"); });
  }

  function sign(event) {
    event.preventDefault();
    var chosen = certificates[select.value];
    if (!chosen) { return; }
    button.disabled = true;
    say(d.working);
    toServer(d.certificateUrl, { certificate: chosen.certificate, chain: chosen.chain })
      .then(function (prepared) {
        return fetch(d.pluginUrl + "/sign", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ certificate_id: chosen.id, data: prepared.to_be_signed, pin: pin.value })
        }).catch(function () { throw new Error(d.notRunning); });
      })
      .then(function (response) {
        return response.json().then(function (data) {
          if (response.status === 403 && data.error === "wrong_pin") { throw new Error(d.wrongPin); }
          if (!response.ok) { throw new Error(data.message || d.failed); }
          return data;
        });
      })
      .then(function (signed) { return toServer(d.signatureUrl, { signature: signed.signature }); })
      .then(function (done) { window.location.assign(done.next_url); })
      .catch(function (error) {
        say(error.message || d.failed, "danger");
        button.disabled = false;
        pin.focus();
      });
  }

  form.addEventListener("submit", sign);
  document.getElementById("plugin-reload").addEventListener("click", load);
  load();
})();
