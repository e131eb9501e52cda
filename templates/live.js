// The authoring mode of "annals serve --watch": reload the page when the
// notes change. The server sends its version on connecting and after every
// change; the page knows the version it was rendered with.
(function () {
  "use strict";
  var rendered = document.currentScript.dataset.version;
  var events = new EventSource("/_annals/live");
  events.addEventListener("change", function (e) {
    if (e.data !== rendered) {
      events.close();
      location.reload();
    }
  });
})();
