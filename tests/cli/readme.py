#!/usr/bin/env python3
"""readme.py — run the shell examples of README.md in order, as a person
would type them at a terminal, and fail on the first that exits non-zero.

The examples are the lines of the README's ```sh blocks, a line ending in a
backslash joined to the next.  A block right after the comment
<!-- readme: not run (REASON) --> is left out (it installs, changes the
system or needs what a test has not: a gateway, a printer, a placeholder
of the reader's own).  The lines run one by one in one shell on a
pseudo-terminal, so that what a line exports holds for the next, and a
PIN asked on the terminal is answered with the PIN that README gives that
person (the `pin set` lines: `printf 'PIN\\n' | dutydesk --operator X pin
set X`, and an admin's `printf 'ADMIN\\nPIN\\n' | … pin set Y`).

usage: readme.py README.md   (dutydesk on PATH, a fresh database in DUTYDESK_DB)
"""
import os
import pty
import re
import select
import sys
import termios
import time

SKIP = re.compile(r'<!--\s*readme:\s*not run\b')
PROMPT = re.compile(rb'PIN for (\S+?): ')
RC = re.compile(rb'__README_RC__(\d+)__')


def examples(path):
    lines = open(path, encoding='utf-8').read().split('\n')
    out, i, skip_next = [], 0, False
    while i < len(lines):
        line = lines[i]
        if SKIP.search(line):
            skip_next = True
        elif line.startswith('```'):
            lang = line[3:].strip()
            j = i + 1
            body = []
            while j < len(lines) and not lines[j].startswith('```'):
                body.append(lines[j])
                j += 1
            if lang in ('sh', 'shell', 'bash') and not skip_next:
                cur = ''
                for b in body:
                    if b.endswith('\\'):
                        cur += b[:-1] + ' '
                        continue
                    cur += b
                    if cur.strip() and not cur.strip().startswith('#'):
                        out.append(cur.strip())
                    cur = ''
            skip_next = False
            i = j
        elif line.strip():
            skip_next = skip_next and line.strip().startswith('<!--')
        i += 1
    return out


def pins(cmds):
    """The PINs README gives: NAME -> PIN."""
    got = {}
    for c in cmds:
        m = re.match(r"printf '([^']*)' \| dutydesk --operator (\S+) pin set (\S+)", c)
        if not m:
            continue
        given = [p for p in m.group(1).split('\\n') if p]
        actor, target = m.group(2), m.group(3)
        if actor == target and len(given) == 1:
            got[target] = given[0]
        elif len(given) == 2:
            got.setdefault(actor, given[0])
            got[target] = given[1]
    return got


def echo_off(fd):
    try:
        return not termios.tcgetattr(fd)[3] & termios.ECHO
    except termios.error:
        return False


def run(cmds, known):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp('sh', ['sh'])
    failed = 0
    for n, cmd in enumerate(cmds, 1):
        sys.stdout.write('$ %s\n' % cmd)
        # One line, whatever the example holds (a trailing comment too): a
        # second line would wait in the terminal and be read as a PIN.
        quoted = "'" + cmd.replace("'", "'\\''") + "'"
        os.write(fd, ('eval %s; echo "__README_RC__$?__"\n' % quoted).encode())
        buf, answered, deadline = b'', 0, time.time() + 60
        while True:
            if time.time() > deadline:
                sys.stdout.write('FAIL: example %d did not finish: %s\n' % (n, cmd))
                return 1
            r, _, _ = select.select([fd], [], [], 0.1)
            if r:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    chunk = b''
                if not chunk:
                    sys.stdout.write('FAIL: the shell went away at: %s\n' % cmd)
                    return 1
                buf += chunk
            prompts = PROMPT.findall(buf)
            if len(prompts) > answered and echo_off(fd):
                who = prompts[answered].decode('utf-8', 'replace')
                if who not in known:
                    sys.stdout.write('FAIL: README gives no PIN for %s\n' % who)
                    return 1
                os.write(fd, (known[who] + '\n').encode())
                answered += 1
            m = RC.search(buf)
            if m:
                text = RC.sub(b'', buf.split(b'\n', 1)[1] if b'\n' in buf else b'')
                sys.stdout.write(text.decode('utf-8', 'replace'))
                if m.group(1) != b'0':
                    sys.stdout.write('FAIL: example %d exited %s: %s\n'
                                     % (n, m.group(1).decode(), cmd))
                    failed += 1
                break
    os.write(fd, b'exit\n')
    os.waitpid(pid, 0)
    return failed


def main():
    cmds = examples(sys.argv[1])
    if not cmds:
        print('FAIL: no examples found in %s' % sys.argv[1])
        return 1
    known = pins(cmds)
    if os.environ.get('README_LIST'):
        print('\n'.join(cmds))
        print(known)
        return 0
    failed = run(cmds, known)
    print('%d example(s), %d failed' % (len(cmds), failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
