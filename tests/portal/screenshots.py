"""Full-page screenshots of the portal at a phone's and a desktop's width, for people to look at
(README: test-artifacts/screenshots/). Each shot is numbered in the order the walk took it:
`phone-03-procedure.png`, `desktop-03-procedure.png`."""

from pathlib import Path

FOLDER = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WIDTHS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1366, "height": 900},
}


class Screenshots:
    """Takes `page` at every width, then puts it back at the desktop width."""

    def __init__(self, page, *, series: str = "", folder: Path = FOLDER) -> None:
        self.page, self.series, self.folder = page, series, folder
        self.taken: list[Path] = []
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"*-{series}[0-9][0-9]-*.png"):
            old.unlink()

    def take(self, name: str) -> None:
        number = f"{self.series}{len(self.taken) // len(WIDTHS) + 1:02d}"
        for width, size in WIDTHS.items():
            self.page.set_viewport_size(size)
            path = self.folder / f"{width}-{number}-{name}.png"
            self.page.screenshot(path=path, full_page=True, animations="disabled")
            self.taken.append(path)
        self.page.set_viewport_size(WIDTHS["desktop"])
