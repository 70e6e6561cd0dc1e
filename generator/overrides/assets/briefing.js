/* Small reader aids; every page works without them. */
"use strict";

/* The language switcher keeps the place on the page: the same #anchor exists in every language. */
document.addEventListener(
  "click",
  function (event) {
    // Material's own handler (on the body, after this one) goes to the other language's page without it.
    var link = event.target.closest && event.target.closest(".md-select__link[hreflang]");
    if (link && location.hash && !event.metaKey && !event.ctrlKey) {
      event.preventDefault();
      event.stopPropagation();
      location.href = link.href.split("#")[0] + location.hash;
    }
  },
  true
);

/* Escape closes a glossary term's tooltip (WCAG 1.4.13); it shows again on the next hover or focus. */
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") {
    return;
  }
  document.querySelectorAll(".briefing-term:hover, .briefing-term:focus-within").forEach(function (term) {
    term.classList.add("briefing-term--dismissed");
  });
});
["mouseleave", "focusout"].forEach(function (type) {
  document.addEventListener(
    type,
    function (event) {
      var term = event.target.closest && event.target.closest(".briefing-term");
      if (term) {
        term.classList.remove("briefing-term--dismissed");
      }
    },
    true
  );
});

/* Timeline filters: each is a link to a page listing those events; here they filter the timeline in place. */
(function () {
  var filters = document.querySelectorAll(".briefing-filters a[data-filter]");
  var status = document.querySelector(".briefing-filter-status");
  if (!filters.length || !status) {
    return;
  }
  var events = Array.prototype.slice.call(document.querySelectorAll("li.briefing-event"));

  function matches(item, kind, value) {
    if (kind === "all") {
      return true;
    }
    if (kind === "year") {
      return item.dataset.year === value;
    }
    return (item.dataset[kind] || "").split(" ").indexOf(value) >= 0;
  }

  function apply(kind, value) {
    var shown = 0;
    events.forEach(function (item) {
      var show = matches(item, kind, value);
      item.hidden = !show;
      shown += show ? 1 : 0;
    });
    // A quarter's or a year's heading goes when none of its events is shown.
    document.querySelectorAll(".md-content h2[id^='y'], .md-content h3[id^='y']").forEach(function (heading) {
      var level = heading.tagName;
      var any = false;
      for (var next = heading.nextElementSibling; next && !(next.tagName === "H2" || (level === "H3" && next.tagName === "H3")); next = next.nextElementSibling) {
        if (next.querySelector && next.querySelector("li.briefing-event:not([hidden])")) {
          any = true;
        }
      }
      heading.hidden = !any;
      if (level === "H3") {
        var list = heading.nextElementSibling;
        if (list && list.tagName === "UL") {
          list.hidden = !any;
        }
      }
    });
    filters.forEach(function (link) {
      var active = link.dataset.filter === kind && (kind === "all" || link.dataset.value === value);
      if (active) {
        link.setAttribute("aria-current", "true");
      } else {
        link.removeAttribute("aria-current");
      }
    });
    status.textContent = kind === "all" ? "" : status.dataset.shown.replace("%d", shown);
  }

  filters.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var current = link.getAttribute("aria-current") === "true";
      apply(current ? "all" : link.dataset.filter, current ? "" : link.dataset.value || "");
    });
  });
})();

/* A page split into parts: an address naming one of its old anchors (bookmarked before the split) goes on to the part. */
(function () {
  var moved = document.querySelector("[data-briefing-moved]");
  var id = decodeURIComponent(location.hash.slice(1));
  if (!moved || !id || document.getElementById(id)) {
    return;
  }
  var map = new URL(moved.getAttribute("data-briefing-moved"), location.href);
  fetch(map)
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(function (found) {
      var at = found && found.ids[id];
      if (at !== undefined && at !== null) {
        location.replace(new URL(found.parts[at] + "#" + encodeURIComponent(id), map).href);
      }
    });
})();
