#!/usr/bin/env python3
"""Writes a uv.lock of COUNT packages (and its pyproject.toml) for benchmarks.

    gen_uv_lock.py COUNT OUT_DIR

Shape, after real uv.lock files (version 1, revision 3): every package from
PyPI with an sdist and wheels, each file with url, hash, size and
upload-time; 70% of packages ship one pure-Python wheel, 20% a handful, 10%
are compiled and ship 20-60 wheels (numpy, aiohttp, pydantic-core have
40-60); each package depends on 0-8 packages locked before it, some with
markers; 5% of names are forked into two versions with resolution-markers.
The project itself is a virtual package at "." with 40 direct dependencies,
an extra and a dev group. Deterministic (fixed seed).
"""
import hashlib
import os
import random
import sys

TAGS = [
    "cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64",
    "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64",
    "cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64",
    "cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64",
    "cp310-cp310-macosx_11_0_arm64", "cp311-cp311-macosx_11_0_arm64",
    "cp312-cp312-macosx_11_0_arm64", "cp313-cp313-macosx_11_0_arm64",
    "cp310-cp310-win_amd64", "cp311-cp311-win_amd64", "cp312-cp312-win_amd64",
    "cp313-cp313-win_amd64", "cp310-cp310-musllinux_1_2_x86_64",
    "cp311-cp311-musllinux_1_2_x86_64", "cp312-cp312-musllinux_1_2_x86_64",
]


def digest(rng):
    return hashlib.sha256(str(rng.random()).encode()).hexdigest()


def file_url(rng, filename):
    h = digest(rng)
    return f"https://files.pythonhosted.org/packages/{h[:2]}/{h[2:4]}/{h[4:60]}/{filename}"


def stamp(rng):
    return (f"20{rng.randint(20, 25)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"
            f"T{rng.randint(0, 23):02}:{rng.randint(0, 59):02}:{rng.randint(0, 59):02}."
            f"{rng.randint(0, 999):03}Z")


def main():
    count = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(20251129)
    names = [f"pkg-{i:04d}-{rng.choice(['core', 'utils', 'client', 'io', 'sdk'])}"
             for i in range(count)]
    forked = set(rng.sample(range(count), count // 20))
    lines = ['version = 1', 'revision = 3', 'requires-python = ">=3.10"',
             'resolution-markers = [', '    "python_full_version >= \'3.12\'",',
             '    "python_full_version < \'3.12\'",', ']', '']
    root_deps = sorted(rng.sample([i for i in range(count) if i not in forked], 40))
    entries = []
    for i, name in enumerate(names):
        versions = [f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}"]
        if i in forked:
            versions.append(f"{rng.randint(10, 20)}.0.{rng.randint(0, 9)}")
        for v in versions:
            entries.append((name, v, i, len(versions) > 1, v == versions[0]))
    entries.append(("project", "0.1.0", None, False, True))
    entries.sort(key=lambda e: (e[0], e[1]))
    for name, version, i, fork, first in entries:
        lines += ['[[package]]', f'name = "{name}"', f'version = "{version}"']
        if i is None:
            lines.append('source = { virtual = "." }')
            lines.append('dependencies = [')
            for d in root_deps:
                lines.append(f'    {{ name = "{names[d]}" }},')
            lines.append(']')
            lines += ['', '[package.optional-dependencies]', 'cli = [',
                      f'    {{ name = "{names[rng.randrange(count)]}" }},', ']',
                      '', '[package.dev-dependencies]', 'dev = [',
                      f'    {{ name = "{names[rng.randrange(count)]}" }},', ']', '']
            continue
        lines.append('source = { registry = "https://pypi.org/simple" }')
        if fork:
            marker = "python_full_version >= '3.12'" if first else "python_full_version < '3.12'"
            lines += ['resolution-markers = [', f'    "{marker}",', ']']
        if i > 0:
            deps = sorted(set(rng.randrange(i) for _ in range(rng.randint(0, 8))))
            deps = [d for d in deps if d not in forked]
            if deps:
                lines.append('dependencies = [')
                for d in deps:
                    if rng.random() < 0.15:
                        lines.append(f'    {{ name = "{names[d]}", '
                                     f'marker = "sys_platform == \'win32\'" }},')
                    else:
                        lines.append(f'    {{ name = "{names[d]}" }},')
                lines.append(']')
        base = name.replace("-", "_")
        sdist = f"{base}-{version}.tar.gz"
        lines.append(f'sdist = {{ url = "{file_url(rng, sdist)}", hash = "sha256:{digest(rng)}", '
                     f'size = {rng.randint(5000, 9000000)}, upload-time = "{stamp(rng)}" }}')
        roll = rng.random()
        wheels = 1 if roll < 0.7 else rng.randint(2, 10) if roll < 0.9 else rng.randint(20, 60)
        lines.append('wheels = [')
        for w in range(wheels):
            tag = "py3-none-any" if wheels == 1 else TAGS[w % len(TAGS)] + ("" if w < len(TAGS) else f".v{w}")
            whl = f"{base}-{version}-{tag}.whl"
            lines.append(f'    {{ url = "{file_url(rng, whl)}", hash = "sha256:{digest(rng)}", '
                         f'size = {rng.randint(5000, 9000000)}, upload-time = "{stamp(rng)}" }},')
        lines.append(']')
        lines.append('')
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "uv.lock"), "w") as f:
        f.write("\n".join(lines).rstrip("\n") + "\n")
    with open(os.path.join(out, "pyproject.toml"), "w") as f:
        f.write('[project]\nname = "project"\nversion = "0.1.0"\nrequires-python = ">=3.10"\n'
                'dependencies = [\n')
        for d in root_deps:
            f.write(f'    "{names[d]}",\n')
        f.write(']\n')


if __name__ == "__main__":
    main()
