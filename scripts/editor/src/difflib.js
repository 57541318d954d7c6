// Python's difflib.get_close_matches (cutoff 0.6), so that the editor suggests
// the same term as `check` ("Bedoelt u ...?"). SequenceMatcher without junk
// heuristics: the strings compared here are short.
function longestMatch(a, b, alo, ahi, blo, bhi) {
  let besti = alo, bestj = blo, bestsize = 0;
  let lengths = new Map();
  for (let i = alo; i < ahi; i += 1) {
    const next = new Map();
    for (let j = blo; j < bhi; j += 1) {
      if (a[i] !== b[j]) continue;
      const k = (lengths.get(j - 1) || 0) + 1;
      next.set(j, k);
      if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
    }
    lengths = next;
  }
  return [besti, bestj, bestsize];
}

function matchingCharacters(a, b) {
  const queue = [[0, a.length, 0, b.length]];
  let total = 0;
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop();
    const [i, j, k] = longestMatch(a, b, alo, ahi, blo, bhi);
    if (!k) continue;
    total += k;
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  return total;
}

export function ratio(first, second) {
  const [a, b] = [[...first], [...second]];  // characters as Python counts them, not UTF-16 units
  const size = a.length + b.length;
  return size ? (2 * matchingCharacters(a, b)) / size : 1;
}

// problems.closest: the best match at or above 0.6, else the same word in other case or spacing.
export function closest(value, allowed) {
  let best = "", score = 0.6 - 1e-9;
  for (const option of allowed) {  // as get_close_matches: the option is a, the value b;
    const s = ratio(option, String(value));  // a tie goes to the option that sorts last
    if (s > score || (s === score && best && option > best)) { best = option; score = s; }
  }
  if (best) return best;
  const wanted = String(value).toLowerCase().replace(/ /g, "-");
  return allowed.find((option) => option.toLowerCase().replace(/ /g, "-") === wanted) || "";
}
