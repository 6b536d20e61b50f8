#!/usr/bin/env python3
"""The house's rules, read from the #include lines of src/ (HACKING.md, "Layers").

- Each folder of src/ is one layer; a file includes headers of its own layer
  and of the layers below it, never above: base <- store <- domain <- desk <-
  docs, io <- county (PostgreSQL) <- cli, ui, pdf (the PDF writer); the PDF
  writer and the desk's UI never include county/; the county's view, ui/county/,
  reads it only through county/county_read.h, and nothing else of ui/ includes
  ui/county/.  docs and io stand side by side and do not include each
  other; of the UI, the command line includes only its entry point, ui/ui.h.
- No cycle among modules.  A module is the files of one layer whose names
  share the part before the first underscore (log.c, log_query.c and
  log_internal.h are the module domain/log).
- curses only in ui/; sqlite3.h only in store/ and the layers that write SQL
  above it (never base/, cli/ or ui/); libpq and cairo/pango nowhere but
  where they belong.
- No .c file over 800 lines.
- po/POTFILES lists exactly the files whose messages are translated (a file
  named there that is gone stops the catalogue's update).

Prints every broken rule with the file and line; exits 1 when there is one.
"""
import os
import re
import sys

RANK = {'base': 0, 'store': 1, 'domain': 2, 'desk': 3, 'docs': 4, 'io': 4, 'county': 5,
        'cli': 6, 'ui': 6, 'pdf': 6}
MAX_LINES = 800
INCLUDE = re.compile(r'^\s*#\s*include\s+([<"])([^>"]+)[>"]')
SYSTEM = {
    'curses.h': {'ui'}, 'ncurses.h': {'ui'}, 'ncursesw/curses.h': {'ui'},
    'sqlite3.h': {'store', 'domain', 'desk', 'docs', 'io'},
    'cairo.h': {'pdf'}, 'cairo-pdf.h': {'pdf'}, 'pango/pangocairo.h': {'pdf'},
    'fontconfig/fontconfig.h': {'pdf'},
    'libpq-fe.h': {'county'}, 'postgresql/libpq-fe.h': {'county'},
}


def module(layer, name):
    return layer + '/' + re.split(r'[_.]', name, maxsplit=1)[0]


def main(src):
    problems = []
    edges = {}
    for layer in sorted(os.listdir(src)):
        folder = os.path.join(src, layer)
        if not os.path.isdir(folder):
            continue
        if layer not in RANK:
            problems.append(f'{folder}: a folder that is no layer (HACKING.md lists them)')
            continue
        for path in sorted(os.path.join(d, n) for d, _, names in os.walk(folder)
                           for n in names):
            name = os.path.basename(path)
            if not name.endswith(('.c', '.h')):
                continue
            here = os.path.dirname(path)
            with open(path, encoding='utf-8') as f:
                lines = f.readlines()
            if name.endswith('.c') and len(lines) > MAX_LINES:
                problems.append(f'{path}: {len(lines)} lines; split it (at most {MAX_LINES})')
            me = module(layer, name)
            for no, line in enumerate(lines, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                kind, target = m.groups()
                where = f'{path}:{no}'
                if kind == '<':
                    allowed = SYSTEM.get(target)
                    if allowed is not None and layer not in allowed:
                        problems.append(f'{where}: <{target}> does not belong in {layer}/')
                    continue
                if '/' not in target or target.startswith('../'):
                    if target.startswith('../'):
                        problems.append(f'{where}: "{target}": name its layer ("ui/...")')
                        continue
                    if not os.path.exists(os.path.join(here, target)):
                        problems.append(f'{where}: "{target}": name its layer ("base/...")')
                    else:
                        edges.setdefault(me, set()).add(module(layer, target))
                    continue
                to_layer, to_name = target.split('/', 1)
                if to_layer not in RANK:
                    problems.append(f'{where}: "{target}" is in no layer')
                    continue
                up = RANK[to_layer] > RANK[layer]
                side = RANK[to_layer] == RANK[layer] and to_layer != layer
                if layer == 'cli' and target == 'ui/ui.h':
                    up = side = False
                if up or side:
                    problems.append(f'{where}: {layer}/ includes "{target}", a layer '
                                    f'{"above" if up else "beside"} it')
                if to_layer == 'ui' and layer != 'ui' and not (layer == 'cli' and
                                                               target == 'ui/ui.h'):
                    problems.append(f'{where}: only ui/ui.h is the UI\'s door')
                county_ui = os.path.relpath(here, src).split(os.sep)[:2] == ['ui', 'county']
                if to_layer == 'county' and (layer == 'pdf' or (layer == 'ui' and not (
                        county_ui and target == 'county/county_read.h'))):
                    problems.append(f'{where}: the desk\'s UI never talks to the county (it '
                                    f'starts `dutydesk sync`); only ui/county/ reads it, '
                                    f'through county/county_read.h')
                if (layer == 'ui' and to_layer == 'ui' and not county_ui and
                        target.startswith('ui/county/')):
                    problems.append(f'{where}: ui/county/ includes frame/ and views/, never '
                                    f'the other way')
                if layer in ('cli', 'ui') and target == 'store/store_sql.h':
                    problems.append(f'{where}: front ends never see SQL')
                edges.setdefault(me, set()).add(module(to_layer, to_name))
    for cycle in cycles(edges):
        problems.append('cycle: ' + ' -> '.join(cycle))
    problems += potfiles(src)
    for p in problems:
        print(p)
    print(f'{len(edges)} modules, {sum(len(v) for v in edges.values())} module includes, '
          f'{len(problems)} problem(s)')
    return 1 if problems else 0


MESSAGE = re.compile(r'\bN?_\(\s*"')
COMMENT = re.compile(r'/\*.*?\*/', re.S)


def potfiles(src):
    """What po/POTFILES gets wrong: files gone, files with messages not listed."""
    top = os.path.dirname(os.path.abspath(src))
    listed = os.path.join(top, 'po', 'POTFILES')
    if not os.path.exists(listed):
        return []
    with open(listed, encoding='utf-8') as f:
        names = {line.strip() for line in f if line.strip()}
    problems = [f'po/POTFILES: {n} does not exist' for n in sorted(names)
                if not os.path.exists(os.path.join(top, n))]
    for d, _, files in os.walk(src):
        for n in sorted(files):
            path = os.path.join(d, n)
            rel = os.path.relpath(path, top)
            if not n.endswith(('.c', '.h')) or rel in names:
                continue
            with open(path, encoding='utf-8') as f:
                if MESSAGE.search(COMMENT.sub('', f.read())):
                    problems.append(f'po/POTFILES: {rel} has messages and is not listed')
    return problems


def cycles(edges):
    """Each cycle of the module graph once, as a list of modules."""
    found, seen = [], set()
    state = {}

    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt == node:
                continue
            if state.get(nxt) == 1:
                cyc = stack[stack.index(nxt):] + [nxt]
                key = frozenset(cyc)
                if key not in seen:
                    seen.add(key)
                    found.append(cyc)
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    return found


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else
                  os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src')))
