"""axe-core in the browser tests: `assert_accessible(page)` fails on any violation at any impact.

axe-core comes from npm through package.json (exact version) and `make install-dev`; the tests
read node_modules/axe-core/axe.min.js and evaluate it in the page through the DevTools protocol,
so the app never serves it and the page's Content-Security-Policy stays as it is.
"""
from pathlib import Path

import pytest

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0/2.1 levels A and AA (what BITV 2.0 / EN 301 549 require) plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                          resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`),
    count: v.nodes.length,
  }));
}"""


def _axe_source():
    if not AXE_SCRIPT.exists():
        pytest.skip(f"Accessibility checks skipped: no axe-core at {AXE_SCRIPT} "
                    "(`make install-dev` installs it from package.json).")
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_violations(page):
    """axe-core's violations on the page as it is now (list of dicts, empty when clean)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    return page.evaluate(RUN_AXE, AXE_TAGS)


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']} ({violation['count']}x): "
                     f"{violation['help']}")
        lines.extend(f"    {node}" for node in violation["nodes"])
    return "\n".join(lines)


def assert_accessible(page):
    """No axe-core violation at any impact level on the current page."""
    violations = axe_violations(page)
    assert not violations, f"axe-core on {page.url}:\n{format_violations(violations)}"
