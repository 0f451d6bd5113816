// Beside the picture: the list of shown actors (most important first; a keyboard path to every
// actor) and the details of the selected one (name, type, partners, commitments, findings,
// link to its page).

import {brokerText, commitmentShort, degreeText, districtText, findingTexts, groupText, partnersOf} from "./describe.js";
import {fill, make} from "./text.js";

const LIST_LIMIT = 60;

export class SidePanel {
  constructor(picture) {
    this.picture = picture;
    this.list = picture.part("actor-list");
    this.details = picture.part("details");
    this.limit = LIST_LIMIT;
  }

  /** The shown actors as buttons, most important first. */
  renderList() {
    const p = this.picture;
    if (!this.list) return;
    const ids = p.order.filter((id) => p.shown.nodes.has(id));
    const fragment = document.createDocumentFragment();
    for (const id of ids.slice(0, this.limit)) {
      const node = p.nodeById.get(id);
      const item = make("li");
      const button = make("button", "btn btn-link btn-sm p-0 text-start", node.label);
      button.type = "button";
      button.dataset.actor = String(id);
      if (id === p.selected) button.setAttribute("aria-current", "true");
      button.addEventListener("click", () => p.select(id, {reveal: true}));
      item.append(button);
      fragment.append(item);
    }
    if (ids.length > this.limit) {
      const item = make("li", "mt-1");
      const more = make("button", "btn btn-sm btn-outline-secondary", fill(p.labels.show_all_rows, {n: p.number.format(ids.length)}));
      more.type = "button";
      more.addEventListener("click", () => { this.limit = Infinity; this.renderList(); });
      item.append(more);
      fragment.append(item);
    }
    this.list.replaceChildren(fragment);
  }

  markSelected() {
    if (!this.list) return;
    this.list.querySelectorAll("[aria-current]").forEach((button) => button.removeAttribute("aria-current"));
    const current = this.list.querySelector(`[data-actor="${this.picture.selected}"]`);
    if (current) current.setAttribute("aria-current", "true");
  }

  /** The selected actor's details; empty when none is selected. */
  show(node) {
    const p = this.picture;
    const l = p.labels;
    const panel = this.details;
    if (!panel) return;
    panel.replaceChildren();
    panel.hidden = !node;
    if (!node) return;
    const heading = make("h2", "h5 mb-1", node.label);
    heading.id = "net-details-heading";
    heading.tabIndex = -1;
    panel.append(heading);
    const facts = make("dl", "network-facts small mb-2");
    const fact = (term, value) => {
      if (value === null || value === undefined || value === "") return;
      facts.append(make("dt", null, term), make("dd", null, value));
    };
    const flags = [node.mso ? l.mso : null, node.adm ? l.administration : null].filter(Boolean).join(" · ");
    fact(l.type, p.typeLabel.get(node.type) || "–");
    fact(l.flags, flags);
    fact(l.status, p.statusLabel.get(node.status) || node.status);
    fact(l.districts, districtText(p, node));
    fact(l.degree, degreeText(p, node));
    fact(l.betweenness, brokerText(p, node));
    fact(l.group, groupText(p, node));
    fact(l.commitments, (node.commitments || []).map((number) => commitmentShort(p, number)).join(", ") || l.no_commitment);
    fact(l.findings, findingTexts(p, node).join("; ") || l.no_findings);
    panel.append(facts);
    const partners = partnersOf(p, node.id);
    if (partners.length) {
      panel.append(make("h3", "h6 mb-1", l.partners_heading));
      const list = make("ul", "list-unstyled small mb-2 network-partners");
      for (const partner of partners) {
        const item = make("li");
        const button = make("button", "btn btn-link btn-sm p-0 text-start", partner.label);
        button.type = "button";
        button.addEventListener("click", () => p.select(partner.id, {reveal: true}));
        item.append(button);
        list.append(item);
      }
      panel.append(list);
    }
    const actions = make("div", "d-flex flex-wrap gap-2");
    const link = make("a", "btn btn-sm btn-primary", l.open_actor);
    link.href = p.actorUrl(node.id);
    actions.append(link);
    if (p.full) {
      const focus = make("button", "btn btn-sm btn-outline-primary", l.focus_here);
      focus.type = "button";
      focus.dataset.net = "details-focus";
      focus.addEventListener("click", () => p.setFocus(node.id));
      actions.append(focus);
    }
    panel.append(actions);
  }
}
