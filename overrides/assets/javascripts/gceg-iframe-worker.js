// The search worker for the offline bundle. Browsers start no Worker from file://,
// so the search runs in a hidden frame instead, as the iframe-worker package does;
// that package writes inline scripts into the frame, which the site's
// Content-Security-Policy (script-src 'self') refuses. This one gives the frame its
// worker globals from here and loads every script as a file. Hand-written: no
// packaged shim works without inline script.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function load(frame, url) {
    return new Promise(function (resolve, reject) {
      var script = frame.document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = reject;
      frame.document.body.appendChild(script);
    });
  }

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = new URL(url, location.href).href;
      this.iframe = document.createElement("iframe");
      this.iframe.hidden = true;
      document.body.appendChild(this.iframe);
      var frame = this.iframe.contentWindow;
      var worker = this;
      // What a worker's code calls: postMessage answers the page, importScripts loads in order.
      frame.postMessage = function (data) {
        var copy = structuredClone(data);
        setTimeout(function () { worker.deliver(copy); });
      };
      frame.importScripts = function () {
        var urls = Array.from(arguments);
        return urls.reduce(function (done, next) {
          return done.then(function () { return load(frame, new URL(next, worker.url).href); });
        }, Promise.resolve());
      };
      frame.addEventListener("error", function (event) {
        var error = new ErrorEvent("error", { message: event.message, error: event.error });
        worker.dispatchEvent(error);
        if (worker.onerror) worker.onerror(error);
      });
      this.ready = load(frame, this.url);
    }

    deliver(data) {
      var event = new MessageEvent("message", { data: data });
      this.dispatchEvent(event);
      if (this.onmessage) this.onmessage(event);
    }

    postMessage(data) {
      var frame = this.iframe.contentWindow;
      var copy = structuredClone(data);
      this.ready.then(function () {
        frame.dispatchEvent(new MessageEvent("message", { data: copy }));
      });
    }

    terminate() {
      this.iframe.remove();
    }
  }

  window.Worker = FrameWorker;
})();
