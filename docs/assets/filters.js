// Filters on the overview page (praktijken/index.md). Without JavaScript the
// form stays hidden and the page lists every case with its terms.
// Within a group a case needs one of the ticked values; across groups, all
// groups must match. The choice lives in the address (?spoor=a&provincie=b),
// so a filtered list can be mailed, bookmarked and reached with "back".
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var status = document.getElementById("filter-resultaat");
  if (!form || !status) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".praktijk"));
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  // Each case's values per group, read once: {spoor: ["a", "b"], ...}
  var values = items.map(function (item) {
    var result = {};
    boxes.forEach(function (box) {
      if (!(box.name in result)) {
        result[box.name] = (item.getAttribute("data-" + box.name) || "").split(" ");
      }
    });
    return result;
  });

  function chosen() {
    var result = {};
    boxes.forEach(function (box) {
      if (box.checked) (result[box.name] = result[box.name] || []).push(box.value);
    });
    return result;
  }

  function matches(caseValues, choice, skipGroup) {
    return Object.keys(choice).every(function (group) {
      return group === skipGroup || choice[group].some(function (value) {
        return caseValues[group].indexOf(value) !== -1;
      });
    });
  }

  function message(count) {
    var key = count === 0 ? "data-geen" : count === 1 ? "data-een" : "data-meer";
    return status.getAttribute(key).replace("{n}", count);
  }

  function apply() {
    var choice = chosen();
    var shown = 0;
    items.forEach(function (item, index) {
      var visible = matches(values[index], choice, null);
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    // How many cases each option would give, with the other groups as chosen.
    boxes.forEach(function (box) {
      var count = 0;
      values.forEach(function (caseValues) {
        if (caseValues[box.name].indexOf(box.value) !== -1 && matches(caseValues, choice, box.name)) count += 1;
      });
      box.parentNode.querySelector(".filters__aantal").textContent = "(" + count + ")";
    });
    status.textContent = message(shown);
  }

  function addressFor() {
    var params = new URLSearchParams();
    boxes.forEach(function (box) { if (box.checked) params.append(box.name, box.value); });
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    boxes.forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
    });
    apply();
  }

  form.addEventListener("change", function () {
    apply();
    window.history.pushState(null, "", addressFor());
  });
  document.getElementById("wis-filters").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    apply();
    window.history.pushState(null, "", addressFor());
    status.focus();
  });
  window.addEventListener("popstate", readAddress);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  status.tabIndex = -1;
  readAddress();
})();
