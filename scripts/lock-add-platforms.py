#!/usr/bin/env python3
"""Adds lock entries for rollup's platform packages that this machine's registry lacks.

npm 11 drops optional dependencies it cannot resolve when it writes package-lock.json,
then `npm ci` refuses that lock ("Missing: @rollup/rollup-… from lock file"). Entries
for the other platforms only need name, version, os/cpu/libc and optional: npm ci never
downloads a package for another platform. Usage: python3 scripts/lock-add-platforms.py package-lock.json (after every npm install that changes the lock)
"""
import json, sys

PLATFORMS = {
    'android-arm-eabi': (['android'], ['arm'], None),
    'android-arm64': (['android'], ['arm64'], None),
    'android-x64': (['android'], ['x64'], None),
    'darwin-arm64': (['darwin'], ['arm64'], None),
    'darwin-x64': (['darwin'], ['x64'], None),
    'freebsd-arm64': (['freebsd'], ['arm64'], None),
    'freebsd-x64': (['freebsd'], ['x64'], None),
    'linux-arm-gnueabihf': (['linux'], ['arm'], ['glibc']),
    'linux-arm-musleabihf': (['linux'], ['arm'], ['musl']),
    'linux-arm64-gnu': (['linux'], ['arm64'], ['glibc']),
    'linux-arm64-musl': (['linux'], ['arm64'], ['musl']),
    'linux-loong64-gnu': (['linux'], ['loong64'], ['glibc']),
    'linux-loong64-musl': (['linux'], ['loong64'], ['musl']),
    'linux-ppc64-gnu': (['linux'], ['ppc64'], ['glibc']),
    'linux-ppc64-musl': (['linux'], ['ppc64'], ['musl']),
    'linux-riscv64-gnu': (['linux'], ['riscv64'], ['glibc']),
    'linux-riscv64-musl': (['linux'], ['riscv64'], ['musl']),
    'linux-s390x-gnu': (['linux'], ['s390x'], ['glibc']),
    'linux-x64-gnu': (['linux'], ['x64'], ['glibc']),
    'linux-x64-musl': (['linux'], ['x64'], ['musl']),
    'openbsd-x64': (['openbsd'], ['x64'], None),
    'openharmony-arm64': (['openharmony'], ['arm64'], None),
    'win32-arm64-msvc': (['win32'], ['arm64'], None),
    'win32-ia32-msvc': (['win32'], ['ia32'], None),
    'win32-x64-gnu': (['win32'], ['x64'], None),
    'win32-x64-msvc': (['win32'], ['x64'], None),
}

path = sys.argv[1]
lock = json.load(open(path))
pkgs = lock['packages']
added = []
for key, node in list(pkgs.items()):
    if not (key == 'node_modules/rollup' or key.endswith('/node_modules/rollup')):
        continue
    base = key[: -len('rollup')]
    for dep, version in (node.get('optionalDependencies') or {}).items():
        if not dep.startswith('@rollup/rollup-'):
            continue
        entry_key = base + dep
        if entry_key in pkgs:
            continue
        os_, cpu, libc = PLATFORMS[dep[len('@rollup/rollup-'):]]
        # Field order as npm writes it, so a later `npm install` leaves these lines alone.
        entry = {'version': version, 'cpu': cpu}
        if node.get('dev'):
            entry['dev'] = True
        if libc:
            entry['libc'] = libc
        entry.update({'license': 'MIT', 'optional': True, 'os': os_})
        pkgs[entry_key] = entry
        added.append(entry_key)
# Keep npm's order; put the rollup platform entries together where the first one was.
is_platform = lambda k: '/@rollup/rollup-' in k
group = sorted((k, v) for k, v in pkgs.items() if is_platform(k))
ordered, placed = [], False
for k, v in pkgs.items():
    if is_platform(k):
        if not placed:
            ordered.extend(group)
            placed = True
        continue
    ordered.append((k, v))
lock['packages'] = dict(ordered)
indent = '\t' if open(path).read(20).startswith('{\n\t') else 2
with open(path, 'w') as f:
    json.dump(lock, f, indent=indent, ensure_ascii=False)
    f.write('\n')
print(f'added {len(added)} entries')
