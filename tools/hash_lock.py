"""Write requirements.lock with a hash for every pinned package (pip installs it with --require-hashes).

    python tools/hash_lock.py FROZEN OUT

FROZEN is ``pip freeze`` of an environment made from pyproject.toml; pip resolves it again without
installing (``--dry-run --report``) and this script writes each package with the sha256 of the file
pip chose for this kind of machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path


def main(frozen: str, out: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--dry-run",
                "--ignore-installed",
                "--report",
                str(report),
                "-r",
                frozen,
            ],
            check=True,
        )
        installs = json.loads(report.read_text(encoding="utf-8"))["install"]
    lines = [
        "# The whole Python dependency tree, pinned and hashed (make lock writes it; make env installs it",
        "# with --require-hashes). Hashes are of the files pip chooses on this project's kind of machine.",
    ]
    for item in sorted(installs, key=lambda i: i["metadata"]["name"].lower()):
        name, version = item["metadata"]["name"], item["metadata"]["version"]
        digest = item["download_info"]["archive_info"]["hashes"]["sha256"]
        lines.append(f"{name}=={version} \\\n    --hash=sha256:{digest}")
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(installs)} hashed pins to {out}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
