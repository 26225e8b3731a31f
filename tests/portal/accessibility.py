"""axe-core in the page (axe-playwright-python): the violations a test refuses."""

from axe_playwright_python.sync_playwright import Axe

BLOCKING = {"serious", "critical"}
_axe = Axe()


def blocking_violations(page) -> list[str]:
    """Each serious or critical violation on the page once it has loaded (a click's navigation
    may still be under way), as "rule: what, where"."""
    page.wait_for_load_state("load")
    results = _axe.run(page)
    return [
        f"{violation['id']}: {violation['help']} at {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
        if violation.get("impact") in BLOCKING
    ]
