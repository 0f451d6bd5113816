// Small text helpers shared by the network modules. Words come from the server (the JSON's
// "labels"); the script fills in the figures.

/** "{n} Akteure" with {n} replaced; unknown placeholders stay as they are. */
export function fill(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));
}

/**
 * The grammatical form for a count: `forms` is {one, other} as the server's ngettext gave them
 * (for 1 and for many), `rules` an Intl.PluralRules of the page language.
 */
export function plural(forms, count, rules, number = String) {
  const form = forms[rules.select(count)] ?? forms.other;
  return fill(form, {n: number(count)});
}

/** A name cut into at most `maxLines` lines of about `width` characters, at spaces or hyphens. */
export function wrapLabel(text, width = 22, maxLines = 2) {
  const words = String(text).split(/(?<=[\s-])/u);
  const lines = [];
  let line = "";
  for (const word of words) {
    if (line && (line + word).trimEnd().length > width) {
      lines.push(line.trimEnd());
      line = "";
    }
    line += word;
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length > maxLines) {
    const rest = lines.slice(maxLines - 1).join(" ");
    lines.length = maxLines - 1;
    lines.push(rest.length > width + 4 ? `${rest.slice(0, width).trimEnd()}…` : rest);
  }
  return lines.map((item) => (item.length > width + 8 ? `${item.slice(0, width + 7)}…` : item));
}

/** An element with a class and text (never HTML). */
export function make(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined && text !== null) element.textContent = String(text);
  return element;
}
