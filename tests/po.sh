#!/bin/sh
# po.sh SOURCE_ROOT — every message the program can say has its Chinese
# translation: the messages of the files po/POTFILES lists, taken from the
# sources as they are now, each translated (not fuzzy) in po/zh_CN.po.  A
# message added or changed without its translation fails here, naming it.
set -eu
cd "$1"
pot=$(mktemp)
trap 'rm -f "$pot"' EXIT
xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 --files-from=po/POTFILES -o "$pot"
msgcmp po/zh_CN.po "$pot"
