#!/usr/bin/env python3
"""Fails when a component includes a header it may not depend on.

The table is docs/ARCHITECTURE.md's; keep the two in step. Components on one
layer never include each other; no component includes another's internal/.
"""
import os
import re
import sys

ALLOWED = {
    "base": set(),
    "model": {"base"},
    "storage": {"base", "model"},
    "evidence": {"base", "model"},
    "legal": {"base", "model"},
    "linkage": {"base", "model"},
    "stats": {"base", "model"},
    "synth": {"base", "model"},
    "claims": {"base", "model", "linkage", "stats"},
    "report": {"base", "model", "legal", "linkage", "stats", "claims"},
    "chart": {"base", "model", "legal", "linkage", "stats", "claims"},
    "app": {"base", "model", "storage", "evidence", "legal", "linkage", "stats",
            "synth", "claims", "report", "chart"},
    "http": {"app", "model", "base"},
    "cli": {"app", "model", "base"},
    "testing": None,  # tests only: may use anything
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/([^"]+)"')


def main(src):
    problems = []
    for component in sorted(os.listdir(src)):
        path = os.path.join(src, component)
        if not os.path.isdir(path):
            continue
        if component not in ALLOWED:
            problems.append(f"{component}/: not in the layering table")
            continue
        allowed = ALLOWED[component]
        for root, _, files in os.walk(path):
            for name in files:
                if not name.endswith((".h", ".cc")):
                    continue
                is_test = name.endswith("_test.cc")
                file = os.path.join(root, name)
                with open(file, encoding="utf-8") as f:
                    for lineno, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        target, rest = m.group(1), m.group(2)
                        where = f"{os.path.relpath(file, src)}:{lineno}"
                        if target == component or target not in ALLOWED:
                            continue  # own header, or a third-party one
                        if rest.startswith("internal/"):
                            problems.append(f"{where}: includes {target}/internal/ of another component")
                        elif is_test and target == "testing":
                            continue
                        elif allowed is not None and target not in allowed:
                            problems.append(f"{where}: {component} may not depend on {target}")
    for p in problems:
        print(p)
    print(f"layering: {len(problems)} violations")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "src"))
