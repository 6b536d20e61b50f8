#!/bin/sh
# Under a Chinese locale (LANG=zh_CN.UTF-8, nothing else set) the command line
# speaks the office's Chinese: --help, every command's help with its columns
# kept, and the errors; under LANG=C.UTF-8 the same is English.  The catalogue
# is the one built beside the uninstalled binary (build/po, see i18n.c).
. "$(dirname "$0")/lib.sh"

command -v localedef >/dev/null || { echo "localedef is not installed: skipping"; exit 77; }
[ -e /usr/share/i18n/locales/zh_CN ] || { echo "no zh_CN locale source (package locales): skipping"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is not installed: skipping"; exit 77; }
mkdir -p "$T/loc"
localedef -i zh_CN -f UTF-8 "$T/loc/zh_CN.UTF-8" >"$T/localedef.log" 2>&1
[ -e "$T/loc/zh_CN.UTF-8/LC_MESSAGES" ] || { cat "$T/localedef.log"; echo "localedef failed: skipping"; exit 77; }

# Only LANG: LC_ALL and LANGUAGE (set by lib.sh or the caller) must not decide.
zh() { with_pin env -u LC_ALL -u LANGUAGE -u LC_MESSAGES -u DUTYDESK_LOCALEDIR LOCPATH="$T/loc" LANG=zh_CN.UTF-8 "$DUTYDESK" "$@"; }
en() { with_pin env -u LC_ALL -u LANGUAGE -u LC_MESSAGES -u DUTYDESK_LOCALEDIR LANG=C.UTF-8 "$DUTYDESK" "$@"; }

# dutydesk --help
expect_status 0 zh --help
cp "$T/out" "$T/help.zh"
expect_grep "用法：dutydesk [--db PATH] [--operator NAME]" "$T/help.zh"
expect_grep "命令：" "$T/help.zh"
expect_grep "撤销疫情处置专班（仅限带班领导）" "$T/help.zh"
expect_grep "登记一项交办事项" "$T/help.zh"
expect_grep "      --operator NAME   在岗值班员（默认：\$DUTYDESK_OPERATOR）" "$T/help.zh"
expect_no_grep "Usage:" "$T/help.zh"
expect_no_grep "Stand the task force down" "$T/help.zh"
expect_status 0 en --help
cp "$T/out" "$T/help.en"
expect_grep "Usage: dutydesk [--db PATH] [--operator NAME]" "$T/help.en"
expect_grep "Stand the task force down (supervisor only)" "$T/help.en"
expect_no_grep "用法" "$T/help.en"

# Every command's help: in Chinese, its options where the English has them
# (option names and metavariables literal, the descriptions in one column, a
# CJK character counted as two), and no wider than 80 columns unless the
# English already is.
sed -n 's/^  \([a-z][a-z -]*[a-z]\)  .*/\1/p' "$T/help.en" >"$T/commands"
[ "$(wc -l <"$T/commands")" -gt 40 ] || fail "the command list was not read from --help: $(cat "$T/commands")"
while IFS= read -r words; do
  f=$(echo "$words" | tr ' ' '_')
  # shellcheck disable=SC2086
  zh $words --help >"$T/$f.zh" 2>&1 || fail "dutydesk $words --help failed under zh_CN"
  # shellcheck disable=SC2086
  en $words --help >"$T/$f.en" 2>&1 || fail "dutydesk $words --help failed under C.UTF-8"
  grep -q "^用法：dutydesk \[--db PATH\] $words" "$T/$f.zh" || fail "dutydesk $words --help: not Chinese"
  grep -q "^通用选项：" "$T/$f.zh" || fail "dutydesk $words --help: no 通用选项"
  grep -q "^Usage: dutydesk \[--db PATH\] $words" "$T/$f.en" || fail "dutydesk $words --help: not English"
done <"$T/commands"
python3 - "$T" "$T/commands" >"$T/align" 2>&1 <<'EOF' || fail "help columns under zh_CN: $(cat "$T/align")"
import re, sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
base, problems = sys.argv[1], []
opt = re.compile(r'^( {1,8}(?:-\S+(?:, -\S+)?|[a-zA-Z][\w|,-]*)(?: [A-Z][A-Z0-9_.|]*)*)( +)\S')
for words in open(sys.argv[2], encoding='utf-8').read().split('\n'):
    if not words:
        continue
    f = base + '/' + words.replace(' ', '_')
    en = open(f + '.en', encoding='utf-8').read().split('\n')
    zh = open(f + '.zh', encoding='utf-8').read().split('\n')
    limit = max(80, max(map(width, en)))
    for l in zh:
        if width(l) > limit:
            problems.append('%s: %d columns: %s' % (words, width(l), l))
    starts = {}
    for l in zh:
        m = opt.match(l)
        if m:
            starts.setdefault(m.group(1), len(m.group(1)) + len(m.group(2)))
    for l in en:
        m = opt.match(l)
        if not m:
            continue
        want = len(m.group(1)) + len(m.group(2))
        got = starts.get(m.group(1))
        if got is None:
            problems.append('%s: option %r is missing from the Chinese help' % (words, m.group(1).strip()))
        elif got != want:
            problems.append('%s: %r: description at column %d, the English at %d'
                            % (words, m.group(1).strip(), got, want))
    cont = [l for l in zh if re.match(r'^ {7,}\S', l) and not opt.match(l)]
    for l in cont:
        if not l.startswith(' ' * 24) or l[24] == ' ':
            problems.append('%s: continuation not at column 24: %r' % (words, l))
print('\n'.join(problems))
sys.exit(1 if problems else 0)
EOF
expect_grep "      --reason TEXT     撤销专班的原因（必填）" "$T/mode_stand-down.zh"
expect_grep "      --reason TEXT     why the task force stands down (required)" "$T/mode_stand-down.en"

# Errors: an unknown command, a refused stand-down, a bad time.
expect_status 2 zh frobnicate
expect_grep "dutydesk: “frobnicate”不是 dutydesk 的命令" "$T/err"
expect_grep "详见“dutydesk --help”。" "$T/err"
expect_status 2 en frobnicate
expect_grep "'frobnicate' is not a dutydesk command" "$T/err"

expect_status 0 zh init
expect_grep "已创建" "$T/err"
desk_init
enrol 王值班
enrol 徐航锋 supervisor
expect_status 0 zh --operator 王值班 log add --kind positive --summary "马剑村报告本土初筛阳性1例"
expect_grep "已启动疫情处置专班：阳性病例 #1" "$T/err"
expect_status 0 zh mode
expect_eq "mode stays a script's word under zh_CN" "taskforce" "$(head -n1 "$T/out")"
expect_status 4 zh --operator 王值班 mode stand-down --reason 经研判解除
expect_grep "只有带班领导才能撤销疫情处置专班" "$T/err"
expect_status 4 en --operator 王值班 mode stand-down --reason 经研判解除
expect_grep "only a supervisor can stand the task force down" "$T/err"
expect_status 4 zh --operator 徐航锋 mode stand-down --reason 经研判解除
expect_grep "无法撤销专班：本次疫情尚有 7 项上报未确认" "$T/err"
expect_status 4 en --operator 徐航锋 mode stand-down --reason 经研判解除
expect_grep "cannot stand down: 7 escalation(s) of the outbreak are not yet acknowledged" "$T/err"
expect_status 3 zh --operator 王值班 log add --kind call --summary x --group 无此组
expect_grep "dutydesk: 没有名为“无此组”的工作组（\`dutydesk roster\` 可列出各工作组）" "$T/err"
expect_status 3 en --operator 王值班 log add --kind call --summary x --group 无此组
expect_grep "dutydesk: no group called '无此组' (\`dutydesk roster\` lists the groups)" "$T/err"
expect_status 2 zh --operator 王值班 log add --kind call --summary x --at 昨天
expect_grep "“昨天”不是时间：请写成 2021-12-15T08:30" "$T/err"

# Tables: Chinese headings, the office's data as it is, CSV unchanged.
expect_status 0 zh log list
expect_grep "发生时间" "$T/out"
expect_grep "初筛阳性" "$T/out"
expect_grep "马剑村报告本土初筛阳性1例" "$T/out"
expect_status 0 zh log list --format csv
cp "$T/out" "$T/list.zh.csv"
expect_status 0 en log list --format csv
cmp -s "$T/out" "$T/list.zh.csv" || fail "log list --format csv differs between zh_CN and C.UTF-8"
expect_status 0 zh contacts
expect_grep "省级" "$T/out"

finish
