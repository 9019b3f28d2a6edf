// Cadence calculator and metronome (no files or network: the clicks are synthesised with
// WebAudio, and the WAV download is written in the page). Mirrors widgets/cadence.py with the
// same operations and its words (target_message), tested against it under Node on every input
// the form allows (tests/static/test_cadence.py).
(function () {
  "use strict";

  // widgets.cadence.target_cadence: current × (100 + increase), exact for whole numbers, then to
  // tenths halves up (165 + 5% = 173.25 -> 173.3).
  function target(spm, pct) { return Math.floor((spm * (100 + pct) + 5) / 10) / 10; }
  function halfUp(x, decimals) { var scale = Math.pow(10, decimals); return Math.floor(x * scale + 0.5) / scale; }
  function stepLengthChangePct(pct) { return halfUp((1 / (1 + pct / 100) - 1) * 100, 2); }
  // widgets.cadence.target_text: the target in the Python model's words.
  function targetText(spm, pct, cfg) {
    var values = { target: target(spm, pct), added: halfUp(target(spm, pct) - spm, 1), shorter: Math.abs(stepLengthChangePct(pct)) };
    return cfg.target_message.replace(/\{(\w+)\}/g, function (all, key) { return String(values[key]); });
  }

  function wavBlob(spm, seconds) {
    var rate = 22050, n = Math.floor(seconds * rate), period = 60 / spm, click = Math.floor(0.02 * rate);
    var buf = new ArrayBuffer(44 + n * 2), v = new DataView(buf);
    function str(o, s) { for (var i = 0; i < s.length; i++) v.setUint8(o + i, s.charCodeAt(i)); }
    str(0, "RIFF"); v.setUint32(4, 36 + n * 2, true); str(8, "WAVE"); str(12, "fmt ");
    v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, 1, true);
    v.setUint32(24, rate, true); v.setUint32(28, rate * 2, true); v.setUint16(32, 2, true); v.setUint16(34, 16, true);
    str(36, "data"); v.setUint32(40, n * 2, true);
    for (var i = 0; i < n; i++) {
      var t = i / rate, on = (t % period) * rate < click;
      v.setInt16(44 + i * 2, on ? Math.round(12000 * Math.sin(2 * Math.PI * 1000 * t)) : 0, true);
    }
    return new Blob([buf], { type: "audio/wav" });
  }

  function start(section) {
    var cfg = JSON.parse(section.querySelector("script.rk-widget-data").textContent);
    var form = section.querySelector("form"), out = section.querySelector(".rk-cad-result");
    var play = section.querySelector(".rk-cad-play"), download = section.querySelector(".rk-cad-download");
    var current = null, audio = null, timer = null;

    function stop() {
      if (timer) clearInterval(timer);
      timer = null;
      play.textContent = "Start metronome";
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      stop();
      var spm = Number(form.spm.value), pct = Number(form.pct.value);
      out.replaceChildren();
      var p = document.createElement("p");
      if (!isFinite(spm) || spm < cfg.spm_range[0] || spm > cfg.spm_range[1]) {
        p.className = "rk-cad-error"; p.setAttribute("role", "alert");
        p.textContent = "Enter a cadence from " + cfg.spm_range[0] + " to " + cfg.spm_range[1] + " steps per minute.";
        play.disabled = download.disabled = true;
      } else {
        current = target(spm, pct);
        p.className = "rk-cad-target";
        p.textContent = targetText(spm, pct, cfg);
        play.disabled = download.disabled = false;
      }
      out.appendChild(p);
    });

    play.addEventListener("click", function () {
      if (timer) { stop(); return; }
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) { out.textContent = "This browser cannot play sound; use the download instead."; return; }
      audio = audio || new Ctx();
      var beat = function () {
        var osc = audio.createOscillator(), gain = audio.createGain();
        osc.frequency.value = 1000; gain.gain.value = 0.3;
        osc.connect(gain); gain.connect(audio.destination);
        osc.start(); osc.stop(audio.currentTime + 0.03);
      };
      beat();
      timer = setInterval(beat, 60000 / current);
      play.textContent = "Stop metronome";
      section.dataset.playingSpm = String(current);
    });

    download.addEventListener("click", function () {
      var a = document.createElement("a");
      a.href = URL.createObjectURL(wavBlob(current, 60));
      a.download = "metronome-" + current + "spm.wav";
      document.body.appendChild(a); a.click(); a.remove();
    });
  }

  window.rkCadence = { target: target, stepLengthChangePct: stepLengthChangePct, targetText: targetText };
  function init() { document.querySelectorAll("section.rk-widget-cadence").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
