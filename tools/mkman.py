#!/usr/bin/env python3
"""Fill a man page template from the program's own tables.

usage: mkman.py TEMPLATE OUTPUT DUTYDESK VERSION

@COMMANDS@ and @KEYS@ become `dutydesk --man-section commands|keys`, so the
page lists exactly the commands and keys the program has.
"""
import subprocess
import sys


def section(exe, name):
    return subprocess.run([exe, '--man-section', name], check=True,
                          capture_output=True, text=True).stdout


def main():
    template, output, exe, version = sys.argv[1:5]
    with open(template, encoding='utf-8') as f:
        text = f.read()
    text = text.replace('@COMMANDS@', section(exe, 'commands').rstrip('\n'))
    text = text.replace('@KEYS@', section(exe, 'keys').rstrip('\n'))
    text = text.replace('@VERSION@', version)
    with open(output, 'w', encoding='utf-8') as f:
        f.write(text)


if __name__ == '__main__':
    main()
