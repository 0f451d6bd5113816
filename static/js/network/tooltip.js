// The tooltip over the picture: built when the pointer rests on a node or an edge (not 17,000
// strings up front), always as text.

import {make} from "./text.js";

const DELAY = 250;

export class Tooltip {
  constructor(canvas, textAt) {
    this.canvas = canvas;
    this.textAt = textAt;
    this.element = make("div", "network-tooltip");
    this.element.dataset.net = "tooltip";
    this.element.setAttribute("role", "tooltip");
    this.element.hidden = true;
    this.timer = null;
    canvas.append(this.element);
    canvas.addEventListener("pointermove", (event) => {
      if (event.target === this.element) return;
      this.hide();
      const box = canvas.getBoundingClientRect();
      const point = {x: event.clientX - box.left, y: event.clientY - box.top};
      this.timer = setTimeout(() => this.show(point, box), DELAY);
    });
    for (const name of ["pointerleave", "pointerdown", "wheel"]) canvas.addEventListener(name, () => this.hide());
  }

  /** vis-network empties its container when it is created again: put the tooltip back. */
  attach() {
    if (!this.canvas.contains(this.element)) this.canvas.append(this.element);
  }

  hide() {
    clearTimeout(this.timer);
    this.element.hidden = true;
  }

  show(point, box) {
    const text = this.textAt(point);
    if (!text) return;
    const element = this.element;
    element.textContent = text;
    element.hidden = false;
    const left = Math.min(point.x + 14, Math.max(0, box.width - element.offsetWidth - 4));
    const top = point.y + 14 + element.offsetHeight > box.height
      ? Math.max(0, point.y - element.offsetHeight - 8) : point.y + 14;
    element.style.left = `${left}px`;
    element.style.top = `${top}px`;
  }
}
