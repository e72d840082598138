// Zoom and pan for the ownership picture (docs/review.md, "The ownership picture").
// The drawing keeps its own coordinates; zooming changes only its size on the page, and
// the frame around it scrolls. Drag inside the frame to move round the picture; with the
// frame focused, + and - zoom and 0 fits the frame. Without this script the picture is
// drawn at its actual size in the same scrolling frame.
(function () {
  "use strict";
  var SMALLEST = 0.005, LARGEST = 4;

  function setUp(figure) {
    var frame = figure.querySelector(".picture-frame");
    var svg = frame && frame.querySelector("svg");
    if (!svg) return;
    var width = Number(svg.getAttribute("width"));
    var height = Number(svg.getAttribute("height"));
    var level = figure.querySelector("[data-zoom-level]");
    var scale = 1;

    function zoomTo(next, aroundX, aroundY) {
      next = Math.min(LARGEST, Math.max(SMALLEST, next));
      // Keep the point under the pointer (or the frame's middle) where it is.
      var x = aroundX === undefined ? frame.clientWidth / 2 : aroundX;
      var y = aroundY === undefined ? frame.clientHeight / 2 : aroundY;
      var pictureX = (frame.scrollLeft + x) / scale, pictureY = (frame.scrollTop + y) / scale;
      scale = next;
      svg.setAttribute("width", String(Math.round(width * scale)));
      svg.setAttribute("height", String(Math.round(height * scale)));
      frame.scrollLeft = pictureX * scale - x;
      frame.scrollTop = pictureY * scale - y;
      level.textContent = Math.round(scale * 100) + " %";
      figure.setAttribute("data-scale", String(scale));
    }

    function fit() {
      var across = (frame.clientWidth - 4) / width;
      var down = (parseFloat(getComputedStyle(frame).maxHeight) || frame.clientHeight) / height;
      zoomTo(Math.min(1, across, down), 0, 0);
    }

    figure.querySelectorAll("[data-zoom-by]").forEach(function (button) {
      button.addEventListener("click", function () {
        zoomTo(scale * Number(button.getAttribute("data-zoom-by")));
      });
    });
    figure.querySelectorAll("[data-zoom-to]").forEach(function (button) {
      button.addEventListener("click", function () {
        var to = button.getAttribute("data-zoom-to");
        if (to === "fit") fit(); else zoomTo(Number(to));
      });
    });
    frame.addEventListener("keydown", function (event) {
      // Ctrl, Cmd and Alt with these keys stay the browser's own (its page zoom).
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "+" || event.key === "=") zoomTo(scale * 1.25);
      else if (event.key === "-") zoomTo(scale * 0.8);
      else if (event.key === "0") fit();
      else return;
      event.preventDefault();
    });
    // Ctrl and the wheel (a pinch on a touchpad) zoom; the wheel alone scrolls, as usual.
    frame.addEventListener("wheel", function (event) {
      if (!event.ctrlKey || event.deltaY === 0) return;
      event.preventDefault();
      var box = frame.getBoundingClientRect();
      zoomTo(scale * (event.deltaY < 0 ? 1.1 : 1 / 1.1), event.clientX - box.left, event.clientY - box.top);
    }, { passive: false });

    var drag = null;
    frame.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, left: frame.scrollLeft, top: frame.scrollTop };
      frame.setPointerCapture(event.pointerId);
      frame.classList.add("dragging");
    });
    frame.addEventListener("pointermove", function (event) {
      if (!drag) return;
      frame.scrollLeft = drag.left - (event.clientX - drag.x);
      frame.scrollTop = drag.top - (event.clientY - drag.y);
    });
    function stop() { drag = null; frame.classList.remove("dragging"); }
    frame.addEventListener("pointerup", stop);
    frame.addEventListener("pointercancel", stop);

    figure.querySelector(".zoom-controls").hidden = false;
    // A picture wider than its frame starts fitted to it, as long as the text stays
    // readable (a 200-party fund starts at its actual size, scrolled to the investor).
    if (width > frame.clientWidth) {
      var across = (frame.clientWidth - 4) / width;
      if (across >= 0.5) zoomTo(across, 0, 0);
      else frame.scrollLeft = (width - frame.clientWidth) / 2;
    }
  }

  document.querySelectorAll("figure[data-zoom]").forEach(setUp);
})();
