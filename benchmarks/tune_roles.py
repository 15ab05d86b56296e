"""Tune the line-role costs (viewer.importer.roles.W) on the corpus's tuning split.

Run from the project root:  .venv/bin/python benchmarks/tune_roles.py [--passes 2]

Coordinate descent: each cost in turn is tried a little lower and a little higher, and kept
where the tuning split's score is best. The score is the mean of four shares on text articles:
photos found, credits found, slides that are not furniture, titles right (import_score.py
counts them), on every article but those named fresh3-* (a held-out set, never read; see
--exclude-prefix). A change is kept only if the hand-made shape tests still pass (they run in
a subprocess with the candidate costs), so tuning cannot trade a
known layout for corpus points. Prints the costs, by name (roles.py's W names each by what it
prices), as lines to paste over W's values in roles.py; --save writes them as JSON, which
VIEWER_ROLE_COSTS also reads.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from import_score import CORPUS, EXCLUDED_BY_DEFAULT, score  # noqa: E402

from viewer.importer import roles  # noqa: E402


def objective(cases: list[tuple[Path, dict]]) -> float:
    results = [score(path, expected) for path, expected in cases]
    photos = sum(r.photos for r in results) or 1
    credits = sum(r.credits for r in results) or 1
    slides = sum(r.slides for r in results) or 1
    return (sum(r.photos_found for r in results) / photos + sum(r.credits_found for r in results) / credits
            + 1 - sum(r.furniture for r in results) / slides
            + sum(1 for r in results if r.title_right) / len(results)) / 4


SHAPE_TESTS = ["tests/unit/test_line_roles.py", "tests/unit/test_import_shapes.py", "tests/unit/test_importer.py"]


def shapes_hold(costs: dict[str, float]) -> bool:
    """The hand-made shape tests pass with these costs (VIEWER_ROLE_COSTS, read by roles.py)."""
    env = {**os.environ, "VIEWER_ROLE_COSTS": json.dumps(costs)}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *SHAPE_TESTS],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    return done.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--save", type=Path, help="write the best costs here (JSON) after every gain")
    parser.add_argument("--exclude-prefix", action="append", default=None, metavar="PREFIX",
                        help="never read files whose name starts with PREFIX "
                             f"(default: {' '.join(EXCLUDED_BY_DEFAULT)})")
    args = parser.parse_args()
    given = args.exclude_prefix if args.exclude_prefix is not None else EXCLUDED_BY_DEFAULT
    excluded = tuple(prefix for prefix in given if prefix)
    # Every article not excluded: the `fresh-` set was scored once as held-out and is tuning
    # material now, and so is `fresh2-` (scored once); the held-out set (`fresh3-`) is never read.
    cases = [(path, json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8")))
             for path in sorted(CORPUS.glob("text/*.txt"))
             if not (excluded and path.stem.startswith(excluded))
             and path.with_name(path.stem + ".expected.json").exists()]
    best = objective(cases)
    print(f"start: {best:.4f} on {len(cases)} articles", flush=True)
    for number in range(args.passes):
        improved = False
        for name in list(roles.W):
            value = roles.W[name]
            for candidate in sorted({round(value * 0.5, 2), round(value + 0.5, 2), round(value * 1.5, 2),
                                     round(max(0.0, value - 0.5), 2)} - {value}):
                roles.W[name] = candidate
                got = objective(cases)
                if got > best + 1e-9 and shapes_hold(dict(roles.W)):
                    best, value, improved = got, candidate, True
                    print(f"  pass {number + 1}: {name} -> {candidate}: {best:.4f}", flush=True)
                    if args.save:
                        args.save.write_text(json.dumps({**roles.W, name: candidate}, indent=4))
            roles.W[name] = value
        if not improved:
            break
    print(f"best: {best:.4f}")
    print("\n".join(f"    {json.dumps(name)}: {value}," for name, value in roles.W.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
