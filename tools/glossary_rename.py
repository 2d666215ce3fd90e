#!/usr/bin/env python3
"""glossary_rename.py - give the code the one name per idea of docs/glossary.md.

Renames C identifiers (never string literals, comments or #include lines) in
src/ and tests/unit/:

  F_RES F_ENR F_ABS F_VRIJ F_MELD   -> F_RESIDENCE F_ENROLMENT F_ABSENCE F_VRIJSTELLING F_MELDING
  verzuim_soort                      -> absence_kind
  leerling (a pupil's id in code)    -> pupil_id    (not in src/cli: cli_opts.leerling is --leerling)
  leerling_id as a parameter         -> pupil_id    (never a field: store rows name theirs after the columns)
  leerlingen (a list of pupil ids)   -> pupil_ids   (in src/store; tests/unit fixtures name theirs after the files)

It was run once to make the commit that introduced it; it is kept so that a
branch written before that commit can be brought to the same names after a
merge: run it from the top of the tree, then build. Running it again on
renamed code changes nothing.
"""
import os
import re
import sys

PLAIN = {
    'F_RES': 'F_RESIDENCE', 'F_ENR': 'F_ENROLMENT', 'F_ABS': 'F_ABSENCE', 'F_VRIJ': 'F_VRIJSTELLING',
    'F_MELD': 'F_MELDING', 'verzuim_soort': 'absence_kind',
}


def tokens(s):
    """(start, end, identifier) outside strings, character constants, comments and #include lines."""
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if s.startswith('//', i):
            j = s.find('\n', i)
            i = n if j < 0 else j
        elif s.startswith('/*', i):
            j = s.find('*/', i + 2)
            i = n if j < 0 else j + 2
        elif c in '"\'':
            j = i + 1
            while j < n and s[j] != c:
                j += 2 if s[j] == '\\' else 1
            i = j + 1
        elif s.startswith('#include', i) and (i == 0 or s[i - 1] == '\n'):
            j = s.find('\n', i)
            i = n if j < 0 else j
        else:
            m = re.match(r'[A-Za-z_]\w*', s[i:i + 200])
            if m:
                yield i, i + len(m.group(0)), m.group(0)
                i += len(m.group(0))
            else:
                i += 1


def rename(path, layer):
    s = open(path, encoding='utf-8').read()
    out, last = [], 0
    for a, b, t in tokens(s):
        before = s[max(0, a - 2):a]
        member = before.endswith('.') or before.endswith('->')
        new = PLAIN.get(t)
        if t == 'leerling' and layer != 'cli':
            new = 'pupil_id'
        elif t == 'leerling_id' and layer == 'http' and not member:
            new = 'pupil_id'
        elif t == 'leerlingen' and layer == 'store':
            new = 'pupil_ids'
        if new:
            out.append(s[last:a] + new)
            last = b
    if not out:
        return False
    s2 = ''.join(out) + s[last:]
    if s2 == s:
        return False
    open(path, 'w', encoding='utf-8').write(s2)
    return True


def main():
    changed = 0
    for top in ('src', 'tests/unit', 'bench'):
        for root, _, files in os.walk(top):
            for f in files:
                if f.endswith(('.c', '.h')):
                    path = os.path.join(root, f)
                    layer = path.split(os.sep)[1] if top == 'src' else 'tests'
                    changed += rename(path, layer)
    print(f'glossary_rename: {changed} files changed', file=sys.stderr)


if __name__ == '__main__':
    main()
