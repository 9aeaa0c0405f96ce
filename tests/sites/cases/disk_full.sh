# A full disk (here: a file size limit) fails with a clear error, exit 3,
# and leaves the previous output whole.
new_site full
add_record notices 2026-10-01-big.md <<EOT
---
type: notice
kind: notice
title: 一条正文很长的通知
date: 2026-10-01
summary: 测试磁盘空间不足。
---
$(seq 1 3000 | sed 's/.*/第&段：各位居民请注意，这是一段用来占用空间的测试文字。/')
EOT
gs build -o "$WORK/out"
expect_rc 0
before=$(tree_hash "$WORK/out")
sed -i 's/一条正文很长的通知/一条正文很长的新通知/' content/notices/2026-10-01-big.md
OUT="$WORK/last.out"; ERR="$WORK/last.err"
set +e
(ulimit -f 64; exec "$GONGSHI" build -o "$WORK/out") >"$OUT" 2>"$ERR"
RC=$?
set -e
expect_rc 3
expect_err "磁盘空间不足"
[ "$(tree_hash "$WORK/out")" = "$before" ] || fail "output changed after a failed build"
ls -a "$WORK" | grep -q '\.out\.staging-' && fail "staging directory left behind"
true
